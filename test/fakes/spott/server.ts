import { type FakeControls, FakeServer, sendOutcome } from '../kit/fake-server';
import { now } from '../kit/recorded-request';
import { RateWindow } from '../kit/rate-window';
import {
  badRequest, forbidden, notFound, type Reply, serverError, spottError, tooManyRequests, unauthorized,
} from './replies';
import { routeOpportunities, routeTasks, type RouteContext } from './routes';
import { seedState } from './seed';
import type { Fault, FakeConfig, FakeOptions, FakeState, RecordedRequest } from './types';

export const DEFAULT_FAKE_KEY = 'spott-fake-key-5f3a9c1e7b2d4068a1c3e5f7092b4d6e';

export interface SpottFake extends FakeControls<Fault> {
  /** The API base, standing in for https://api.gospott.com. */
  url: string;
  apiKey: string;
  /** The data served; tests may read and change it. */
  state: FakeState;
  /** The knobs (envelope, viewType, PATCH answer, Retry-After); tests may change them. */
  config: FakeConfig;
}

type Route = (ctx: RouteContext) => Reply | undefined;
const ROUTES: Record<string, Route> = { opportunities: routeOpportunities, tasks: routeTasks };

/** Spott's reply for an injected error status. */
function faultReply(fault: Extract<Fault, { kind: 'status' }>, requestId: string): Reply {
  switch (fault.status) {
    case 401:
      return unauthorized(requestId);
    case 403:
      return forbidden(requestId, fault.message);
    case 404:
      return notFound(requestId, fault.message ?? 'Opportunity not found');
    case 400:
    case 422: {
      const message = fault.message ?? 'Invalid value';
      return badRequest(requestId, [fault.field ? `${fault.field}: ${message}` : message], fault.status);
    }
    case 429:
      return tooManyRequests(requestId, fault.retryAfterSeconds === undefined ? 1 : fault.retryAfterSeconds, fault.message);
    default:
      return serverError(fault.status, requestId);
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
  /** Spott allows 1000 requests per minute per key; refused requests do not count. */
  const window = new RateWindow(limit, windowMs);
  const requestId = (): string => `req_${(state.nextIds.request++).toString(16).padStart(8, '0')}`;

  const handle = (record: RecordedRequest, invalidJson: boolean, id: string): Reply | Fault => {
    if (!window.admit(record.at)) return tooManyRequests(id, config.retryAfterHeader ? window.retryAfterSeconds(record.at) : null);
    const fault = server.faults.take(record.method, record.path);
    if (fault) return fault;
    if (record.headers['x-api-key'] !== apiKey) return unauthorized(id);
    if (invalidJson) return badRequest(id, ['Unexpected token in JSON body']);
    const segments = record.path.split('/').filter(Boolean);
    const route = ROUTES[segments[0] ?? ''];
    const reply = route?.({ state, config, method: record.method, segments, query: record.query, body: record.body, nowMs: now, requestId: id });
    return reply ?? spottError(404, `Cannot ${record.method} ${record.path}`, id);
  };

  const server = new FakeServer<Fault>(({ record, invalidJson }, res) => {
    const id = requestId();
    sendOutcome(server, res, record, handle(record, invalidJson, id), {
      statusReply: (fault) => faultReply(fault, id),
      dropBody: { items: [], pageInfo: { nextCursor: null, hasNextPage: false }, padding: 'x'.repeat(4096) },
    });
  });
  const port = await server.listen(options.port);
  return { url: `http://127.0.0.1:${port}`, apiKey, state, config, ...server.controls() };
}
