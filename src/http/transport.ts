import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { HttpMethod, QueryValue } from './types';
import type { ResponseHeaders } from './retry-after';

// Node's own http/https clients, not undici: they are part of the extension host, so they add
// nothing to dist/extension.js (undici's Agent alone was over 200 KB of it), and VS Code's proxy
// and certificate settings apply to them.

const KEEP_ALIVE_MS = 30_000;

/** The connection pool requests go through: a keep-alive node:http or node:https Agent. */
export type ConnectionPool = http.Agent;

/** Keep-alive agents shared by every client talking to the same origin. */
const sharedAgents = new Map<string, http.Agent>();

export function sharedAgentFor(origin: string): ConnectionPool {
  let agent = sharedAgents.get(origin);
  if (!agent) {
    // `timeout` closes a pooled socket left idle this long; request deadlines are sendOnce's.
    const options: http.AgentOptions = { keepAlive: true, timeout: KEEP_ALIVE_MS, scheduling: 'lifo' };
    agent = origin.startsWith('https:') ? new https.Agent(options) : new http.Agent(options);
    sharedAgents.set(origin, agent);
  }
  return agent;
}

/** Closes the shared agents; call when the extension deactivates. */
export async function closeSharedAgents(): Promise<void> {
  const agents = [...sharedAgents.values()];
  sharedAgents.clear();
  for (const agent of agents) agent.destroy();
}

export interface RequestTarget {
  origin: string;
  host: string;
  /** Path sent on the wire: the base URL's path, the request path and the query. */
  wirePath: string;
  /** The request path as the provider wrote it, without the query: used in operation names. */
  requestPath: string;
  /** The request path with its query: used in log lines (after redaction). */
  requestPathWithQuery: string;
}

export function buildTarget(baseUrl: string, path: string, query?: Record<string, QueryValue>): RequestTarget {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const requestPath = path.startsWith('/') ? path : `/${path}`;
  const queryString = encodeQuery(query);
  const suffix = queryString ? `?${queryString}` : '';
  return {
    origin: base.origin,
    host: base.host,
    wirePath: `${basePath}${requestPath}${suffix}`,
    requestPath,
    requestPathWithQuery: `${requestPath}${suffix}`,
  };
}

export function encodeQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(item))}`);
    }
  }
  return pairs.join('&');
}

export interface RawResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

export type TransportFailureKind = 'cancelled' | 'timeout' | 'network';

/** Why one attempt produced no response; the client turns it into a CrmError. */
export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    /** e.g. ECONNREFUSED, UND_ERR_SOCKET; never a URL or header. */
    readonly code: string,
    /** connect: the connection never opened; response: it opened but the answer did not complete. */
    readonly phase: 'connect' | 'response',
  ) {
    super(code);
    this.name = 'TransportFailure';
  }
}

export interface SendInput {
  agent: ConnectionPool;
  target: RequestTarget;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
  connectMs: number;
  responseMs: number;
  signal: AbortSignal;
}

/**
 * One HTTP exchange, body included: the connection must open within connectMs, and headers and
 * body together must arrive within responseMs.
 */
export async function sendOnce(input: SendInput): Promise<RawResponse> {
  if (input.signal.aborted) throw new TransportFailure('cancelled', 'aborted', 'connect');
  const controller = new AbortController();
  let failure: TransportFailure | undefined;
  const stop = (why: TransportFailure): void => {
    failure ??= why;
    controller.abort();
  };
  const deadline = setTimeout(() => stop(new TransportFailure('timeout', 'response timeout', 'response')), input.responseMs);
  const onAbort = (): void => stop(new TransportFailure('cancelled', 'aborted', 'response'));
  input.signal.addEventListener('abort', onAbort, { once: true });
  let connectTimer: NodeJS.Timeout | undefined;
  try {
    const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = (input.target.origin.startsWith('https:') ? https : http).request(
        input.target.origin,
        {
          agent: input.agent,
          method: input.method,
          path: input.target.wirePath,
          headers: bodyHeaders(input.headers, input.body),
          signal: controller.signal,
        },
        resolve,
      );
      // `on`, not `once`: an error after the response arrived must not go unhandled.
      request.on('error', reject);
      request.once('socket', (socket: Socket) => {
        if (!socket.connecting) return;
        connectTimer = setTimeout(
          () => stop(new TransportFailure('timeout', 'connect timeout', 'connect')),
          input.connectMs,
        );
        socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
      });
      request.end(input.body);
    });
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    return { status: response.statusCode ?? 0, headers: responseHeaders(response), text: Buffer.concat(chunks).toString('utf8') };
  } catch (error) {
    if (failure) throw failure;
    throw describeTransportError(error);
  } finally {
    clearTimeout(deadline);
    clearTimeout(connectTimer);
    input.signal.removeEventListener('abort', onAbort);
  }
}

/** A string body is sent whole with its length, never chunked. */
function bodyHeaders(headers: Record<string, string>, body: string | undefined): Record<string, string> {
  if (body === undefined || Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) return headers;
  return { ...headers, 'content-length': String(Buffer.byteLength(body)) };
}

/** Lower-case names; a header sent once is a string, a repeated one an array of its values. */
function responseHeaders(response: http.IncomingMessage): ResponseHeaders {
  const headers: ResponseHeaders = {};
  for (const [name, values] of Object.entries(response.headersDistinct)) {
    if (values) headers[name] = values.length === 1 ? values[0] : values;
  }
  return headers;
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/** Maps socket errors to what happened, keeping only the code (messages may carry addresses). */
export function describeTransportError(error: unknown): TransportFailure {
  const code = errorCode(error);
  if (code === 'ETIMEDOUT') return new TransportFailure('timeout', code, 'connect');
  return new TransportFailure('network', code, CONNECT_CODES.has(code) ? 'connect' : 'response');
}

function errorCode(error: unknown): string {
  const seen = new Set<unknown>();
  let current: unknown = error;
  // Some errors wrap the socket error in `cause`.
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error && error.name !== 'Error' ? error.name : 'connection failed';
}
