import { HttpClient, type HttpClientOptions, type HttpLogger } from '../../../../src/http';

export const API_KEY = 'sk_live_8f3Kq9ZzT4secretKEY';
export const BASIC_HEADER = `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`;

export interface CapturedLog extends HttpLogger {
  lines: string[];
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => {
    lines.push(`${level} ${message}`);
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A client for the local server with generous limits and short backoff, so tests only wait where they mean to. */
export function testClient(baseUrl: string, overrides: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({
    baseUrl,
    account: 'Acme',
    provider: 'Close',
    authHeaders: () => ({ Authorization: BASIC_HEADER }),
    secrets: () => [API_KEY],
    limits: { ratePerSecond: 1000, burst: 1000, concurrency: 20 },
    timeouts: { connectMs: 2000, responseMs: 5000 },
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
    ...overrides,
  });
}
