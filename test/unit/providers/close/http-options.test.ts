import assert from 'node:assert/strict';
import { closeErrorDetail, closeRateLimitHint, modelFieldKey } from '../../../../src/providers/close';

describe('Close error bodies and rate hints', () => {
  it('maps Close keys to the keys the deal panel uses', () => {
    assert.equal(modelFieldKey('status_id'), 'stageId');
    assert.equal(modelFieldKey('value'), 'amount');
    assert.equal(modelFieldKey('value_period'), 'amountPeriod');
    assert.equal(modelFieldKey('confidence'), 'probability');
    assert.equal(modelFieldKey('note'), 'description');
    assert.equal(modelFieldKey('date_won'), 'expectedClose');
    assert.equal(modelFieldKey('user_id'), 'ownerId');
    assert.equal(modelFieldKey('custom.cf_Ab1'), 'custom.cf_Ab1');
    assert.equal(modelFieldKey('cf_Ab1'), 'custom.cf_Ab1');
    assert.equal(modelFieldKey('custom.cf_Ab1.add'), 'custom.cf_Ab1');
    assert.equal(modelFieldKey('text'), 'title');
    assert.equal(modelFieldKey('lead_id'), 'lead_id');
  });

  it('reads errors, hyphenated field-errors, and error as text or {message}', () => {
    assert.deepEqual(closeErrorDetail(400, { errors: [], 'field-errors': { status_id: 'Status does not exist.' } }), {
      detail: undefined,
      fieldErrors: [{ field: 'stageId', message: 'Status does not exist.' }],
    });
    assert.deepEqual(closeErrorDetail(400, { errors: ['One', 'Two'], 'field-errors': { value: ['Too big.', 'Not cents.'] } }), {
      detail: 'One; Two',
      fieldErrors: [{ field: 'amount', message: 'Too big.; Not cents.' }],
    });
    assert.equal(closeErrorDetail(404, { error: 'Not found.' })?.detail, 'Not found.');
    assert.equal(closeErrorDetail(429, { error: { message: 'Slow down', rate_reset: 2 } })?.detail, 'Slow down');
    assert.equal(closeErrorDetail(500, '<html>'), undefined);
  });

  it('reads error.rate_reset in seconds (float or text)', () => {
    const hint = (body: unknown) => closeRateLimitHint({ status: 429, headers: {}, body });
    assert.equal(hint({ error: { rate_reset: 1.25 } }), 1250);
    assert.equal(hint({ error: { rate_reset: '3' } }), 3000);
    assert.equal(hint({ error: 'x' }), undefined);
    assert.equal(hint(undefined), undefined);
  });
});
