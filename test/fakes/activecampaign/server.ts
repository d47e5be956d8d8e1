import http from 'node:http';
import { FaultQueue } from '../kit/fault-queue';
import { FakeTransport, sendReply } from '../kit/transport';
import { routeContactsAndAccounts, routeDealGroups, routeDeals, routeDealStages, routeUsers, type RouteContext } from './routes-deals';
import { routeFieldData, routeFieldMeta } from './routes-fields';
import { routeTasks, routeTaskTypes } from './routes-tasks';
import {
  forbidden, notFoundErrors, notFoundMessage, type Reply, serverError, tooManyRequests, unauthorized, unprocessable,
} from './replies';
import { seedState } from './seed';
import type { Fault, FaultMatch, FakeOptions, FakeState, RecordedRequest } from './types';

export const DEFAULT_FAKE_KEY = 'ac-fake-0123456789abcdef0123456789abcdef01234567';
const API_PREFIX = '/api/3';
const WINDOW_MS = 1000;

export interface ActiveCampaignFake {
  /** The account URL, as shown in AC's Settings → Developer (no `/api/3`). */
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

function faultReply(fault: Extract<Fault, { kind: 'status' }>, limit: number, subpath: string): Reply {
  const withOverrides = (reply: Reply): Reply => ({
    status: fault.status,
    body: fault.body ?? reply.body,
    headers: { ...reply.headers, ...fault.headers },
  });
  switch (fault.status) {
    case 401:
      return withOverrides(unauthorized());
    case 403:
      return withOverrides(forbidden(fault.message));
    case 404: {
      const [kind = 'Deal', id = '0'] = subpath.split('/').filter(Boolean);
      const entity = kind.replace(/s$/, '').replace(/^./, (c) => c.toUpperCase());
      return withOverrides(fault.shape === 'errors' ? notFoundErrors() : notFoundMessage(entity, id));
    }
    case 422:
      return withOverrides(unprocessable([{ field: fault.field, title: fault.message ?? 'The value is not valid.' }]));
    case 429:
      return withOverrides(tooManyRequests(fault.retryAfterSeconds ?? 1, limit, fault.message));
    case 400:
      return withOverrides({ status: 400, body: { errors: [{ title: fault.message ?? 'Bad Request' }] } });
    default:
      return withOverrides(serverError(fault.status));
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
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue<Fault>();
  /** Arrival times of the requests served in the current window (refused ones do not count). */
  let served: number[] = [];


  /** Refuses the request when `rate` were already served in the last second; else counts it. */
  const rateLimited = (at: number): Reply | undefined => {
    served = served.filter((t) => at - t < WINDOW_MS);
    if (served.length >= rate) {
      const waitMs = served[0]! + WINDOW_MS - at;
      return tooManyRequests(Math.max(1, Math.ceil(waitMs / 1000)), rate);
    }
    served.push(at);
    return undefined;
  };

  const handle = (record: RecordedRequest, subpath: string, invalidJson: boolean): Reply | Fault => {
    const limited = rateLimited(record.at);
    if (limited) return limited;
    const fault = faults.take(record.method, subpath);
    if (fault) return fault;
    const token = record.headers['api-token'];
    if (token !== apiKey) return unauthorized();
    if (invalidJson) return { status: 400, body: { errors: [{ title: 'The request body is not valid JSON.' }] } };
    const segments = subpath.split('/').filter(Boolean);
    const route = ROUTES[segments[0] ?? ''];
    const reply = route?.({ state, method: record.method, segments, query: record.query, body: record.body, nowMs: now });
    return reply ?? { status: 404, body: { message: 'Not Found' } };
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
      if (!url.pathname.startsWith(`${API_PREFIX}/`)) return sendReply(res, record, { status: 404, body: 'Not Found' });
      const subpath = url.pathname.slice(API_PREFIX.length);
      const outcome = handle(record, subpath, body.invalid === true);
      if (!('kind' in outcome)) return sendReply(res, record, outcome);
      const fault = outcome;
      switch (fault.kind) {
        case 'status':
          return sendReply(res, record, faultReply(fault, rate, subpath));
        case 'badShape':
          return sendReply(res, record, { status: 200, body: fault.body ?? { unexpected: true } });
        case 'delay':
          return transport.hang(res, fault.ms);
        case 'drop':
          return transport.dropHalfway(res, { deals: [], dealTasks: [], padding: 'x'.repeat(4096) });
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
