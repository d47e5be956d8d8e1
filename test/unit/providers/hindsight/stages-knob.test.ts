import assert from 'node:assert/strict';
import { dealsPerStage } from '../pipeline-counts';
import { type Harness, PIPELINE, startHarness, stopHarness } from './helpers';

describe('Hindsight fake: the stages knob, as the benchmark loads it', function () {
  this.timeout(30_000);
  let h: Harness | undefined;
  afterEach(async () => {
    await stopHarness(h);
    h = undefined;
  });

  it('spreads the deals evenly over exactly that many status values', async () => {
    h = await startHarness({ fake: { deals: 2000, stages: 8 } });
    const counts = await dealsPerStage(h.provider, PIPELINE);
    assert.equal(counts.length, 8);
    assert.deepEqual(counts.map(([, n]) => n), Array(8).fill(250));
  });

  it('uses seven weighted status values without it', async () => {
    h = await startHarness({ fake: { deals: 300 } });
    assert.equal(new Set(h.fake.state.deals.map((d) => d.status_id)).size, 7);
  });
});
