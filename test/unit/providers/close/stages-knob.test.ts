import assert from 'node:assert/strict';
import { dealsPerStage } from '../pipeline-counts';
import { type Harness, openClose } from './helpers';

describe('Close fake: the stages knob, as the benchmark loads it', function () {
  this.timeout(30_000);
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('puts every deal in the main pipeline, spread evenly over exactly that many statuses', async () => {
    h = await openClose({ fake: { deals: 2000, stages: 8 } });
    const sales = h.fake.state.pipelines.find((p) => p.name === 'Sales')!;
    const counts = await dealsPerStage(h.provider, sales.id);
    assert.equal(counts.length, 8);
    assert.deepEqual(counts.map(([, n]) => n), Array(8).fill(250));
    assert.deepEqual(counts.slice(-2).map(([name]) => name), ['Won', 'Lost'], 'the closed statuses stay last');
  });

  it('keeps the usual spread over three pipelines without it', async () => {
    h = await openClose({ fake: { deals: 100 } });
    const perPipeline = h.fake.state.pipelines.map((p) => h!.fake.state.opportunities.filter((o) => o['pipeline_id'] === p.id).length);
    assert.deepEqual(perPipeline, [50, 30, 20]);
  });
});
