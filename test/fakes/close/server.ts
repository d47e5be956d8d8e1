import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CloseFault, closeErrorBody, type FaultMatch, matches, type QueuedFault } from './faults';
import { SlidingWindow } from './rate-limit';
import { type Answer, route, type RouteRequest } from './routes';
import { DEFAULT_DEALS, DEFAULT_SEED, seedState } from './seed';
import type { CloseFakeState } from './state';

export const API_BASE = '/api/v1';

export interface CloseFakeOptions {
  /** The key Basic auth must carry as user name. Default `fake-close-key`. */
  apiKey?: string;
  /** Seed of the generated data. Default 7802. */
  seed?: number;
  /** Opportunities: a total spread over the pipelines (50/30/20 %), or a count per pipeline name. Default 60. */
  deals?: number | Record<string, number>;
  /**
   * Statuses of the main pipeline (Sales), which then holds every deal of a numeric `deals`, spread
   * evenly: `{deals: 10000, stages: 8}` is one pipeline of 10,000 deals in 8 stages. Default: Sales's 5.
   */
  stages?: number;
  /** Requests per second per key before 429 (sliding 1 s window). Default 20, Close's documented example; 0 = off. */
  ratePerSecond?: number;
  /** Port on 127.0.0.1. Default: any free port. */
  port?: number;
}

export interface RecordedRequest {
  method: string;
  /** The path as sent, with `/api/v1`, without the query. */
  path: string;
  query: Record<string, string | string[]>;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** Date.now() at arrival. */
  at: number;
  /** The status answered (0 for a dropped connection). */
  status: number;
}

export interface CloseFake {
  /** Base URL including `/api/v1`, e.g. `http://127.0.0.1:41234/api/v1`. */
  url: string;
  apiKey: string;
  state: CloseFakeState;
  requests: RecordedRequest[];
  /** 429s answered because the enforced rate was exceeded (not the ones from failNext). */
  readonly rateLimited: number;
  /** The next matching request (default: any) gets `fault` instead of its answer; `times` requests in a row. */
  failNext(fault: CloseFault, match?: FaultMatch & { times?: number }): void;
  /** Forgets recorded requests (the state is kept). */
  clearRequests(): void;
  close(): Promise<void>;
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0]!;
  }
  return out;
}

function parseBody(text: string): { value: unknown; invalid: boolean } {
  if (!text) return { value: undefined, invalid: false };
  try {
    return { value: JSON.parse(text), invalid: false };
  } catch {
    return { value: text, invalid: true };
  }
}

/** Close's check: Basic with the key as user name and an empty password. */
function authorized(header: string | undefined, apiKey: string): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return false;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && decoded.slice(0, colon) === apiKey;
}

/** Starts a faithful fake of Close's API v1 on 127.0.0.1. */
export async function startCloseFake(options: CloseFakeOptions = {}): Promise<CloseFake> {
  const apiKey = options.apiKey ?? 'fake-close-key';
  const state = seedState(options.seed ?? DEFAULT_SEED, options.deals ?? DEFAULT_DEALS, options.stages);
  const window = new SlidingWindow(options.ratePerSecond ?? 20);
  const requests: RecordedRequest[] = [];
  const faults: QueuedFault[] = [];

  const takeFault = (method: string, path: string): CloseFault | undefined => {
    const index = faults.findIndex((f) => matches(f.match, method, path));
    if (index < 0) return undefined;
    const queued = faults[index]!;
    if (--queued.times <= 0) faults.splice(index, 1);
    return queued.fault;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const now = Date.now();
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const body = parseBody(text);
      const record: RecordedRequest = {
        method: req.method ?? 'GET', path: url.pathname, query: queryRecord(url.searchParams), headers: req.headers,
        body: body.value, at: now, status: 0,
      };
      requests.push(record);
      const rateHeader = (): Record<string, string> => {
        const value = window.header(Date.now());
        return value ? { ratelimit: value } : {};
      };
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}, withRateHeader = true): void => {
        record.status = status;
        const isText = typeof payload === 'string';
        const out = payload === undefined ? '' : isText ? payload : JSON.stringify(payload);
        res.writeHead(status, {
          'content-type': isText ? 'text/html; charset=utf-8' : 'application/json',
          'content-length': String(Buffer.byteLength(out)),
          ...(withRateHeader ? rateHeader() : {}),
          ...headers,
        });
        res.end(out);
      };
      const answer = (a: Answer): void => send(a.status, a.body);

      if (!url.pathname.startsWith(`${API_BASE}/`)) return send(404, closeErrorBody(404));
      const relative = url.pathname.slice(API_BASE.length);
      if (!window.admit(now)) {
        const reset = window.resetSeconds(now);
        return send(429, { error: { rate_reset: Math.round(reset * 1000) / 1000, message: 'API call count exceeded for this period' } }, {
          'retry-after': String(Math.ceil(reset)),
        });
      }
      if (!authorized(req.headers.authorization, apiKey)) return send(401, closeErrorBody(401));
      // Close's paths end with "/"; without it the server redirects [UNCONFIRMED: the exact status].
      if (!relative.endsWith('/')) {
        return send(308, undefined, { location: `${API_BASE}${relative}/${url.search}` });
      }
      const fault = takeFault(record.method, relative);
      if (fault) return applyFault(fault);
      if (body.invalid) return send(400, { errors: ['Invalid JSON body.'], 'field-errors': {} });
      answer(route(state, routeRequest()));

      function routeRequest(): RouteRequest {
        const tz = Number(req.headers['x-tz-offset'] ?? 0);
        return { method: record.method, path: relative, query: url.searchParams, body: body.value, tzOffsetHours: Number.isFinite(tz) ? tz : 0 };
      }

      function applyFault(f: CloseFault): void {
        switch (f.kind) {
          case 'status':
            return send(f.status, f.body ?? closeErrorBody(f.status), f.headers);
          case 'fieldErrors':
            return send(400, { errors: f.errors ?? [], 'field-errors': f.fieldErrors });
          case 'rateLimit': {
            // Exactly one hint per form (no regular RateLimit header), so each is tested alone.
            const s = String(f.seconds);
            const message = { error: { message: 'API call count exceeded for this period' } };
            if (f.form === 'RateLimit') return send(429, message, { ratelimit: `limit=100, remaining=0, reset=${s}` }, false);
            if (f.form === 'Retry-After') return send(429, message, { 'retry-after': s }, false);
            if (f.form === 'RateLimit-Reset') return send(429, message, { 'ratelimit-reset': s }, false);
            return send(429, { error: { rate_reset: f.seconds, message: message.error.message } }, {}, false);
          }
          case 'delay': {
            const timer = setTimeout(() => {
              if (res.destroyed || req.socket.destroyed) return;
              answer(route(state, routeRequest()));
            }, f.ms);
            res.on('close', () => clearTimeout(timer));
            return;
          }
          case 'drop': {
            const out = JSON.stringify({ data: [{ id: 'oppo_partial', note: 'x'.repeat(200) }], has_more: false });
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(out)) });
            res.write(out.slice(0, Math.floor(out.length / 2)));
            setTimeout(() => res.destroy(), 20);
            return;
          }
          case 'wrongShape':
            return send(200, f.body ?? { id: 42, data: 'not a list', fields: 'not a list', statuses: null });
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${API_BASE}`,
    apiKey,
    state,
    requests,
    get rateLimited() {
      return window.refused;
    },
    failNext(fault, match = {}) {
      const { times = 1, ...where } = match;
      faults.push({ fault, match: where, times });
    },
    clearRequests() {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
