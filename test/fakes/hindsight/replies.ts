import { gatewayErrorPage } from '../kit/gateway-page';
import type { FakeReply } from '../kit/transport';

export type Reply = FakeReply;

export const ok = (body: unknown): Reply => ({ status: 200, body });

/** Every Hindsight error body, as the seed documents for 400/401/403/429/500: `{"message": …}`. */
export const message = (status: number, text: string, headers?: Record<string, string>): Reply => ({
  status,
  body: { message: text },
  ...(headers ? { headers } : {}),
});

export const badRequest = (text: string): Reply => message(400, text);
export const unauthorized = (text = 'Invalid or missing API key'): Reply => message(401, text);
export const forbidden = (text = 'Insufficient permissions'): Reply => message(403, text);
export const notFound = (text = 'Not found'): Reply => message(404, text);

/** [UNCONFIRMED] body text; `Retry-After` only when asked for (Hindsight documents no rate headers). */
export const tooManyRequests = (limit: number, retryAfterSeconds?: number, text?: string): Reply =>
  message(
    429,
    text ?? `Rate limit exceeded: ${limit} requests per minute`,
    retryAfterSeconds === undefined ? undefined : { 'retry-after': String(retryAfterSeconds) },
  );

export const serverError = (status: number): Reply =>
  status === 500
    ? message(500, 'Internal server error')
    : gatewayErrorPage(status);
