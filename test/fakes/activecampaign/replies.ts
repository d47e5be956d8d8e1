import { gatewayErrorPage } from '../kit/gateway-page';
import type { FakeReply } from '../kit/transport';

export type Reply = FakeReply;

export const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** AC's 404 as really observed (AC-VCR): `{"message": "No Result found for Deal with id 9"}`. */
export const notFoundMessage = (entity: string, id: string): Reply => ({
  status: 404,
  body: { message: `No Result found for ${entity} with id ${id}` },
});

/** AC's 404 as documented (AC-OAS): `{"errors": [{"status": 404, "title": "Not Found"}]}`. */
export const notFoundErrors = (): Reply => ({ status: 404, body: { errors: [{ status: 404, title: 'Not Found' }] } });

export interface Problem {
  /** The attribute, for `source.pointer` = `/data/attributes/<field>`; none for custom value errors. */
  field?: string;
  title: string;
  detail?: string;
  code?: string;
}

/** AC's JSON:API-like 422. */
export const unprocessable = (problems: Problem[]): Reply => ({
  status: 422,
  body: {
    errors: problems.map((p) =>
      p.field
        ? { title: p.title, detail: p.detail ?? '', code: p.code ?? 'field_invalid', source: { pointer: `/data/attributes/${p.field}` } }
        : { detail: p.detail ?? p.title },
    ),
  },
});

export const forbidden = (message = 'You do not have permission to access this resource'): Reply => ({ status: 403, body: { message } });

/** [UNCONFIRMED] AC's 401 body; the status is what clients act on. */
export const unauthorized = (): Reply => ({ status: 401, body: { message: 'No valid API token was provided' } });

/**
 * 429 with the headers AC documents: `Retry-After` seconds, `RateLimit-Limit`, `RateLimit-Remaining`.
 * The body is [UNCONFIRMED].
 */
export const tooManyRequests = (retryAfterSeconds: number, limit: number, message = 'Too many requests: 5 per second per account.'): Reply => ({
  status: 429,
  body: { message },
  headers: {
    'retry-after': String(retryAfterSeconds),
    'ratelimit-limit': String(limit),
    'ratelimit-remaining': '0',
  },
});

export const serverError = (status: number): Reply =>
  status === 500
    ? { status, body: { message: 'An unexpected error occurred' } }
    : gatewayErrorPage(status);

export function queryInt(value: string | string[] | undefined, fallback: number): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d+$/.test(text)) return fallback;
  return Number(text);
}

/** AC's paging: `limit` default 20, capped at 100; `offset` zero-based. */
export function pageOf<T>(items: readonly T[], query: Record<string, string | string[]>, defaultLimit = 20): T[] {
  const limit = Math.min(100, Math.max(1, queryInt(query['limit'], defaultLimit)));
  const offset = queryInt(query['offset'], 0);
  return items.slice(offset, offset + limit);
}
