import assert from 'node:assert/strict';
import type { Deal } from '../../../../src/model';
import type { SampleProvider } from '../../../../src/providers/sample';
import { allDealsOf, makeTempDir, openSample, QUALIFIED, rejection, removeDir } from './helpers';

/** Every deal of every pipeline, as the tree would load them. */
async function everyDeal(provider: SampleProvider): Promise<Deal[]> {
  const deals: Deal[] = [];
  for (const pipeline of await provider.listPipelines()) {
    for (const stage of pipeline.stages) deals.push(...(await allDealsOf(provider, { pipelineId: pipeline.id, stageId: stage.id })));
  }
  return deals;
}

describe('Sample CRM deal search', () => {
  let dir: string;
  let provider: SampleProvider;

  beforeEach(async () => {
    dir = await makeTempDir();
    provider = openSample(dir);
  });
  afterEach(() => removeDir(dir));

  it('finds every deal whose name, company or contact contains the text, whatever its case', async () => {
    const all = await everyDeal(provider);
    const word = all[0]!.company!.name.split(' ')[0]!;
    const expected = all.filter((d) => [d.name, d.company?.name, d.contact?.name].some((t) => t?.toLowerCase().includes(word.toLowerCase())));
    assert.ok(expected.length > 1, 'the word is shared by several deals');
    const found = await provider.searchDeals(word.toUpperCase(), 1000);
    assert.deepEqual(new Set(found.map((d) => d.id)), new Set(expected.map((d) => d.id)));
    const byId = new Map(all.map((d) => [d.id, d]));
    for (const deal of found) assert.deepEqual(deal, byId.get(deal.id), 'the deal as listDeals gives it');
  });

  it('ranks a name that starts with the text before a word that does, before any other match', async () => {
    const deals = (await provider.listDeals(QUALIFIED)).items;
    const rename = (i: number, name: string) => provider.updateDeal(deals[i]!.id, { name });
    await rename(0, 'Quokka-free renewal');
    await rename(1, 'Annual plan for the Quokka Group');
    await rename(2, 'Quokka Logistics expansion');
    await rename(3, 'Fiquokkation pilot');
    const found = (await provider.searchDeals('quokka', 10)).map((d) => d.name);
    assert.deepEqual(found, ['Quokka Logistics expansion', 'Quokka-free renewal', 'Annual plan for the Quokka Group', 'Fiquokkation pilot']);
  });

  it('ranks a match on the deal\'s name before the same match on its contact', async () => {
    const all = await everyDeal(provider);
    const contact = all.find((d) => d.contact)!.contact!.name;
    const target = all.find((d) => d.contact?.name !== contact)!;
    await provider.updateDeal(target.id, { name: `${contact} referral` });
    const found = await provider.searchDeals(contact, 50);
    assert.equal(found[0]!.id, target.id);
    assert.ok(found.length > 1);
    assert.ok(found.slice(1).every((d) => d.contact?.name === contact));
  });

  it('ignores accents, so "zurich" finds "Zürich"', async () => {
    const deal = (await provider.listDeals(QUALIFIED)).items[0]!;
    await provider.updateDeal(deal.id, { name: 'Zürich Präzision — pilot' });
    assert.ok((await provider.searchDeals('zurich prazision', 10)).some((d) => d.id === deal.id));
  });

  it('returns at most the limit, and nothing for blank text or no match', async () => {
    const all = await everyDeal(provider);
    const letter = all[0]!.name[0]!;
    assert.equal((await provider.searchDeals(letter, 5)).length, 5);
    assert.deepEqual(await provider.searchDeals('   ', 10), []);
    assert.deepEqual(await provider.searchDeals('no deal is called this', 10), []);
    assert.deepEqual(await provider.searchDeals(letter, 0), []);
  });

  it('is cancelled by its signal', async () => {
    const controller = new AbortController();
    controller.abort();
    assert.equal((await rejection(provider.searchDeals('a', 10, controller.signal))).kind, 'cancelled');
  });
});
