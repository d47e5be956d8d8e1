import assert from 'node:assert/strict';
import { CLOSE_PAGE_SIZE, closeDescriptor } from '../../../../src/providers/close';
import { allDeals, assertCleanRun, openClose, requestLines } from './helpers';

describe('Close provider: loading a 2,000-deal pipeline', () => {
  it('never exceeds the rate limit and sends the minimum number of requests', async function () {
    this.timeout(30_000);
    const rate = closeDescriptor.rateLimit!.ratePerSecond;
    // The fake enforces exactly the limit the extension keeps to: Close's example, 20 a second.
    const h = await openClose({ fake: { deals: { Sales: 2000, Renewals: 3, Partnerships: 3 }, ratePerSecond: rate } });
    try {
      const pipeline = (await h.provider.listPipelines()).find((p) => p.name === 'Sales')!;
      // Every stage at once, as the tree expands them; each follows its pages to the end.
      const perStage = await Promise.all(pipeline.stages.map((s) => allDeals(h.provider, { pipelineId: pipeline.id, stageId: s.id })));
      const loaded = perStage.flat();
      assert.equal(loaded.length, 2000);
      assert.equal(new Set(loaded.map((d) => d.id)).size, 2000);

      assert.equal(h.fake.rateLimited, 0, 'the fake refused requests');
      assert.equal(h.fake.requests.filter((r) => r.status === 429).length, 0);
      const pages = pipeline.stages.reduce((sum, s) => {
        const count = h.fake.state.opportunities.filter((o) => o['status_id'] === s.id).length;
        return sum + Math.ceil(count / CLOSE_PAGE_SIZE.opportunity);
      }, 0);
      const metadata = requestLines(h).filter((line) => line !== 'GET /opportunity/');
      // The statuses and the organization's currency (stages span pages), each once; rows need no
      // field definitions or user list.
      const named = metadata.map((l) => l.replace(/orga_\w+/, '{id}'));
      assert.deepEqual(named.sort(), ['GET /organization/{id}/', 'GET /pipeline/']);
      assert.equal(h.fake.requests.length, metadata.length + pages);
      assert.equal(pages, 10);

      // No second in which more than the documented rate arrived.
      const times = h.fake.requests.map((r) => r.at);
      for (let i = 0; i < times.length; i++) {
        const inWindow = times.filter((t) => t > times[i]! - 1000 && t <= times[i]!).length;
        assert.ok(inWindow <= rate, `${inWindow} requests within one second`);
      }
      assertCleanRun(h);
    } finally {
      await h.close();
    }
  });
});
