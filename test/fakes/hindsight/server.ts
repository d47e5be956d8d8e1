import http from 'node:http';
import { FaultQueue } from '../kit/fault-queue';
import { FakeTransport, sendReply } from '../kit/transport';
import {
  forbidden, message, notFound, type Reply, serverError, tooManyRequests, unauthorized, badRequest,
} from './replies';
import { routeDeals } from './routes-deals';
import { seedState } from './seed';
import type { FakeOptions, FakeState, Fault, FaultMatch, RecordedRequest } from './types';

export const DEFAULT_FAKE_KEY = 'hs_live_fake_0123456789abcdef0123456789abcdef';
export const API_PREFIX = '/api/v1';

export interface HindsightFake {
  /** The origin to give as the account's base URL (the client adds `/api/v1`). */
  url: string;
  apiKey: string;
  /** The data served; tests may read and change it. */
  state: FakeState;
  /** Every request that reached the fake, in arrival order. */
  requests: RecordedRequest[];
  /** Makes the next matching request(s) fail as described. */
  failNext(fault: Fault, match?: FaultMatch): void;
  /** Forgets recorded requests and pending faults (the rate window stays: it is the account's). */
  clearRequests(): void;
  close(): Promise<void>;
}

const now = (): number => performance.timeOrigin + performance.now();

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of search) {
    const had = query[name];
    query[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return query;
}

function faultReply(fault: Extract<Fault, { kind: 'status' }>, limit: number): Reply {
  const base = (): Reply => {
    switch (fault.status) {
      case 400:
        return badRequest(fault.message ?? 'Invalid request');
      case 401:
        return unauthorized(fault.message);
      case 403:
        return forbidden(fault.message);
      case 404:
        return notFound(fault.message);
      case 429:
        return tooManyRequests(limit, fault.retryAfterSeconds, fault.message);
      case 500:
        return fault.message ? message(500, fault.message) : serverError(500);
      default:
        return serverError(fault.status);
    }
  };
  const reply = base();
  return { status: fault.status, body: fault.body ?? reply.body, headers: { ...reply.headers, ...fault.headers } };
}

/** `Bearer <key>`, scheme case-insensitive, as the docs show it. */
function bearer(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(.+)$/i.exec(value.trim()) : null;
  return match?.[1];
}

/**
 * A faithful fake of Hindsight's API on 127.0.0.1: `GET /api/v1/deals` with Bearer auth, the
 * documented filters, `count=true`, `columns` and paging (see routes-deals.ts), `{"message"}`
 * error bodies, and the Essentials plan's 60 requests per minute enforced with 429 (a sliding
 * minute; `minuteMs` shortens it for tests). Nothing writes: every other method is a 405.
 */
export async function startHindsightFake(options: FakeOptions = {}): Promise<HindsightFake> {
  const apiKey = options.apiKey ?? DEFAULT_FAKE_KEY;
  const limit = options.ratePerMinute ?? 60;
  const windowMs = options.minuteMs ?? 60_000;
  const state = seedState(options.seed ?? 1, options.deals ?? 60, options.stages);
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue<Fault>();
  /** Arrival times of the requests served in the current window (refused ones do not count). */
  let served: number[] = [];


  /** Refuses the request when `limit` were already served in the last window; else counts it. */
  const rateLimited = (at: number): Reply | undefined => {
    served = served.filter((t) => at - t < windowMs);
    if (served.length >= limit) {
      const waitMs = served[0]! + windowMs - at;
      return tooManyRequests(limit, options.retryAfter ? Math.max(1, Math.ceil(waitMs / 1000)) : undefined);
    }
    served.push(at);
    return undefined;
  };

  const handle = (record: RecordedRequest, subpath: string): Reply | Fault => {
    const limited = rateLimited(record.at);
    if (limited) return limited;
    const fault = faults.take(record.method, subpath, record.query);
    if (fault) return fault;
    const token = bearer(record.headers['authorization']);
    if (!token) return unauthorized('Missing API key');
    if (token !== apiKey) return unauthorized('Invalid API key');
    if (subpath !== '/deals') return notFound();
    if (record.method !== 'GET') return message(405, 'Method not allowed');
    return routeDeals(state, record.query);
  };


  const server = http.createServer((req, res) => {
    const at = now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const record: RecordedRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: parseQuery(url.searchParams),
        headers: { ...req.headers },
        body: text || undefined,
        at,
      };
      requests.push(record);
      if (!url.pathname.startsWith(`${API_PREFIX}/`)) return sendReply(res, record, notFound());
      const subpath = url.pathname.slice(API_PREFIX.length);
      const outcome = handle(record, subpath);
      if (!('kind' in outcome)) return sendReply(res, record, outcome);
      const fault = outcome;
      switch (fault.kind) {
        case 'status':
          return sendReply(res, record, faultReply(fault, limit));
        case 'badShape':
          return sendReply(res, record, { status: 200, body: fault.body ?? { unexpected: true }, headers: { 'content-type': 'application/json' } });
        case 'delay':
          return transport.hang(res, fault.ms);
        case 'drop':
          return transport.dropHalfway(res, state.deals.slice(0, 5));
      }
    });
  });
  const transport = new FakeTransport(server);
  const port = await transport.listen(options.port ?? 0);

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    state,
    requests,
    failNext(fault, match = {}) {
      faults.add(fault, match);
    },
    clearRequests() {
      requests.length = 0;
      faults.clear();
    },
    close() {
      return transport.close();
    },
  };
}
