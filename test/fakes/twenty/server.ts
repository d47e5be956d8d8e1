import { type FakeControls, FakeServer, sendOutcome } from '../kit/fake-server';
import { now } from '../kit/recorded-request';
import { RateWindow } from '../kit/rate-window';
import {
  invalidToken, missingToken, nestBadRequest, notFound, permissionDenied, quotaExceeded, type Reply, restError, serverError, tooManyRequests,
} from './replies';
import { routeMetadata } from './routes-metadata';
import { type RouteContext, routeRecords } from './routes-records';
import { seedState } from './seed';
import { type Fault, type FakeOptions, type FakeState, type Flavor, type RecordedRequest, resolveFlavor } from './types';

/** A JWT-shaped key, like the keys Twenty issues (header.payload.signature). */
export const DEFAULT_FAKE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmYWtlLXdvcmtzcGFjZSIsInR5cGUiOiJBUElfS0VZIn0.ZmFrZS1zaWduYXR1cmUtMDEyMzQ1Njc4OWFiY2RlZg';

export interface TwentyFake extends FakeControls<Fault> {
  /** The server's address, as a self-hosted user gives it (requests go to `/rest/…`). */
  url: string;
  apiKey: string;
  /** The data served; tests may read and change it. */
  state: FakeState;
  /** How this fake behaves where Twenty builds differ. */
  flavor: Flavor;
  /** Turns the metadata routes' 403 on or off (a key whose role lacks the Data Model permission). */
  setMetadataForbidden(forbidden: boolean): void;
}

/** Twenty's reply for an injected error status. */
function faultReply(fault: Extract<Fault, { kind: 'status' }>, window: RateWindow): Reply {
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
  /** Twenty counts an API key's requests per window (100 per 60 s documented); refused requests do not count. */
  const window = new RateWindow(limits.limit, limits.windowMs);
  const state = seedState(options.seed ?? 1, options.deals ?? 60, options.customFields ?? true, options.stages);
  let metadataForbidden = options.metadataForbidden ?? false;

  const authFailure = (header: string | string[] | undefined): Reply | undefined => {
    const value = Array.isArray(header) ? header[0] : header;
    if (!value) return missingToken();
    const token = /^Bearer\s+(.+)$/i.exec(value.trim())?.[1];
    if (token === apiKey) return undefined;
    return invalidToken(!token || token.split('.').length !== 3);
  };

  const handle = (record: RecordedRequest, invalidJson: boolean): Reply | Fault => {
    if (!window.admit(record.at)) {
      return tooManyRequests(window.retryAfterSeconds(record.at), window.limit, Math.round(window.windowMs / 1000));
    }
    const fault = server.faults.take(record.method, record.path);
    if (fault) return fault;
    const denied = authFailure(record.headers['authorization']);
    if (denied) return denied;
    if (invalidJson) return nestBadRequest('Unexpected end of JSON input');
    const segments = record.path.split('/').filter(Boolean).slice(1);
    const ctx: RouteContext = { state, flavor, method: record.method, segments, query: record.query, body: record.body, nowMs: now };
    if (segments[0] === 'metadata') {
      if (metadataForbidden) return permissionDenied();
      return routeMetadata(ctx) ?? notFound(404, 'route', record.path, false);
    }
    return routeRecords(ctx) ?? restError(404, 'NotFoundException', `Cannot ${record.method} ${record.path}`);
  };

  const server = new FakeServer<Fault>(({ record, url, invalidJson }, res) => {
    if (!url.pathname.startsWith('/rest/')) return server.send(res, record, restError(404, 'NotFoundException', `Cannot ${record.method} ${url.pathname}`));
    sendOutcome(server, res, record, handle(record, invalidJson), {
      statusReply: (fault) => faultReply(fault, window),
      dropBody: { data: { opportunities: [] }, padding: 'x'.repeat(4096) },
    });
  });
  const port = await server.listen(options.port);
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    state,
    flavor,
    ...server.controls(),
    setMetadataForbidden(forbidden) {
      metadataForbidden = forbidden;
    },
  };
}
