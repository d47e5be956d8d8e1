import { setMaxListeners } from 'node:events';
import type { z } from 'zod';
import { type Clock, systemClock } from './clock';
import { classifyStatus, CrmError, type CrmErrorInit, formatWait } from './errors';
import { defaultErrorDetail, type ErrorDetail } from './error-body';
import { type Permit, RateLimiter } from './rate-limiter';
import { SecretRedactor } from './redact';
import { decodeBody, formatIssuePath } from './response-body';
import { headerValue, readRateLimitState, waitFromHeaders } from './retry-after';
import { backoffDelay, isRetryableRead, rateLimitFallbackDelay, resolveRetry, type RetrySettings } from './retry-policy';
import { buildTarget, type ConnectionPool, type RequestTarget, sendOnce, sharedAgentFor, TransportFailure } from './transport';
import type { HttpClientOptions, HttpLogger, HttpMethod, HttpRequest, HttpResponse, WaitInfo } from './types';

const DEFAULT_CONNECT_MS = 10_000;
const DEFAULT_RESPONSE_MS = 30_000;
const USER_AGENT = 'crm-pipelines-vscode';

type ErrorFields = Omit<CrmErrorInit, 'account' | 'provider' | 'operation'>;

/** One request as prepared once and reused by every attempt. */
interface Call {
  method: HttpMethod;
  target: RequestTarget;
  /** `GET /opportunity/`: names the request in errors. */
  operation: string;
  /** `GET /opportunity/?_limit=100`: names the request in log lines. */
  logLine: string;
  headers: Record<string, string>;
  body?: string;
}

type AttemptResult = { response: HttpResponse } | { error: CrmError; waitHintMs?: number };

/**
 * The HTTP client of one CRM account: rate limited, retried where safe, every failure
 * a classified CrmError, and nothing secret in any error or log line.
 */
export class HttpClient {
  private readonly limiter: RateLimiter;
  private readonly redactor: SecretRedactor;
  private readonly clock: Clock;
  private readonly retry: RetrySettings;
  private readonly connectMs: number;
  private readonly responseMs: number;
  private readonly agent: ConnectionPool;
  /** Aborted by dispose(), so requests of a removed account stop at once. */
  private readonly lifetime = new AbortController();

  constructor(private readonly options: HttpClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.limiter = new RateLimiter(options.limits, this.clock);
    this.redactor = new SecretRedactor(options);
    this.retry = resolveRetry(options.retry);
    this.connectMs = options.timeouts?.connectMs ?? DEFAULT_CONNECT_MS;
    this.responseMs = options.timeouts?.responseMs ?? DEFAULT_RESPONSE_MS;
    this.agent = options.dispatcher ?? sharedAgentFor(new URL(options.baseUrl).origin);
    // Every waiting request listens on this signal; dozens at once is normal, not a leak.
    setMaxListeners(0, this.lifetime.signal);
  }

  /** Sends the request and validates the JSON body with `schema`; a mismatch is a badResponse naming the path. */
  async request<T>(schema: z.ZodType<T>, req: HttpRequest): Promise<T> {
    const call = this.prepare(req);
    const response = await this.send(call, req.signal);
    const parsed = schema.safeParse(response.body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const error = this.error(call, {
      kind: 'badResponse',
      issuePath: formatIssuePath(issue?.path ?? []),
      detail: issue?.message,
    });
    this.log('warn', error.message);
    throw error;
  }

  /** Sends the request and returns the decoded body unvalidated; failures are classified all the same. */
  async requestRaw(req: HttpRequest): Promise<HttpResponse> {
    return this.send(this.prepare(req), req.signal);
  }

  /** Cancels every request in flight or waiting; later requests fail as cancelled. */
  dispose(): void {
    this.lifetime.abort();
  }

  private async send(call: Call, callerSignal: AbortSignal | undefined): Promise<HttpResponse> {
    const signal = callerSignal ? AbortSignal.any([this.lifetime.signal, callerSignal]) : this.lifetime.signal;
    for (let attempt = 1; ; attempt++) {
      const result = await this.attempt(call, signal);
      if ('response' in result) return result.response;
      await this.waitBeforeRetry(call, result.error, result.waitHintMs, attempt, signal);
    }
  }

  private prepare(req: HttpRequest): Call {
    const target = buildTarget(this.options.baseUrl, req.path, req.query);
    const operation = `${req.method} ${this.redactor.describeUrlPath(target.requestPath)}`;
    const call: Call = {
      method: req.method,
      target,
      operation,
      logLine: `${req.method} ${this.redactor.describeUrlPath(target.requestPathWithQuery)}`,
      headers: {},
    };
    if (req.body !== undefined) {
      try {
        call.body = JSON.stringify(req.body);
      } catch {
        throw this.error(call, { kind: 'validation', summary: 'the request body could not be encoded as JSON' });
      }
    }
    let auth: Record<string, string>;
    try {
      auth = this.options.authHeaders();
    } catch {
      throw this.error(call, { kind: 'auth', summary: 'no API key is available' });
    }
    call.headers = {
      accept: 'application/json',
      'user-agent': USER_AGENT,
      ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...req.headers,
      ...auth,
    };
    return call;
  }

  private async attempt(call: Call, signal: AbortSignal): Promise<AttemptResult> {
    const pausedMs = this.limiter.pausedForMs();
    // Sitting out a pause this long would look like a hang; say when to come back instead.
    if (pausedMs > this.retry.maxRetryAfterMs) throw this.error(call, { kind: 'rateLimited', retryAfterMs: pausedMs });
    let release: Permit;
    try {
      release = await this.limiter.acquire(signal);
    } catch (error) {
      if (signal.aborted) throw this.error(call, { kind: 'cancelled' });
      throw error;
    }
    const started = performance.now();
    const elapsed = (): string => `${Math.round(performance.now() - started)}ms`;
    let response: HttpResponse;
    try {
      const raw = await sendOnce({
        agent: this.agent,
        target: call.target,
        method: call.method,
        headers: call.headers,
        body: call.body,
        connectMs: this.connectMs,
        responseMs: this.responseMs,
        signal,
      });
      response = { status: raw.status, headers: raw.headers, body: decodeBody(raw.text) };
    } catch (error) {
      if (!(error instanceof TransportFailure)) throw error;
      this.log('info', `${call.logLine} ${error.kind === 'network' ? error.code : error.kind} ${elapsed()}`);
      if (error.kind === 'cancelled') throw this.error(call, { kind: 'cancelled' });
      return { error: this.transportError(call, error) };
    } finally {
      release();
    }
    this.log('info', `${call.logLine} ${response.status} ${elapsed()}`);
    // A 429's headers tell the wait (waitBeforeRetry), not a quota.
    if (response.status !== 429) this.readQuota(call, response, release.seq);
    if (response.status >= 200 && response.status < 300) return { response };
    return this.statusFailure(call, response);
  }

  private statusFailure(call: Call, response: HttpResponse): AttemptResult {
    const { status } = response;
    const kind = classifyStatus(status);
    const waitHintMs = status === 429 || status === 503 ? this.serverWaitHint(response) : undefined;
    const parsed = this.errorDetail(status, response.body);
    const location = headerValue(response.headers, 'location');
    const detail =
      status >= 300 && status < 400 && location
        ? `redirected to ${this.redactor.describeUrlPath(location)}`
        : parsed?.detail;
    const error = this.error(call, {
      kind,
      status,
      detail,
      fieldErrors: parsed?.fieldErrors,
      retryAfterMs: waitHintMs,
    });
    return { error, waitHintMs };
  }

  /** Throws when the request should not be tried again; otherwise waits (or arranges the wait) and returns. */
  private async waitBeforeRetry(
    call: Call,
    error: CrmError,
    waitHintMs: number | undefined,
    attempt: number,
    signal: AbortSignal,
  ): Promise<void> {
    const attemptsLeft = attempt < this.retry.maxAttempts;
    if (error.kind === 'rateLimited') {
      // A 429 means the CRM did nothing, so even writes are repeated; and the whole account waits.
      const delay = waitHintMs ?? rateLimitFallbackDelay(attempt, this.retry);
      this.limiter.pauseUntil(this.clock.now() + delay);
      if (!attemptsLeft || delay > this.retry.maxRetryAfterMs) throw error.withRetryAfter(delay);
      this.announceWait(call, 'rateLimited', delay, attempt);
      return;
    }
    if (!attemptsLeft || !isRetryableRead(call.method, error)) throw error;
    const delay = Math.max(waitHintMs ?? 0, backoffDelay(attempt, this.retry));
    if (delay > this.retry.maxRetryAfterMs) throw error.withRetryAfter(delay);
    this.announceWait(call, 'retry', delay, attempt);
    try {
      await this.clock.sleep(delay, signal);
    } catch {
      throw this.error(call, { kind: 'cancelled' });
    }
  }

  private announceWait(call: Call, reason: WaitInfo['reason'], delayMs: number, attempt: number): void {
    const why = reason === 'rateLimited' ? 'rate limited' : 'failed';
    this.log(
      'warn',
      `${call.logLine} ${why}; retrying in ${formatWait(delayMs)} (attempt ${attempt + 1} of ${this.retry.maxAttempts})`,
    );
    try {
      this.options.onWait?.({ reason, delayMs, operation: call.operation });
    } catch {
      // A failing UI callback must not fail the request.
    }
  }

  /** Keeps to what the CRM's quota headers say is left; warns when that holds the account back. */
  private readQuota(call: Call, response: HttpResponse, seq: number): void {
    const now = this.clock.now();
    const { limit, remaining, resetInMs } = readRateLimitState(response.headers, now);
    if (remaining === undefined || resetInMs === undefined || !(resetInMs > 0)) return;
    if (this.limiter.observeQuota(seq, remaining, now + resetInMs, limit)) {
      this.log('warn', `${call.logLine}: rate limit quota used up; holding requests for ${formatWait(resetInMs)}`);
    }
  }

  /** The longest wait any source asks for: headers, or the provider's reading of the body. */
  private serverWaitHint(response: HttpResponse): number | undefined {
    let fromProvider: number | undefined;
    try {
      fromProvider = this.options.rateLimitHint?.(response);
    } catch {
      fromProvider = undefined;
    }
    const hints = [waitFromHeaders(response.headers, this.clock.now()), fromProvider].filter(
      (ms): ms is number => typeof ms === 'number' && Number.isFinite(ms) && ms >= 0,
    );
    return hints.length ? Math.max(...hints) : undefined;
  }

  private errorDetail(status: number, body: unknown): ErrorDetail | undefined {
    try {
      return this.options.errorDetail?.(status, body) ?? defaultErrorDetail(body);
    } catch {
      return defaultErrorDetail(body);
    }
  }

  private transportError(call: Call, failure: TransportFailure): CrmError {
    const host = call.target.host;
    if (failure.kind === 'timeout') {
      const summary =
        failure.phase === 'connect'
          ? `couldn't connect to ${host} within ${formatWait(this.connectMs)}`
          : `${host} did not answer within ${formatWait(this.responseMs)}`;
      return this.error(call, { kind: 'timeout', summary });
    }
    const summary = failure.phase === 'connect' ? `can't reach ${host}` : `lost the connection to ${host}`;
    return this.error(call, { kind: 'network', summary, detail: failure.code });
  }

  /** Every CrmError is built here, so every text in it passes the redactor. */
  private error(call: Call, fields: ErrorFields): CrmError {
    return new CrmError({
      ...fields,
      account: this.options.account,
      provider: this.options.provider,
      operation: call.operation,
      host: call.target.host,
      detail: this.redactor.redactOptional(fields.detail),
      summary: this.redactor.redactOptional(fields.summary),
      fieldErrors: fields.fieldErrors?.map((e) => ({
        field: this.redactor.redact(e.field),
        message: this.redactor.redact(e.message),
      })),
    });
  }

  private log(level: keyof HttpLogger, message: string): void {
    try {
      this.options.logger?.[level](this.redactor.redact(message));
    } catch {
      // Logging must never break a request.
    }
  }
}
