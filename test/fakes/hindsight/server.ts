import { type FakeControls, FakeServer, sendOutcome } from '../kit/fake-server';
import { RateWindow } from '../kit/rate-window';
import {
  forbidden, message, notFound, type Reply, serverError, tooManyRequests, unauthorized, badRequest,
} from './replies';
import { routeDeals } from './routes-deals';
import { seedState } from './seed';
import type { FakeOptions, FakeState, Fault, RecordedRequest } from './types';

export const DEFAULT_FAKE_KEY = 'hs_live_fake_0123456789abcdef0123456789abcdef';
export const API_PREFIX = '/api/v1';

export interface HindsightFake extends FakeControls<Fault> {
  /** The origin to give as the account's base URL (the client adds `/api/v1`). */
  url: string;
  apiKey: string;
  /** The data served; tests may read and change it. */
  state: FakeState;
}

/** Hindsight's reply for an injected error status. */
function faultReply(fault: Extract<Fault, { kind: 'status' }>, limit: number): Reply {
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
  /** The Essentials plan's 60 requests per minute; refused requests do not count. */
  const window = new RateWindow(limit, windowMs);

  const handle = (record: RecordedRequest, subpath: string): Reply | Fault => {
    if (!window.admit(record.at)) return tooManyRequests(limit, options.retryAfter ? window.retryAfterSeconds(record.at) : undefined);
    const fault = server.faults.take(record.method, subpath, record.query);
    if (fault) return fault;
    const token = bearer(record.headers['authorization']);
    if (!token) return unauthorized('Missing API key');
    if (token !== apiKey) return unauthorized('Invalid API key');
    if (subpath !== '/deals') return notFound();
    if (record.method !== 'GET') return message(405, 'Method not allowed');
    return routeDeals(state, record.query);
  };

  const server = new FakeServer<Fault>(({ record, url }, res) => {
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) return server.send(res, record, notFound());
    sendOutcome(server, res, record, handle(record, url.pathname.slice(API_PREFIX.length)), {
      statusReply: (fault) => faultReply(fault, limit),
      dropBody: state.deals.slice(0, 5),
    });
  });
  const port = await server.listen(options.port);
  return { url: `http://127.0.0.1:${port}`, apiKey, state, ...server.controls() };
}
