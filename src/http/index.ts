export { HttpClient } from './client';
export { type Clock, systemClock } from './clock';
export { defaultErrorDetail, type ErrorDetail } from './error-body';
export {
  classifyStatus,
  CrmError,
  type CrmErrorInit,
  type CrmErrorKind,
  type FieldError,
  formatWait,
  isCrmError,
} from './errors';
export { type Permit, RateLimiter, type RateLimits, type ReleasePermit } from './rate-limiter';
export { REDACTED, SecretRedactor } from './redact';
export { formatIssuePath } from './response-body';
export {
  headerValue,
  parseRateLimitHeader,
  parseResetSeconds,
  parseRetryAfter,
  type RateLimitState,
  readRateLimitState,
  type ResponseHeaders,
  waitFromHeaders,
} from './retry-after';
export { closeSharedAgents } from './transport';
export type {
  HttpClientOptions,
  HttpLogger,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  QueryValue,
  RateLimitHintInput,
  RetryOptions,
  WaitInfo,
} from './types';
