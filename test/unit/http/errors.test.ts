import assert from 'node:assert/strict';
import {
  classifyStatus,
  CrmError,
  defaultErrorDetail,
  formatIssuePath,
  isCrmError,
  SecretRedactor,
} from '../../../src/http';
import { describeTransportError } from '../../../src/http/transport';

describe('classifyStatus', () => {
  const cases: [number, string][] = [
    [400, 'validation'],
    [401, 'auth'],
    [402, 'forbidden'],
    [403, 'forbidden'],
    [404, 'notFound'],
    [405, 'validation'],
    [409, 'conflict'],
    [422, 'validation'],
    [429, 'rateLimited'],
    [500, 'server'],
    [503, 'server'],
    [302, 'badResponse'],
  ];
  for (const [status, kind] of cases) {
    it(`HTTP ${status} is ${kind}`, () => assert.equal(classifyStatus(status), kind));
  }
});

describe('CrmError messages', () => {
  const base = { account: 'Acme', provider: 'Close' };

  it('names the account, what failed, the operation and the status in one sentence', () => {
    const error = new CrmError({ ...base, kind: 'auth', operation: 'GET /me/', status: 401 });
    assert.equal(error.message, 'Close account "Acme": API key rejected (GET /me/, HTTP 401).');
    assert.ok(isCrmError(error));
    assert.ok(!isCrmError(new Error('x')));
  });

  it('network errors name the host and the code', () => {
    const error = new CrmError({
      ...base,
      kind: 'network',
      operation: 'GET /pipeline/',
      host: 'api.close.com',
      detail: 'ECONNREFUSED',
    });
    assert.equal(error.message, `Close account "Acme": can't reach api.close.com (GET /pipeline/): ECONNREFUSED.`);
  });

  it('badResponse names the path of the first problem', () => {
    const error = new CrmError({ ...base, kind: 'badResponse', operation: 'GET /opportunity/', issuePath: 'data[3].value' });
    assert.equal(error.message, 'Close account "Acme": unexpected response at data[3].value (GET /opportunity/).');
  });

  it('carries the CRM detail and field errors, and says when to retry', () => {
    const error = new CrmError({
      ...base,
      kind: 'validation',
      operation: 'PUT /opportunity/x/',
      status: 400,
      detail: 'Invalid data',
      fieldErrors: [{ field: 'value', message: 'Must be a number.' }],
    });
    assert.match(error.message, /request rejected \(PUT \/opportunity\/x\/, HTTP 400\): Invalid data \(value: Must be a number\.\)\.$/);
    const limited = new CrmError({ ...base, kind: 'rateLimited', operation: 'GET /lead/', status: 429, retryAfterMs: 75_000 });
    assert.match(limited.message, /rate limited, try again in 75 s/);
    assert.equal(limited.withRetryAfter(5000).retryAfterMs, 5000);
    assert.equal(limited.withRetryAfter(5000).kind, 'rateLimited');
  });
});

describe('defaultErrorDetail', () => {
  it('reads Close validation errors with their hyphenated field-errors', () => {
    assert.deepEqual(defaultErrorDetail({ errors: [], 'field-errors': { value: 'Enter a number.' } }), {
      detail: undefined,
      fieldErrors: [{ field: 'value', message: 'Enter a number.' }],
    });
  });

  it('reads ActiveCampaign JSON:API errors, with the pointer as the field', () => {
    const detail = defaultErrorDetail({
      errors: [{ title: 'The deal title was not provided.', code: 'field_missing', source: { pointer: '/data/attributes/title' } }],
    });
    assert.deepEqual(detail?.fieldErrors, [{ field: 'title', message: 'The deal title was not provided.' }]);
  });

  it('reads Twenty messages[], Spott message, Hindsight error.message and plain text', () => {
    assert.equal(defaultErrorDetail({ statusCode: 404, error: 'NotFoundException', messages: ['Record not found'] })?.detail, 'Record not found');
    assert.equal(defaultErrorDetail({ status: 0, message: 'Stage not found', requestId: 'r1' })?.detail, 'Stage not found');
    assert.equal(defaultErrorDetail({ error: { code: 'x', message: 'Bad page size' } })?.detail, 'Bad page size');
    assert.equal(defaultErrorDetail('Service overloaded')?.detail, 'Service overloaded');
    assert.equal(defaultErrorDetail('<html><body>502 Bad Gateway</body></html>'), undefined);
  });
});

describe('formatIssuePath', () => {
  it('renders zod paths like code', () => {
    assert.equal(formatIssuePath(['data', 3, 'value']), 'data[3].value');
    assert.equal(formatIssuePath([0, 'name']), '[0].name');
    assert.equal(formatIssuePath(['custom', 'cf_ab c']), 'custom["cf_ab c"]');
    assert.equal(formatIssuePath([]), '(root)');
  });
});

describe('transport error mapping', () => {
  it('a socket connect timeout is a timeout in the connect phase', () => {
    const failure = describeTransportError(Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:443'), { code: 'ETIMEDOUT' }));
    assert.equal(failure.kind, 'timeout');
    assert.equal(failure.phase, 'connect');
  });

  it('a refused connection is a network failure before connecting; a reset one after', () => {
    const refused = describeTransportError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }));
    assert.deepEqual([refused.kind, refused.phase, refused.code], ['network', 'connect', 'ECONNREFUSED']);
    const reset = describeTransportError(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }));
    assert.deepEqual([reset.kind, reset.phase, reset.code], ['network', 'response', 'ECONNRESET']);
  });
});

describe('SecretRedactor', () => {
  const redactor = new SecretRedactor({
    authHeaders: () => ({ Authorization: 'Bearer tok_ABC123/xyz' }),
    secrets: () => ['tok_ABC123/xyz'],
  });

  it('removes raw, URL-encoded and header forms of a secret', () => {
    assert.equal(redactor.redact('key tok_ABC123/xyz and tok_ABC123%2Fxyz'), 'key *** and ***');
    assert.equal(redactor.redact('header was Bearer tok_ABC123/xyz'), 'header was ***');
  });

  it('masks sensitive query parameters even when their value is not a known secret', () => {
    assert.equal(redactor.describeUrlPath('/deals?api_key=other&limit=5&token=t'), '/deals?api_key=***&limit=5&token=***');
  });
});
