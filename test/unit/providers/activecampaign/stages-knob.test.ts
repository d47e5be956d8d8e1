import assert from 'node:assert/strict';
import { dealsPerStage } from '../pipeline-counts';
import { type Harness, SALES, startHarness, stopHarness } from './helpers';

describe('ActiveCampaign fake: the stages knob, as the benchmark loads it', function () {
  this.timeout(30_000);
  let h: Harness | undefined;
  afterEach(async () => {
    await stopHarness(h);
    h = undefined;
  });

  it('puts every deal in the first pipeline, spread evenly over exactly that many stages', async () => {
    h = await startHarness({ ratePerSecond: 500, fake: { deals: 2000, stages: 8 } });
    const counts = await dealsPerStage(h.provider, SALES.pipelineId);
    assert.equal(counts.length, 8);
    assert.deepEqual(counts.map(([, n]) => n), Array(8).fill(250));
    assert.ok(h.fake.state.deals.every((d) => d.group === SALES.pipelineId));
  });

  it('has the first pipeline\'s own five stages without it', async () => {
    h = await startHarness({ fake: { deals: 60 } });
    const pipelines = await h.provider.listPipelines();
    assert.equal(pipelines.find((p) => p.id === SALES.pipelineId)!.stages.length, 5);
  });
});
