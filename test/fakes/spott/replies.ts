import { gatewayErrorPage } from '../kit/gateway-page';
import type { FakeReply } from '../kit/transport';

export type Reply = FakeReply;

export const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** Spott's one documented error body (notes §2.7): `{status, message, requestId}`. */
export const spottError = (status: number, message: string, requestId: string): Reply => ({
  status,
  body: { status, message, requestId },
});

/** [UNCONFIRMED] Spott's 401 shape: the documented error body with the status. */
export const unauthorized = (requestId: string): Reply => spottError(401, 'Unauthorized: missing or invalid API key', requestId);

export const forbidden = (requestId: string, message = 'Forbidden: this API key may not access this resource'): Reply =>
  spottError(403, message, requestId);

export const notFound = (requestId: string, message: string): Reply => spottError(404, message, requestId);

/** `"stageId: Invalid stage for this pipeline"`: the key first, as the documented example does. */
export const badRequest = (requestId: string, problems: string[], status = 400): Reply =>
  spottError(status, problems.join('; '), requestId);

/**
 * 429. The notes find no rate-limit headers documented, only the status; `Retry-After` is sent
 * when the knob says so (clients are told to honour it "if present").
 */
export const tooManyRequests = (requestId: string, retryAfterSeconds: number | null, message = 'Too many requests: 1000 per minute per API key.'): Reply => ({
  ...spottError(429, message, requestId),
  headers: retryAfterSeconds === null ? {} : { 'retry-after': String(retryAfterSeconds) },
});

export const serverError = (status: number, requestId: string): Reply =>
  status === 500
    ? spottError(500, 'Internal server error', requestId)
    : gatewayErrorPage(status);

/** An ISO 8601 date-time with a zone, as Spott's `date-time` fields are. */
export function isDateTime(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
}
