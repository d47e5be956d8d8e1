import { type FakeControls, FakeServer, sendOutcome } from '../kit/fake-server';
import { now } from '../kit/recorded-request';
import { RateWindow } from '../kit/rate-window';
import { routeContactsAndAccounts, routeDealGroups, routeDeals, routeDealStages, routeUsers, type RouteContext } from './routes-deals';
import { routeFieldData, routeFieldMeta } from './routes-fields';
import { routeTasks, routeTaskTypes } from './routes-tasks';
import {
  forbidden, notFoundErrors, notFoundMessage, type Reply, serverError, tooManyRequests, unauthorized, unprocessable,
} from './replies';
import { seedState } from './seed';
import type { Fault, FakeOptions, FakeState, RecordedRequest } from './types';

export const DEFAULT_FAKE_KEY = 'ac-fake-0123456789abcdef0123456789abcdef01234567';
const API_PREFIX = '/api/3';
const WINDOW_MS = 1000;

export interface ActiveCampaignFake extends FakeControls<Fault> {
  /** The account URL, as shown in AC's Settings → Developer (no `/api/3`). */
  url: string;
  apiKey: string;
  /** The data served; tests may read and change it. */
  state: FakeState;
}

type Route = (ctx: RouteContext) => Reply | undefined;
const ROUTES: Record<string, Route> = {
  users: routeUsers,
  dealGroups: routeDealGroups,
  dealStages: routeDealStages,
  deals: routeDeals,
  contacts: routeContactsAndAccounts,
  accounts: routeContactsAndAccounts,
  dealCustomFieldMeta: routeFieldMeta,
  dealCustomFieldData: routeFieldData,
  dealTasks: routeTasks,
  dealTasktypes: routeTaskTypes,
};

/** AC's reply for an injected error status. */
function faultReply(fault: Extract<Fault, { kind: 'status' }>, limit: number, subpath: string): Reply {
  switch (fault.status) {
    case 401:
      return unauthorized();
    case 403:
      return forbidden(fault.message);
    case 404: {
      const [kind = 'Deal', id = '0'] = subpath.split('/').filter(Boolean);
      const entity = kind.replace(/s$/, '').replace(/^./, (c) => c.toUpperCase());
      return fault.shape === 'errors' ? notFoundErrors() : notFoundMessage(entity, id);
    }
    case 422:
      return unprocessable([{ field: fault.field, title: fault.message ?? 'The value is not valid.' }]);
    case 429:
      return tooManyRequests(fault.retryAfterSeconds ?? 1, limit, fault.message);
    case 400:
      return { status: 400, body: { errors: [{ title: fault.message ?? 'Bad Request' }] } };
    default:
      return serverError(fault.status);
  }
}

/**
 * A faithful fake of ActiveCampaign's API v3 on 127.0.0.1: `Api-Token` checked, AC's envelopes
 * and quirks (string numbers, `meta.total` as a string, `meta.currencies` `[]` when empty,
 * side-loaded stages, the `isDisabled` stub deal, wrong wrapper keys silently ignored), and the
 * documented 5 requests per second enforced with 429 + `Retry-After`.
 */
export async function startActiveCampaignFake(options: FakeOptions = {}): Promise<ActiveCampaignFake> {
  const apiKey = options.apiKey ?? DEFAULT_FAKE_KEY;
  const rate = options.ratePerSecond ?? 5;
  const state = seedState(options.seed ?? 1, options.deals ?? 60, options.stages);
  /** AC allows 5 requests per second per account; refused requests do not count. */
  const window = new RateWindow(rate, WINDOW_MS);

  const handle = (record: RecordedRequest, subpath: string, invalidJson: boolean): Reply | Fault => {
    if (!window.admit(record.at)) return tooManyRequests(window.retryAfterSeconds(record.at), rate);
    const fault = server.faults.take(record.method, subpath);
    if (fault) return fault;
    const token = record.headers['api-token'];
    if (token !== apiKey) return unauthorized();
    if (invalidJson) return { status: 400, body: { errors: [{ title: 'The request body is not valid JSON.' }] } };
    const segments = subpath.split('/').filter(Boolean);
    const route = ROUTES[segments[0] ?? ''];
    const reply = route?.({ state, method: record.method, segments, query: record.query, body: record.body, nowMs: now });
    return reply ?? { status: 404, body: { message: 'Not Found' } };
  };

  const server = new FakeServer<Fault>(({ record, url, invalidJson }, res) => {
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) return server.send(res, record, { status: 404, body: 'Not Found' });
    const subpath = url.pathname.slice(API_PREFIX.length);
    sendOutcome(server, res, record, handle(record, subpath, invalidJson), {
      statusReply: (fault) => faultReply(fault, rate, subpath),
      dropBody: { deals: [], dealTasks: [], padding: 'x'.repeat(4096) },
    });
  });
  const port = await server.listen(options.port);
  return { url: `http://127.0.0.1:${port}`, apiKey, state, ...server.controls() };
}
