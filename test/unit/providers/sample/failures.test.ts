import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSampleData, type SampleProvider } from '../../../../src/providers/sample';
import { GENERATION_DAY, makeTempDir, openSample, QUALIFIED, rejection, removeDir } from './helpers';

describe('Sample CRM failures, reset and the data file', () => {
  let dir: string;
  let provider: SampleProvider;

  beforeEach(async () => {
    dir = await makeTempDir();
    provider = openSample(dir);
  });
  afterEach(() => removeDir(dir));

  it('creates its file lazily, named after the account, without leftover temp files', async () => {
    assert.deepEqual(await readdir(dir), []);
    await provider.listPipelines();
    assert.deepEqual(await readdir(dir), ['sample-demo.json']);
    assert.equal(provider.dataFile, join(dir, 'sample-demo.json'));
  });

  it('failNextWrite fails exactly the next write with that kind and changes nothing', async () => {
    const [deal] = (await provider.listDeals(QUALIFIED)).items;
    const fileBefore = await readFile(provider.dataFile, 'utf8');
    provider.failNextWrite('server', 'the sample server is down');

    const error = await rejection(provider.updateDeal(deal!.id, { name: 'Renamed' }));
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 500);
    assert.match(error.message, /the sample server is down/);
    assert.deepEqual((await provider.getDeal(deal!.id)).deal, deal);
    assert.equal(await readFile(provider.dataFile, 'utf8'), fileBefore);

    const retried = await provider.updateDeal(deal!.id, { name: 'Renamed' });
    assert.equal(retried.name, 'Renamed');
  });

  it('failNextWrite applies to task writes too', async () => {
    const [deal] = (await provider.listDeals(QUALIFIED)).items;
    const before = await provider.listTasks(deal!.id);
    provider.failNextWrite('conflict');
    assert.equal((await rejection(provider.createTask(deal!.id, { title: 'New' }))).kind, 'conflict');
    assert.deepEqual(await provider.listTasks(deal!.id), before);
  });

  it('reset brings back the generated data after edits', async () => {
    const [deal] = (await provider.listDeals(QUALIFIED)).items;
    await provider.updateDeal(deal!.id, { name: 'Edited', stageId: 'stage-nb-won' });
    await provider.reset();
    assert.deepEqual((await provider.getDeal(deal!.id)).deal, deal);
    const onDisk = JSON.parse(await readFile(provider.dataFile, 'utf8'));
    assert.deepEqual(onDisk, JSON.parse(JSON.stringify(generateSampleData(onDisk.seed, GENERATION_DAY))));
  });

  for (const [what, content] of [
    ['not JSON', '{"format": "crm-pipelines/sample-crm", "deals": ['],
    ['JSON of the wrong shape', JSON.stringify({ format: 'crm-pipelines/sample-crm', version: 1, deals: 'many' })],
  ] as const) {
    it(`a data file that is ${what} gives a clear error, is left as it was, and reset repairs it`, async () => {
      await writeFile(join(dir, 'sample-demo.json'), content, 'utf8');
      const error = await rejection(provider.listPipelines());
      assert.equal(error.kind, 'badResponse');
      assert.match(error.message, /Reset Sample Data/);
      assert.match(error.message, /damaged/);
      assert.equal((await rejection(provider.getDeal('deal-0001'))).kind, 'badResponse', 'still refused, not regenerated');
      assert.equal(await readFile(join(dir, 'sample-demo.json'), 'utf8'), content);

      await provider.reset();
      assert.equal((await provider.listPipelines()).length, 3);
    });
  }

  it('a stage reference that points nowhere is also a damaged file', async () => {
    const data = generateSampleData(1, GENERATION_DAY);
    data.deals[0]!.stageId = 'stage-gone';
    await writeFile(join(dir, 'sample-demo.json'), JSON.stringify(data), 'utf8');
    const error = await rejection(provider.listPipelines());
    assert.equal(error.kind, 'badResponse');
    assert.match(error.message, /deals\.0\.stageId/);
  });
});
