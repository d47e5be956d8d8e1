import assert from 'node:assert/strict';
import { dealsPerStage } from '../pipeline-counts';
import { type Harness, PIPELINE, startHarness, stopHarness } from './helpers';

describe('Twenty fake: the stages knob, as the benchmark loads it', function () {
  this.timeout(30_000);
  let h: Harness | undefined;
  afterEach(async () => {
    await stopHarness(h);
    h = undefined;
  });

  it('gives the stage SELECT exactly that many options and spreads the deals evenly over them', async () => {
    h = await startHarness({ fake: { deals: 2000, stages: 8 } });
    const counts = await dealsPerStage(h.provider, PIPELINE);
    assert.equal(counts.length, 8);
    assert.deepEqual(counts.map(([, n]) => n), Array(8).fill(250));
  });

  it('keeps the captured five stages without it', async () => {
    h = await startHarness({ fake: { deals: 60 } });
    assert.equal((await h.provider.listPipelines())[0]!.stages.length, 5);
  });
});
