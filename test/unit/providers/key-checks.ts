import assert from 'node:assert/strict';
import { isCrmError, type CrmError, type CrmErrorKind } from '../../../src/http/errors';

/** What the key checks need of a provider test harness. */
export interface KeyedHarness {
  fake: { apiKey: string };
  context: { apiKey?: string };
  logs: string[];
}

/**
 * Neither the fake's key nor the key the client was given (a wrong one, in the auth tests) appears
 * in the error, any of its fields, or any log line.
 */
export function assertNoKey(h: KeyedHarness, error?: CrmError): void {
  const keys = [h.fake.apiKey, h.context.apiKey].filter((k): k is string => Boolean(k));
  for (const key of keys) {
    if (error) {
      assert.ok(!error.message.includes(key), `key in message: ${error.message}`);
      assert.ok(!JSON.stringify({ ...error, message: error.message }).includes(key), 'key in error fields');
    }
    for (const line of h.logs) assert.ok(!line.includes(key), `key in log line: ${line}`);
  }
}

/** Awaits a rejection with a CrmError of this kind, and checks that no key leaked into it or the log. */
export async function rejectsWith(h: KeyedHarness, promise: Promise<unknown>, kind: CrmErrorKind): Promise<CrmError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught, `expected a ${kind} error, but the call succeeded`);
  assert.ok(isCrmError(caught), `expected a CrmError, got ${String(caught)}`);
  assert.equal(caught.kind, kind, caught.message);
  assertNoKey(h, caught);
  return caught;
}
