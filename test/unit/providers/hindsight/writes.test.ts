import assert from 'node:assert/strict';
import { hindsightDescriptor } from '../../../../src/providers/hindsight';
import { type Harness, rejectsWith, startHarness, stopHarness } from './helpers';

describe('Hindsight provider: read-only', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await stopHarness(h);
  });

  it('refuses every write clearly, as forbidden, without calling Hindsight', async () => {
    const dealId = h.fake.state.deals[0]!.id;
    const refusals = [
      h.provider.updateDeal(dealId, { name: 'Renamed' }),
      h.provider.updateDeal(dealId, { stageId: 'Closed Won' }),
      h.provider.updateDeal(dealId, { custom: { type: { kind: 'text', value: 'Renewal' } } }),
      h.provider.createTask(dealId, { title: 'Call back' }),
      h.provider.updateTask(dealId, 'task_1', { done: true }),
      h.provider.deleteTask(dealId, 'task_1'),
    ];
    for (const refusal of refusals) {
      const error = await rejectsWith(h, refusal, 'forbidden');
      assert.match(error.message, /^Hindsight account "Acme Hindsight": Hindsight's API is read-only, so CRM Pipelines cannot change deals or tasks; make the change in Hindsight or in the CRM it syncs from/);
      assert.equal(error.isTransient, false);
    }
    assert.equal(h.fake.requests.length, 0);
  });

  it('has no tasks: listTasks is empty without a request', async () => {
    assert.deepEqual(await h.provider.listTasks(h.fake.state.deals[0]!.id), []);
    assert.equal(h.fake.requests.length, 0);
  });

  it('offers no edit anywhere: every capability but search off, every field read-only with the reason', async () => {
    const { search: _search, ...edits } = hindsightDescriptor.capabilities;
    assert.ok(Object.values(edits).every((on) => on === false));
    const detail = await h.provider.getDeal(h.fake.state.deals[0]!.id);
    assert.ok(detail.fields.length >= 14);
    assert.ok(detail.fields.every((f) => !f.writable && f.reason === "Hindsight's API is read-only"));
  });
});
