import http from 'node:http';
import { FaultQueue } from '../kit/fault-queue';
import { FakeTransport, sendReply } from '../kit/transport';
import { SlidingWindow } from './rate-limit';
import {
  invalidToken, missingToken, nestBadRequest, notFound, permissionDenied, quotaExceeded, type Reply, restError, serverError, tooManyRequests,
} from './replies';
import { routeMetadata } from './routes-metadata';
import { type RouteContext, routeRecords } from './routes-records';
import { seedState } from './seed';
import { type Fault, type FaultMatch, type FakeOptions, type FakeState, type Flavor, type RecordedRequest, resolveFlavor } from './types';

/** A JWT-shaped key, like the keys Twenty issues (header.payload.signature). */
export const DEFAULT_FAKE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmYWtlLXdvcmtzcGFjZSIsInR5cGUiOiJBUElfS0VZIn0.ZmFrZS1zaWduYXR1cmUtMDEyMzQ1Njc4OWFiY2RlZg';

export interface TwentyFake {
  /** The server's address, as a self-hosted user gives it (requests go to `/rest/…`). */
  url: string;
  apiKey: string;
  /** The data served; tests may read and change it. */
  state: FakeState;
  /** How this fake behaves where Twenty builds differ. */
  flavor: Flavor;
  /** Every request that reached the fake, in arrival order. */
  requests: RecordedRequest[];
  /** Makes the next matching request(s) fail as described. */
  failNext(fault: Fault, match?: FaultMatch): void;
  /** Forgets recorded requests and pending faults (the rate window stays: it is the workspace's). */
  clearRequests(): void;
  /** Turns the metadata routes' 403 on or off (a key whose role lacks the Data Model permission). */
  setMetadataForbidden(forbidden: boolean): void;
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

function parseBody(text: string): { value?: unknown; invalid?: string } {
  if (!text.trim()) return {};
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { value: text, invalid: 'Unexpected end of JSON input' };
  }
}

function faultReply(fault: Extract<Fault, { kind: 'status' }>, window: SlidingWindow): Reply {
  const base = ((): Reply => {
    switch (fault.status) {
      case 400:
        return restError(400, 'BadRequestException', fault.message ?? 'Bad Request');
      case 401:
        return invalidToken(false);
      case 402:
        return quotaExceeded();
      case 403:
        return permissionDenied(fault.message);
      case 404:
        return restError(404, 'NotFoundException', fault.message ?? 'Record not found');
      case 429:
        return tooManyRequests(fault.retryAfterSeconds ?? 1, window.limit, Math.round(window.windowMs / 1000), fault.message);
      default:
        return serverError(fault.status);
    }
  })();
  return { status: fault.status, body: fault.body ?? base.body, headers: { ...base.headers, ...fault.headers } };
}

/**
 * A faithful fake of Twenty's REST API on 127.0.0.1, built from the real captures: bearer auth
 * with the captured 401/403 bodies, `/rest/metadata` in the legacy or new format (or 403), the
 * filter grammar, base64 cursors and the captured `totalCount`, `limit` clamp and `depth` rules,
 * PATCH semantics and database-worded 400s, tasks linked through taskTargets (link column as a
 * knob), and a request window enforced with 429 + `Retry-After`.
 */
export async function startTwentyFake(options: FakeOptions = {}): Promise<TwentyFake> {
  const apiKey = options.apiKey ?? DEFAULT_FAKE_KEY;
  const flavor = resolveFlavor(options);
  const limits = options.rateLimit
    ?? (options.ratePerSecond !== undefined ? { limit: options.ratePerSecond, windowMs: 1000 }
      : { limit: options.ratePerMinute ?? 100, windowMs: 60_000 });
  const window = new SlidingWindow(limits.limit, limits.windowMs);
  const state = seedState(options.seed ?? 1, options.deals ?? 60, options.customFields ?? true, options.stages);
  let metadataForbidden = options.metadataForbidden ?? false;
  const requests: RecordedRequest[] = [];
  const faults = new FaultQueue<Fault>();


  const authFailure = (header: string | string[] | undefined): Reply | undefined => {
    const value = Array.isArray(header) ? header[0] : header;
    if (!value) return missingToken();
    const token = /^Bearer\s+(.+)$/i.exec(value.trim())?.[1];
    if (token === apiKey) return undefined;
    return invalidToken(!token || token.split('.').length !== 3);
  };

  const handle = (record: RecordedRequest, invalidJson: string | undefined): Reply | Fault => {
    if (!window.admit(record.at)) {
      return tooManyRequests(window.retryAfterSeconds(record.at), window.limit, Math.round(window.windowMs / 1000));
    }
    const fault = faults.take(record.method, record.path);
    if (fault) return fault;
    const denied = authFailure(record.headers['authorization']);
    if (denied) return denied;
    if (invalidJson) return nestBadRequest(invalidJson);
    const segments = record.path.split('/').filter(Boolean).slice(1);
    const ctx: RouteContext = { state, flavor, method: record.method, segments, query: record.query, body: record.body, nowMs: now };
    if (segments[0] === 'metadata') {
      if (metadataForbidden) return permissionDenied();
      return routeMetadata(ctx) ?? notFound(404, 'route', record.path, false);
    }
    return routeRecords(ctx) ?? restError(404, 'NotFoundException', `Cannot ${record.method} ${record.path}`);
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
      if (!url.pathname.startsWith('/rest/')) return sendReply(res, record, restError(404, 'NotFoundException', `Cannot ${record.method} ${url.pathname}`));
      const outcome = handle(record, body.invalid);
      if (!('kind' in outcome)) return sendReply(res, record, outcome);
      switch (outcome.kind) {
        case 'status':
          return sendReply(res, record, faultReply(outcome, window));
        case 'badShape':
          return sendReply(res, record, { status: 200, body: outcome.body ?? { unexpected: true } });
        case 'delay':
          return transport.hang(res, outcome.ms);
        case 'drop':
          return transport.dropHalfway(res, { data: { opportunities: [] }, padding: 'x'.repeat(4096) });
      }
    });
  });
  const transport = new FakeTransport(server);
  const port = await transport.listen(options.port ?? 0);

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    state,
    flavor,
    requests,
    failNext(fault, match = {}) {
      faults.add(fault, match);
    },
    clearRequests() {
      requests.length = 0;
      faults.clear();
    },
    setMetadataForbidden(forbidden) {
      metadataForbidden = forbidden;
    },
    close() {
      return transport.close();
    },
  };
}
