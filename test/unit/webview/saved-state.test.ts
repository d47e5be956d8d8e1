import assert from 'node:assert/strict';
import type { HostToWebview } from '../../../src/protocol';
import { PanelController } from '../../../webview-ui/model/panel-controller';
import { deal, FakeIo, view } from './fixtures';

/** A panel that loads, is worked on, and is hidden: what its saved state brings back when shown again. */
function panel(saved?: unknown) {
  const io = new FakeIo();
  const controller = new PanelController(io, saved);
  controller.start();
  const send = (message: HostToWebview) => controller.handle(message);
  return { io, controller, send };
}

describe('Deal panel state across hiding and showing', () => {
  it('says ready, shows loading, then the deal; a load error offers Retry', () => {
    const { io, controller, send } = panel();
    assert.deepEqual(io.posted, [{ type: 'ready' }]);
    assert.ok(controller.loading);
    send({ type: 'loadError', error: { kind: 'network', retryable: true, message: 'Could not reach Sample CRM.' } });
    assert.equal(controller.loadError?.message, 'Could not reach Sample CRM.');
    controller.refresh();
    assert.equal(io.last('refresh').type, 'refresh');
    send({ type: 'init', view: view() });
    assert.ok(controller.loaded && !controller.loading && !controller.loadError);
  });

  it('draws the deal sent before it said ready, and does not redraw it when the same read comes for ready', () => {
    const { io, controller, send } = panel();
    send({ type: 'init', view: view(), read: 1 });
    const { edits } = controller.loaded!;
    edits.open('custom:cf_use_case');
    edits.update('custom:cf_use_case', 'typed while ready went to the host');
    send({ type: 'loading' });
    send({ type: 'init', view: view({ deal: deal({ name: 'Changed meanwhile' }) }), read: 1 });
    assert.equal(controller.loaded!.edits, edits, 'the same panel state');
    assert.equal(controller.loaded!.view.deal.name, 'Acme');
    assert.equal(edits.editors.get('custom:cf_use_case')?.draft, 'typed while ready went to the host');
    assert.ok(!controller.loading);
    send({ type: 'init', view: view({ deal: deal({ name: 'Read again' }) }), read: 2 });
    assert.equal(controller.loaded!.view.deal.name, 'Read again', 'a new read is drawn');
    assert.deepEqual(io.posted.map((m) => m.type), ['ready']);
  });

  it('ignores replies that arrive before the deal is loaded', () => {
    const { controller, send } = panel();
    send({ type: 'edited', requestId: 'r1', deal: deal() });
    send({ type: 'tasksChanged', requestId: 'r1', tasks: [] });
    assert.equal(controller.loaded, undefined);
  });

  it('keeps the account and deal ids where the host\'s serializer reads them', () => {
    const { controller, send } = panel();
    send({ type: 'init', view: view() });
    const state = controller.snapshot(120)!;
    assert.equal(state.accountId, 'acc');
    assert.equal(state.dealId, 'd1');
    assert.equal(state.scrollY, 120);
  });

  it('brings back open editors\' drafts, failed edits with their typed values, the task form and the scroll position', () => {
    const first = panel();
    first.send({ type: 'init', view: view() });
    const { edits, tasks } = first.controller.loaded!;
    edits.open('custom:cf_use_case');
    edits.update('custom:cf_use_case', 'half-typed');
    edits.open('custom:cf_seats');
    edits.update('custom:cf_seats', '300');
    edits.commit('custom:cf_seats');
    first.send({ type: 'editFailed', requestId: first.io.last('edit').requestId, error: { kind: 'validation', retryable: false, message: 'no', detail: 'too many seats' } });
    tasks.newTask = { title: 'Call back', due: '2025-07-01' };
    const saved = JSON.parse(JSON.stringify(first.controller.snapshot(480)));

    const second = panel(saved);
    assert.deepEqual(second.controller.snapshot(0), saved, 'state is kept as it was until the deal loads');
    second.send({ type: 'init', view: view() });
    const restored = second.controller.loaded!;
    assert.equal(restored.edits.editors.get('custom:cf_use_case')!.draft, 'half-typed');
    assert.equal(restored.edits.failed.get('custom:cf_seats')!.message, 'too many seats');
    assert.equal(restored.edits.failed.get('custom:cf_seats')!.draft, '300');
    assert.deepEqual(restored.tasks.newTask, { title: 'Call back', due: '2025-07-01' });
    assert.equal(second.controller.takeScrollToRestore(), 480);
    assert.equal(second.controller.takeScrollToRestore(), undefined, 'the scroll position is restored once');
    restored.edits.retry('custom:cf_seats');
    assert.deepEqual(second.io.last('edit').patch, { custom: { cf_seats: { kind: 'number', value: '300' } } });
  });

  it('an edit whose answer was never heard: dropped if the CRM has it, else kept to check and Retry', () => {
    const first = panel();
    first.send({ type: 'init', view: view() });
    const { edits } = first.controller.loaded!;
    edits.open('custom:cf_seats');
    edits.update('custom:cf_seats', '300');
    edits.commit('custom:cf_seats');
    edits.open('name');
    edits.update('name', 'Acme 2');
    edits.commit('name');
    const saved = JSON.parse(JSON.stringify(first.controller.snapshot(0)));

    const second = panel(saved);
    second.send({ type: 'init', view: view({ deal: deal({ custom: { cf_seats: { kind: 'number', value: '300' } } }) }) });
    const restored = second.controller.loaded!.edits;
    assert.ok(!restored.failed.has('custom:cf_seats'), 'the CRM stored it');
    assert.match(restored.failed.get('name')!.message, /Not confirmed/);
    assert.equal(restored.failed.get('name')!.draft, 'Acme 2');
  });

  it('state from another deal, or not of this shape, is ignored', () => {
    const other = panel({ version: 1, accountId: 'acc', dealId: 'other', scrollY: 10, fieldEditors: { name: 'x' }, unsaved: {}, taskEditors: {}, newTask: { title: '', due: '' } });
    other.send({ type: 'init', view: view() });
    assert.equal(other.controller.loaded!.edits.editors.size, 0);
    assert.equal(other.controller.takeScrollToRestore(), undefined);
    const junk = panel({ version: 7, editors: 'x' });
    junk.send({ type: 'init', view: view() });
    assert.equal(junk.controller.loaded!.edits.editors.size, 0);
  });

  it('a draft that does not fit its field any more is not put back', () => {
    const first = panel();
    first.send({ type: 'init', view: view() });
    const saved = JSON.parse(JSON.stringify(first.controller.snapshot(0)));
    saved.fieldEditors = { 'custom:cf_budget': 'not a money draft', 'custom:cf_score': '1', 'custom:gone': 'x', name: 'kept' };
    const second = panel(saved);
    second.send({ type: 'init', view: view() });
    assert.deepEqual([...second.controller.loaded!.edits.editors.keys()], ['name']);
  });

  it('a refresh keeps open editors and what is in flight', () => {
    const { controller, send, io } = panel();
    send({ type: 'init', view: view() });
    const { edits } = controller.loaded!;
    edits.open('custom:cf_use_case');
    edits.update('custom:cf_use_case', 'mine');
    edits.open('name');
    edits.update('name', 'Acme 2');
    edits.commit('name');
    controller.refresh();
    send({ type: 'loading' });
    send({ type: 'init', view: view({ deal: deal({ updatedAt: '2025-06-03T00:00:00.000Z' }) }) });
    assert.equal(edits.editors.get('custom:cf_use_case')!.draft, 'mine');
    assert.deepEqual(edits.display('name'), { kind: 'text', value: 'Acme 2' });
    send({ type: 'edited', requestId: io.last('edit').requestId, deal: deal({ name: 'Acme 2' }) });
    assert.equal(edits.pending.size, 0);
  });
});
