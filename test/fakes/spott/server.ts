import http from 'node:http';
import { FaultQueue } from '../kit/fault-queue';
import { FakeTransport, sendReply } from '../kit/transport';
import {
  badRequest, forbidden, notFound, type Reply, serverError, spottError, tooManyRequests, unauthorized,
} from './replies';
import { routeOpportunities, routeTasks, type RouteContext } from './routes';
import { seedState } from './seed';
import type { Fault, FaultMatch, FakeConfig, FakeOptions, FakeState, RecordedRequest } from './types';

export const DEFAULT_FAKE_KEY = 'spott-fake-key-5f3a9c1e7b2d4068a1c3e5f7092b4d6e';

export interface SpottFake {
  /** The API base, standing in for https://api.gospott.com. */
  url: string;
  apiKey: string;
  /** The data served; tests may read and change it. */
  state: FakeState;
  /** The knobs (envelope, viewType, PATCH answer, Retry-After); tests may change them. */
  config: FakeConfig;
  /** Every request that reached the fake, in arrival order. */
  requests: RecordedRequest[];
  /** Makes the next matching request(s) fail as described. */
  failNext(fault: Fault, match?: FaultMatch): void;
  /** Forgets recorded requests and pending faults (the rate window stays: it is the key's). */
  clearRequests(): void;
  close(): Promise<void>;
}

const now = (): number => performance.timeOrigin + performance.now();

type Route = (ctx: RouteContext) => Reply | undefined;
const ROUTES: Record<string, Route> = { opportunities: routeOpportunities, tasks: routeTasks };

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of search) {
    const had = query[name];
    query[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return query;
}

function parseBody(text: string): { value?: unknown; invalid?: boolean } {
  if (!text.trim()) return {};
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { value: text, invalid: true };
  }
}

function faultReply(fault: Extract<Fault, { kind: 'status' }>, requestId: string): Reply {
  const withOverrides = (reply: Reply): Reply => ({
    status: fault.status,
    body: fault.body ?? reply.body,
    headers: { ...reply.headers, ...fault.headers },
  });
  switch (fault.status) {
    case 401:
      return withOverrides(unauthorized(requestId));
    case 403:
      return withOverrides(forbidden(requestId, fault.message));
    case 404:
      return withOverrides(notFound(requestId, fault.message ?? 'Opportunity not found'));
    case 400:
    case 422: {
      const message = fault.message ?? 'Invalid value';
      return withOverrides(badRequest(requestId, [fault.field ? `${fault.field}: ${message}` : message], fault.status));
    }
    case 429:
      return withOverrides(tooManyRequests(requestId, fault.retryAfterSeconds === undefined ? 1 : fault.retryAfterSeconds, fault.message));
    default:
      return withOverrides(serverError(fault.status, requestId));
  }
}

/**
 * A faithful fake of Spott's REST API (notes §2, seed 004) on 127.0.0.1: `x-api-key` checked,
 * `GET /opportunities` (cursor paging by modification date, 50 at most, either list envelope),
 * `GET`/`PATCH /opportunities/{id}` with view-typed wrappers (with or without `viewType`) and
 * `customAttributes`, `GET /tasks`, `POST /tasks/_raw`, errors as `{status, message, requestId}`,
 * and the per-key rate limit enforced with 429 (+ `Retry-After`).
 */
export async function startSpottFake(options: FakeOptions = {}): Promise<SpottFake> {
  const apiKey = options.apiKey ?? DEFAULT_FAKE_KEY;
  const windowMs = options.rateWindowMs ?? 60_000;
  const perSecond = options.ratePerSecond ?? (options.ratePerMinute !== undefined ? options.ratePerMinute / 60 : 1000 / 60);
  const limit = Math.max(1, Math.floor((perSecond * windowMs) / 1000));
  const state = seedState(options.seed ?? 1, options.deals ?? 60, options.stages);
  const config: FakeConfig = {
    envelope: options.envelope ?? 'pageInfo',
    viewType: options.viewType ?? true,
    patchResponse: options.patchResponse ?? 'status',
    retryAfterHeader: options.retryAfterHeader ?? true,
  };
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue<Fault>();
  /** Arrival times of the requests served in the current window (refused ones do not count). */
  let served: number[] = [];
  const requestId = (): string => `req_${(state.nextIds.request++).toString(16).padStart(8, '0')}`;


  /** Refuses the request when `limit` were already served in the window; else counts it. */
  const rateLimited = (at: number, id: string): Reply | undefined => {
    served = served.filter((t) => at - t < windowMs);
    if (served.length >= limit) {
      const waitMs = served[0]! + windowMs - at;
      return tooManyRequests(id, config.retryAfterHeader ? Math.max(1, Math.ceil(waitMs / 1000)) : null);
    }
    served.push(at);
    return undefined;
  };

  const handle = (record: RecordedRequest, invalidJson: boolean, id: string): Reply | Fault => {
    const limited = rateLimited(record.at, id);
    if (limited) return limited;
    const fault = faults.take(record.method, record.path);
    if (fault) return fault;
    if (record.headers['x-api-key'] !== apiKey) return unauthorized(id);
    if (invalidJson) return badRequest(id, ['Unexpected token in JSON body']);
    const segments = record.path.split('/').filter(Boolean);
    const route = ROUTES[segments[0] ?? ''];
    const reply = route?.({ state, config, method: record.method, segments, query: record.query, body: record.body, nowMs: now, requestId: id });
    return reply ?? spottError(404, `Cannot ${record.method} ${record.path}`, id);
  };


  const server = http.createServer((req, res) => {
    const at = now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = parseBody(Buffer.concat(chunks).toString('utf8'));
      const record: RecordedRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        query: parseQuery(url.searchParams),
        headers: { ...req.headers },
        body: body.value,
        at,
      };
      requests.push(record);
      const id = requestId();
      const outcome = handle(record, body.invalid === true, id);
      if (!('kind' in outcome)) return sendReply(res, record, outcome);
      const fault = outcome;
      switch (fault.kind) {
        case 'status':
          return sendReply(res, record, faultReply(fault, id));
        case 'badShape':
          return sendReply(res, record, { status: 200, body: fault.body ?? { unexpected: true } });
        case 'delay':
          return transport.hang(res, fault.ms);
        case 'drop':
          return transport.dropHalfway(res, { items: [], pageInfo: { nextCursor: null, hasNextPage: false }, padding: 'x'.repeat(4096) });
      }
    });
  });
  const transport = new FakeTransport(server);
  const port = await transport.listen(options.port ?? 0);

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    state,
    config,
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
