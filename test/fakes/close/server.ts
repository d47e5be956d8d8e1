import { type FakeControls, FakeServer } from '../kit/fake-server';
import { now, type RecordedRequest } from '../kit/recorded-request';
import { RateWindow } from '../kit/rate-window';
import type { FakeReply } from '../kit/transport';
import { type CloseFault, closeErrorBody } from './faults';
import { rateLimitHeader } from './rate-limit';
import { type Answer, route, type RouteRequest } from './routes';
import { DEFAULT_DEALS, DEFAULT_SEED, seedState } from './seed';
import type { CloseFakeState } from './state';

export const API_BASE = '/api/v1';
export type { RecordedRequest } from '../kit/recorded-request';

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

export interface CloseFake extends FakeControls<CloseFault> {
  /** Base URL including `/api/v1`, e.g. `http://127.0.0.1:41234/api/v1`. */
  url: string;
  apiKey: string;
  state: CloseFakeState;
  /** 429s answered because the enforced rate was exceeded (not the ones from failNext). */
  readonly rateLimited: number;
}

/** Close's check: Basic with the key as user name and an empty password. */
function authorized(header: string | string[] | undefined, apiKey: string): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(typeof header === 'string' ? header : '');
  if (!match) return false;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && decoded.slice(0, colon) === apiKey;
}

/** Close answers JSON without a charset; its gateway errors are HTML pages. */
function closeReply(status: number, body: unknown, headers: Record<string, string> = {}): FakeReply {
  const contentType = typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json';
  return { status, body, headers: { 'content-type': contentType, ...headers } };
}

/** A 429 with exactly one wait hint (no regular RateLimit header), so each form is tested alone. */
function rateLimitFault(fault: Extract<CloseFault, { kind: 'rateLimit' }>): FakeReply {
  const s = String(fault.seconds);
  const message = 'API call count exceeded for this period';
  switch (fault.form) {
    case 'RateLimit':
      return closeReply(429, { error: { message } }, { ratelimit: `limit=100, remaining=0, reset=${s}` });
    case 'Retry-After':
      return closeReply(429, { error: { message } }, { 'retry-after': s });
    case 'RateLimit-Reset':
      return closeReply(429, { error: { message } }, { 'ratelimit-reset': s });
    case 'body':
      return closeReply(429, { error: { rate_reset: fault.seconds, message } });
  }
}

/** Starts a faithful fake of Close's API v1 on 127.0.0.1. */
export async function startCloseFake(options: CloseFakeOptions = {}): Promise<CloseFake> {
  const apiKey = options.apiKey ?? 'fake-close-key';
  const state = seedState(options.seed ?? DEFAULT_SEED, options.deals ?? DEFAULT_DEALS, options.stages);
  const window = new RateWindow(options.ratePerSecond ?? 20, 1000);

  const server = new FakeServer<CloseFault>(({ record, url, invalidJson }, res) => {
    const send = (reply: FakeReply): void => {
      server.send(res, record, { ...reply, headers: { ...rateLimitHeader(window, now()), ...reply.headers } });
    };
    const answer = (a: Answer): void => send(closeReply(a.status, a.body));

    if (!url.pathname.startsWith(`${API_BASE}/`)) return send(closeReply(404, closeErrorBody(404)));
    const relative = url.pathname.slice(API_BASE.length);
    if (!window.admit(record.at)) {
      const reset = window.resetSeconds(record.at);
      return send(closeReply(429, { error: { rate_reset: Math.round(reset * 1000) / 1000, message: 'API call count exceeded for this period' } }, {
        'retry-after': String(Math.ceil(reset)),
      }));
    }
    if (!authorized(record.headers['authorization'], apiKey)) return send(closeReply(401, closeErrorBody(401)));
    // Close's paths end with "/"; without it the server redirects [UNCONFIRMED: the exact status].
    if (!relative.endsWith('/')) return send(closeReply(308, undefined, { location: `${API_BASE}${relative}/${url.search}` }));
    const fault = server.faults.take(record.method, relative);
    if (fault) return applyFault(fault);
    if (invalidJson) return send(closeReply(400, { errors: ['Invalid JSON body.'], 'field-errors': {} }));
    answer(route(state, routeRequest(record, url, relative)));

    function applyFault(f: CloseFault): void {
      switch (f.kind) {
        case 'status':
          return send(closeReply(f.status, f.body ?? closeErrorBody(f.status), f.headers));
        case 'fieldErrors':
          return send(closeReply(400, { errors: f.errors ?? [], 'field-errors': f.fieldErrors }));
        case 'rateLimit':
          return server.send(res, record, rateLimitFault(f));
        case 'delay': {
          const timer = setTimeout(() => {
            if (res.destroyed || !res.socket || res.socket.destroyed) return;
            answer(route(state, routeRequest(record, url, relative)));
          }, f.ms);
          res.on('close', () => clearTimeout(timer));
          return;
        }
        case 'drop':
          return server.transport.dropHalfway(res, { data: [{ id: 'oppo_partial', note: 'x'.repeat(200) }], has_more: false });
        case 'wrongShape':
          return send(closeReply(200, f.body ?? { id: 42, data: 'not a list', fields: 'not a list', statuses: null }));
      }
    }
  });
  const port = await server.listen(options.port);
  return {
    url: `http://127.0.0.1:${port}${API_BASE}`,
    apiKey,
    state,
    ...server.controls(),
    get rateLimited() {
      return window.refused;
    },
  };
}

function routeRequest(record: RecordedRequest, url: URL, relative: string): RouteRequest {
  const tz = Number(record.headers['x-tz-offset'] ?? 0);
  return { method: record.method, path: relative, query: url.searchParams, body: record.body, tzOffsetHours: Number.isFinite(tz) ? tz : 0 };
}
