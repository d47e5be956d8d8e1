import assert from 'node:assert/strict';
import {
  parseRateLimitHeader,
  parseRetryAfter,
  readRateLimitState,
  waitFromHeaders,
} from '../../../src/http';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('retry-after parsing', () => {
  it('reads Retry-After as delta seconds', () => {
    assert.equal(parseRetryAfter('30', NOW), 30_000);
    assert.equal(parseRetryAfter('1.5', NOW), 1500);
    assert.equal(parseRetryAfter('soon', NOW), undefined);
    assert.equal(parseRetryAfter(undefined, NOW), undefined);
  });

  it('reads Retry-After as an HTTP-date, never negative', () => {
    assert.equal(parseRetryAfter('Sun, 01 Mar 2026 12:00:12 GMT', NOW), 12_000);
    assert.equal(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', NOW), 0);
  });

  it("reads Close's combined RateLimit header and the IETF draft form", () => {
    assert.deepEqual(parseRateLimitHeader('limit=100, remaining=0, reset=4'), { limit: 100, remaining: 0, resetInMs: 4000 });
    assert.deepEqual(parseRateLimitHeader('"default";r=3;t=1.5'), { remaining: 3, resetInMs: 1500 });
  });

  it('reads RateLimit-* and X-RateLimit-* headers, reset as delta or epoch seconds', () => {
    assert.deepEqual(readRateLimitState({ 'ratelimit-limit': '5', 'ratelimit-remaining': '3' }, NOW), {
      limit: 5,
      remaining: 3,
      resetInMs: undefined,
    });
    const epoch = String(NOW / 1000 + 20);
    assert.equal(readRateLimitState({ 'x-ratelimit-reset': epoch }, NOW).resetInMs, 20_000);
    assert.equal(readRateLimitState({ 'RateLimit-Reset': '7' }, NOW).resetInMs, 7000);
  });

  it('takes the longest wait any header asks for', () => {
    assert.equal(waitFromHeaders({ 'retry-after': '2', ratelimit: 'limit=100, remaining=0, reset=5' }, NOW), 5000);
    assert.equal(waitFromHeaders({ 'retry-after': ['3', '1'] }, NOW), 3000);
    assert.equal(waitFromHeaders({}, NOW), undefined);
  });
});
