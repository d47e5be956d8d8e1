import { gatewayErrorPage } from '../kit/gateway-page';
import type { FakeReply } from '../kit/transport';

export type Reply = FakeReply;

export const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** `RestApiExceptionFilter`'s body, as every captured REST error: `{statusCode, error, messages}`. */
export const restError = (status: number, error: string, message: string): Reply => ({
  status,
  body: { statusCode: status, error, messages: [message] },
});

export const badRequest = (message: string, error = 'BadRequestException'): Reply => restError(400, error, message);

/** Nest's own exceptions (bad JSON, the metadata routes): `message` singular, `error: "Bad Request"` (captured). */
export const nestBadRequest = (message: string): Reply => ({ status: 400, body: { statusCode: 400, message, error: 'Bad Request' } });

/** The metadata routes' own 400s: `messages`, with Nest's `error: "Bad Request"` (captured). */
export const metadataBadRequest = (message: string): Reply => ({ status: 400, body: { statusCode: 400, messages: [message], error: 'Bad Request' } });

/** The metadata routes' throttle on the real server: 400, not 429, and no Retry-After (captured). */
export const metadataThrottled = (): Reply => ({ status: 400, body: { statusCode: 400, messages: ['Too many requests.'], error: 'Bad Request' } });

/** No Authorization header: 403 (captured, `auth-no-header`). */
export const missingToken = (): Reply => ({ status: 403, body: { statusCode: 403, messages: ['Missing authentication token'], error: 'FORBIDDEN_EXCEPTION' } });

/** A token the server cannot verify: "Token invalid." for a well-formed JWT, "No payload" for garbage (captured). */
export const invalidToken = (garbage: boolean): Reply => ({
  status: 401,
  body: { statusCode: 401, messages: [garbage ? 'No payload' : 'Token invalid.'], error: 'UNAUTHENTICATED' },
});

/** A role without the Data Model permission on the newest metadata routes [UNCONFIRMED body: PermissionsException's words]. */
export const permissionDenied = (message = 'User does not have permission'): Reply => restError(403, 'PermissionsException', message);

/** A missing record: 400 on the real mid-2025 server (captured), 404 on newer builds. */
export function notFound(status: 400 | 404, objectSingular: string, id: string, write: boolean): Reply {
  if (status === 404) return restError(404, 'NotFoundException', 'Record not found');
  if (!write) return badRequest('Record not found');
  return badRequest(`Could not find any entity of type "${objectSingular}" matching: {\n    "where": {\n        "id": "${id}"\n    }\n}`, 'EntityNotFoundError');
}

/** The usage-limit system's 429 (newest builds), with `Retry-After` and `X-RateLimit-*`. */
export const tooManyRequests = (retryAfterSeconds: number, limit: number, windowSeconds: number, message?: string): Reply => ({
  status: 429,
  body: {
    statusCode: 429,
    error: 'RATE_LIMITED',
    messages: [message ?? `Rate limit exceeded for apiKey: ${limit} requests per ${windowSeconds}s.`],
    limitKind: 'speed',
    scope: { spenderType: 'apiKey', spenderId: 'fake-api-key' },
    limit,
    remaining: 0,
    periodCount: windowSeconds,
    periodUnit: 'second',
    retryAfterSeconds,
  },
  headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': '0' },
});

/** A quota breach: 402 with the usage-limit body and no rate headers. */
export const quotaExceeded = (): Reply => ({
  status: 402,
  body: { statusCode: 402, error: 'QUOTA_EXCEEDED', messages: ['Usage quota exceeded for this workspace.'], limitKind: 'quota' },
});

export const serverError = (status: number): Reply =>
  status === 500
    ? restError(500, 'InternalServerErrorException', 'Internal server error')
    : gatewayErrorPage(status);

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
