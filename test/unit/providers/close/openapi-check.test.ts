import assert from 'node:assert/strict';
import { checkRequest, checkRequests, findOperation, loadSubset } from '../../../openapi/check-request';
import { SUBSET } from './helpers';

describe('test/openapi/check-request against the Close subset', () => {
  it('loads the subset cut from the vendor spec', () => {
    assert.equal(SUBSET.basePath, '/api/v1');
    assert.ok(SUBSET.operations.length >= 20);
    assert.throws(() => loadSubset('{"title": "x"}'), /not an API subset/);
  });

  it('matches templates exactly, trailing slash included; literal segments win', () => {
    assert.deepEqual(findOperation(SUBSET, 'GET', '/api/v1/opportunity/oppo_1/')?.params, { id: 'oppo_1' });
    assert.equal(findOperation(SUBSET, 'GET', '/api/v1/opportunity/oppo_1'), undefined);
    assert.equal(findOperation(SUBSET, 'GET', '/api/v1/custom_field_schema/opportunity/')?.operation.path, '/custom_field_schema/{object_type}/');
    assert.equal(findOperation(SUBSET, 'PATCH', '/api/v1/opportunity/oppo_1/'), undefined);
  });

  it('accepts documented query parameters in any form, and rejects others', () => {
    assert.deepEqual(checkRequest(SUBSET, { method: 'GET', path: '/api/v1/opportunity/?status_id=s&_skip=0&_limit=250&_order_by=-date_created' }), []);
    assert.deepEqual(checkRequest(SUBSET, { method: 'GET', path: '/api/v1/task/', query: new URLSearchParams('lead_id=l&_type__in=lead,opportunity_due&view=archive') }), []);
    assert.match(checkRequest(SUBSET, { method: 'GET', path: '/api/v1/opportunity/', query: { pipeline_id: 'p' } })[0]!, /"pipeline_id" is not documented/);
  });

  it('checks body keys: schema keys, custom.cf_* by pattern, nothing else', () => {
    assert.deepEqual(checkRequest(SUBSET, { method: 'PUT', path: '/api/v1/opportunity/o/', body: { status_id: 's', value: 1, 'custom.cf_AbC1': null } }), []);
    assert.match(checkRequest(SUBSET, { method: 'PUT', path: '/api/v1/opportunity/o/', body: { value_currency: 'USD' } })[0]!, /"value_currency" is not documented/);
    assert.match(checkRequest(SUBSET, { method: 'PUT', path: '/api/v1/opportunity/o/', body: { 'custom.cf_x.add': 'v' } })[0]!, /not documented/);
    assert.deepEqual(checkRequest(SUBSET, { method: 'POST', path: '/api/v1/task/', body: '{"_type":"lead","lead_id":"l","text":"t","date":"2026-01-01"}' }), []);
    assert.match(checkRequest(SUBSET, { method: 'GET', path: '/api/v1/me/', body: { a: 1 } })[0]!, /documents no request body/);
    assert.match(checkRequest(SUBSET, { method: 'POST', path: '/api/v1/task/', body: '{not json' })[0]!, /not JSON/);
    // "Any type" bodies document no keys.
    assert.match(checkRequest(SUBSET, { method: 'POST', path: '/api/v1/pipeline/', body: { name: 'x' } })[0]!, /documents none of its keys/);
  });

  it('reports requests outside the base path or not in the spec', () => {
    const problems = checkRequests(SUBSET, [
      { method: 'GET', path: '/v2/opportunity/' },
      { method: 'GET', path: '/api/v1/nothing/' },
    ]);
    assert.equal(problems.length, 2);
  });
});
