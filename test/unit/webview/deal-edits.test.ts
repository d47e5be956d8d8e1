import assert from 'node:assert/strict';
import { DealEdits } from '../../../webview-ui/model/deal-edits';
import { deal, FakeIo, view } from './fixtures';

function setup(overrides: Parameters<typeof view>[0] = {}) {
  const io = new FakeIo();
  const edits = new DealEdits(io, view(overrides));
  return { io, edits };
}

/** Opens a field's editor, types `draft` and saves, as the user would. */
function editAndSave(edits: DealEdits, id: string, draft: Parameters<DealEdits['update']>[1]) {
  edits.open(id);
  edits.update(id, draft);
  return edits.commit(id);
}

describe('Deal panel edits: optimistic, confirmed or rolled back', () => {
  it('sends just the change, for the right field, based on the version shown, and shows it at once', () => {
    const { io, edits } = setup();
    assert.equal(editAndSave(edits, 'custom:cf_seats', '300'), 'sent');
    const edit = io.last('edit');
    assert.deepEqual(edit.field, { kind: 'custom', key: 'cf_seats' });
    assert.deepEqual(edit.patch, { custom: { cf_seats: { kind: 'number', value: '300' } } });
    assert.equal(edit.basedOn, '2025-06-01T10:00:00.000Z');
    assert.equal(edit.overwrite, undefined);
    assert.deepEqual(edits.display('custom:cf_seats'), { kind: 'number', value: '300' });
    assert.ok(edits.pending.has('custom:cf_seats'));
    assert.ok(!edits.editors.has('custom:cf_seats'));
  });

  it('builds the standard fields\' patches the way the protocol wants them', () => {
    const { io, edits } = setup();
    editAndSave(edits, 'name', 'Acme 2');
    assert.deepEqual(io.last('edit').patch, { name: 'Acme 2' });
    editAndSave(edits, 'amount', { amount: '', currency: 'USD' });
    assert.deepEqual(io.last('edit').patch, { amount: null });
    editAndSave(edits, 'ownerId', '');
    assert.deepEqual(io.last('edit').patch, { ownerId: null });
    editAndSave(edits, 'stageId', 's2');
    assert.deepEqual(io.last('edit').patch, { stageId: 's2' });
    editAndSave(edits, 'expectedClose', '2025-12-31');
    assert.deepEqual(io.last('edit').patch, { expectedClose: '2025-12-31' });
    assert.deepEqual(io.last('edit').field, { kind: 'standard', name: 'expectedClose' });
  });

  it('clearing a custom field sends null', () => {
    const { io, edits } = setup();
    editAndSave(edits, 'custom:cf_products', []);
    assert.deepEqual(io.last('edit').patch, { custom: { cf_products: null } });
  });

  it('saving an unchanged value just closes the editor', () => {
    const { io, edits } = setup();
    edits.open('custom:cf_budget');
    assert.equal(edits.commit('custom:cf_budget'), 'unchanged');
    edits.open('custom:cf_products');
    edits.update('custom:cf_products', ['c', 'a']);
    assert.equal(edits.commit('custom:cf_products'), 'unchanged');
    assert.equal(io.count('edit'), 0);
  });

  it('refuses bad input beside the field, keeps the editor and the draft, and sends nothing', () => {
    const { io, edits } = setup();
    assert.equal(editAndSave(edits, 'custom:cf_seats', '3,5'), 'invalid');
    assert.match(edits.editors.get('custom:cf_seats')!.problem!, /dot for decimals/);
    assert.equal(edits.editors.get('custom:cf_seats')!.draft, '3,5');
    assert.equal(editAndSave(edits, 'custom:cf_use_case', ' '), 'invalid');
    assert.equal(edits.editors.get('custom:cf_use_case')!.problem, 'Use case cannot be empty');
    assert.equal(editAndSave(edits, 'name', ''), 'invalid');
    assert.equal(editAndSave(edits, 'amount', { amount: '-5', currency: 'USD' }), 'invalid');
    assert.equal(io.count('edit'), 0);
  });

  it('offers no editor where the CRM, the field or the deal does not allow one', () => {
    const { edits } = setup();
    const slots = edits.slots();
    assert.equal(slots.get('custom:cf_score')!.editable, false);
    assert.equal(slots.get('custom:cf_score')!.readOnlyReason, 'Calculated from activity');
    assert.equal(slots.get('custom:cf_parent')!.editable, false);
    assert.equal(slots.get('outcome')!.editable, false, 'setOutcome is false');
    edits.open('custom:cf_score');
    assert.ok(!edits.editors.has('custom:cf_score'));

    const locked = setup({ deal: deal({ locked: 'No access' }) }).edits.slots();
    assert.ok([...locked.values()].every((slot) => !slot.editable));
    const readOnly = setup({ capabilities: { ...view().capabilities, updateDeal: false } }).edits.slots();
    assert.ok([...readOnly.values()].every((slot) => !slot.editable));
    const noUsers = setup({ users: [] }).edits.slots();
    assert.equal(noUsers.get('ownerId')!.editable, false);
    assert.equal(noUsers.get('custom:cf_engineer')!.editable, false);
    const noMoves = setup({ capabilities: { ...view().capabilities, moveStage: false } }).edits.slots();
    assert.equal(noMoves.get('stageId')!.editable, false);
  });

  it('several edits on different fields can be in flight; each reply settles its own', () => {
    const { io, edits } = setup();
    editAndSave(edits, 'custom:cf_seats', '300');
    const seats = io.last('edit').requestId;
    editAndSave(edits, 'name', 'Acme 2');
    const name = io.last('edit').requestId;
    assert.notEqual(seats, name);
    edits.onEdited(name, deal({ name: 'Acme 2', updatedAt: '2025-06-01T10:01:00.000Z' }));
    assert.deepEqual(edits.display('name'), { kind: 'text', value: 'Acme 2' });
    assert.deepEqual(edits.display('custom:cf_seats'), { kind: 'number', value: '300' }, 'still shown while in flight');
    edits.onEditFailed(seats, { kind: 'server', message: 'The CRM failed.', retryable: true });
    assert.deepEqual(edits.display('custom:cf_seats'), { kind: 'number', value: '250' });
    assert.deepEqual(edits.display('name'), { kind: 'text', value: 'Acme 2' });
  });

  it('shows what the CRM stored, not what was typed', () => {
    const { io, edits } = setup();
    editAndSave(edits, 'name', '  Acme  ');
    edits.onEdited(io.last('edit').requestId, deal({ name: 'Acme' }));
    assert.deepEqual(edits.display('name'), { kind: 'text', value: 'Acme' });
  });

  it('a failure puts the old value back, keeps the typed one, and words the error as the CRM did', () => {
    const { io, edits } = setup();
    editAndSave(edits, 'custom:cf_seats', '300');
    edits.onEditFailed(io.last('edit').requestId, {
      kind: 'validation', retryable: false, message: 'Sample CRM refused the change: cf_seats: must be at most 200.',
      detail: 'the change was not saved', fieldErrors: [{ field: 'name', message: 'other field' }, { field: 'custom.cf_seats', message: 'must be at most 200' }],
    });
    const failed = edits.failed.get('custom:cf_seats')!;
    assert.equal(failed.message, 'Seats must be at most 200');
    assert.equal(failed.draft, '300');
    assert.deepEqual(edits.display('custom:cf_seats'), { kind: 'number', value: '250' });

    editAndSave(edits, 'name', 'X');
    edits.onEditFailed(io.last('edit').requestId, { kind: 'server', retryable: true, message: 'Whole sentence.', detail: 'Upstream said no' });
    assert.equal(edits.failed.get('name')!.message, 'Upstream said no');
    editAndSave(edits, 'custom:cf_use_case', 'Y');
    edits.onEditFailed(io.last('edit').requestId, { kind: 'network', retryable: true, message: 'Could not reach Sample CRM.' });
    assert.equal(edits.failed.get('custom:cf_use_case')!.message, 'Could not reach Sample CRM.');
  });

  it('Retry sends the same change again; Edit again reopens the editor with the typed value', () => {
    const { io, edits } = setup();
    editAndSave(edits, 'custom:cf_seats', '300');
    const first = io.last('edit');
    edits.onEditFailed(first.requestId, { kind: 'server', retryable: true, message: 'failed' });
    edits.editAgain('custom:cf_seats');
    assert.equal(edits.editors.get('custom:cf_seats')!.draft, '300');
    edits.cancel('custom:cf_seats');
    assert.ok(edits.failed.has('custom:cf_seats'), 'cancelling keeps the failure and its Retry');
    edits.retry('custom:cf_seats');
    const again = io.last('edit');
    assert.notEqual(again.requestId, first.requestId);
    assert.deepEqual([again.field, again.patch, again.basedOn], [first.field, first.patch, first.basedOn]);
    assert.ok(!edits.failed.has('custom:cf_seats'));
    assert.deepEqual(edits.display('custom:cf_seats'), { kind: 'number', value: '300' });
  });

  it('a conflict keeps the change aside; Overwrite sends it again with overwrite:true', () => {
    const { io, edits } = setup();
    editAndSave(edits, 'custom:cf_seats', '300');
    const current = deal({ updatedAt: '2025-06-01T11:00:00.000Z' });
    edits.onConflict(io.last('edit').requestId, current);
    assert.ok(edits.conflicts.has('custom:cf_seats'));
    assert.deepEqual(edits.display('custom:cf_seats'), { kind: 'number', value: '250' });
    edits.overwriteConflicts();
    const edit = io.last('edit');
    assert.equal(edit.overwrite, true);
    assert.equal(edit.basedOn, '2025-06-01T11:00:00.000Z');
    assert.deepEqual(edit.patch, { custom: { cf_seats: { kind: 'number', value: '300' } } });
    assert.equal(edits.conflicts.size, 0);
  });

  it('two edits in flight: the later one\'s "conflict" with the earlier one\'s write is sent again on the new version, no banner', () => {
    const { io, edits } = setup();
    editAndSave(edits, 'custom:cf_seats', '300');
    const first = io.last('edit');
    editAndSave(edits, 'name', 'Acme 2');
    const second = io.last('edit');
    const afterFirst = deal({ updatedAt: '2025-06-01T10:05:00.000Z', custom: { ...deal().custom, cf_seats: { kind: 'number', value: '300' } } });
    // The conflict can arrive before the first edit's own answer: it waits for it.
    edits.onConflict(second.requestId, afterFirst);
    assert.equal(edits.conflicts.size, 0);
    assert.equal(io.count('edit'), 2);
    edits.onEdited(first.requestId, afterFirst);
    const again = io.last('edit');
    assert.equal(io.count('edit'), 3);
    assert.deepEqual([again.patch, again.basedOn, again.overwrite], [{ name: 'Acme 2' }, '2025-06-01T10:05:00.000Z', undefined]);
    assert.equal(edits.conflicts.size, 0);
    assert.deepEqual(edits.display('name'), { kind: 'text', value: 'Acme 2' });
  });

  it('a conflict with someone else\'s change is a real conflict, even with other edits in flight', () => {
    const { io, edits } = setup();
    editAndSave(edits, 'custom:cf_seats', '300');
    const first = io.last('edit');
    editAndSave(edits, 'name', 'Acme 2');
    edits.onConflict(io.last('edit').requestId, deal({ updatedAt: '2025-06-01T11:00:00.000Z' }));
    edits.onEdited(first.requestId, deal({ updatedAt: '2025-06-01T10:05:00.000Z' }));
    assert.ok(edits.conflicts.has('name'));
    assert.equal(io.count('edit'), 2);
  });

  it('a conflict answered with Reload keeps the typed value as a failure to Retry on the new deal', () => {
    const { io, edits } = setup();
    editAndSave(edits, 'custom:cf_seats', '300');
    edits.onConflict(io.last('edit').requestId, deal());
    edits.load(view({ deal: deal({ updatedAt: '2025-06-02T00:00:00.000Z' }) }));
    assert.equal(edits.conflicts.size, 0);
    assert.match(edits.failed.get('custom:cf_seats')!.message, /had changed in Sample CRM/);
    edits.retry('custom:cf_seats');
    assert.equal(io.last('edit').basedOn, '2025-06-02T00:00:00.000Z');
  });

  it('a change made elsewhere shows at once, except in an open editor, which keeps its draft', () => {
    const { edits } = setup();
    edits.open('custom:cf_use_case');
    edits.update('custom:cf_use_case', 'my draft');
    edits.replaceDeal(deal({ name: 'Renamed', custom: { cf_use_case: { kind: 'text', value: 'Theirs' } } }));
    assert.deepEqual(edits.display('name'), { kind: 'text', value: 'Renamed' });
    assert.equal(edits.editors.get('custom:cf_use_case')!.draft, 'my draft');
  });

  it('a yes/no checkbox saves without an editor', () => {
    const { io, edits } = setup();
    assert.equal(edits.commit('custom:cf_review', true), 'sent');
    assert.deepEqual(io.last('edit').patch, { custom: { cf_review: { kind: 'boolean', value: true } } });
    assert.equal(edits.commit('custom:cf_review'), 'closed');
  });
});
