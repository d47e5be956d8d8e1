import { Agent, type Dispatcher } from 'undici';
import type { HttpMethod, QueryValue } from './types';
import type { ResponseHeaders } from './retry-after';

const KEEP_ALIVE_MS = 30_000;

/** Keep-alive agents shared by every client talking to the same origin. */
const sharedAgents = new Map<string, Agent>();

export function sharedAgentFor(origin: string, connectMs: number): Dispatcher {
  const key = `${origin}|${connectMs}`;
  let agent = sharedAgents.get(key);
  if (!agent) {
    agent = new Agent({ connect: { timeout: connectMs }, keepAliveTimeout: KEEP_ALIVE_MS });
    sharedAgents.set(key, agent);
  }
  return agent;
}

/** Closes the shared agents; call when the extension deactivates. */
export async function closeSharedAgents(): Promise<void> {
  const agents = [...sharedAgents.values()];
  sharedAgents.clear();
  await Promise.all(agents.map((agent) => agent.destroy().catch(() => undefined)));
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
  dispatcher: Dispatcher;
  target: RequestTarget;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
  responseMs: number;
  signal: AbortSignal;
}

/** One HTTP exchange, body included, under a deadline that covers headers and body together. */
export async function sendOnce(input: SendInput): Promise<RawResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, input.responseMs);
  const onAbort = (): void => controller.abort();
  input.signal.addEventListener('abort', onAbort, { once: true });
  try {
    if (input.signal.aborted) throw new TransportFailure('cancelled', 'aborted', 'connect');
    const response = await input.dispatcher.request({
      origin: input.target.origin,
      path: input.target.wirePath,
      method: input.method,
      headers: input.headers,
      body: input.body,
      signal: controller.signal,
      headersTimeout: input.responseMs,
      bodyTimeout: input.responseMs,
    });
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, text };
  } catch (error) {
    if (error instanceof TransportFailure) throw error;
    if (input.signal.aborted) throw new TransportFailure('cancelled', 'aborted', 'response');
    if (timedOut) throw new TransportFailure('timeout', 'response timeout', 'response');
    throw describeTransportError(error);
  } finally {
    clearTimeout(timer);
    input.signal.removeEventListener('abort', onAbort);
  }
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/** Maps undici and socket errors to what happened, keeping only the code (messages may carry addresses). */
export function describeTransportError(error: unknown): TransportFailure {
  const code = errorCode(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return new TransportFailure('timeout', code, 'connect');
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new TransportFailure('timeout', code, 'response');
  }
  return new TransportFailure('network', code, CONNECT_CODES.has(code) ? 'connect' : 'response');
}

function errorCode(error: unknown): string {
  const seen = new Set<unknown>();
  let current: unknown = error;
  // undici sometimes wraps the socket error in `cause`.
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error && error.name !== 'Error' ? error.name : 'connection failed';
}
