import assert from 'node:assert/strict';
import { AccountSession } from '../../../src/accounts/account-session';
import { SharedDealValues } from '../../../src/accounts/shared-deal-values';
import type { Deal } from '../../../src/model';
import { deal, StubProvider, stubAccount, stubDescriptor } from '../helpers/stub-provider';

/** A deal as a CRM's JSON gives it: every string and object its own copy. */
function parsed(id: string, overrides: Partial<Deal> = {}): Deal {
  return JSON.parse(JSON.stringify({
    id,
    name: `Deal ${id}`,
    pipelineId: 'pipe_1',
    stageId: 'stat_1',
    owner: { id: 'user_1', name: 'Ann Owner' },
    company: { id: 'lead_1', name: 'Acme' },
    expectedClose: '2026-05-01',
    outcome: 'open',
    description: 'Waiting on legal.',
    custom: {
      'custom.region': { kind: 'select', value: 'EMEA' },
      'custom.products': { kind: 'multiselect', value: ['A', 'B'] },
      'custom.engineer': { kind: 'user', value: { id: 'user_2', name: 'Bo' } },
      'custom.seats': { kind: 'unknown', value: 12 },
      'custom.raw': { kind: 'unknown', value: { nested: true } },
    },
    ...overrides,
  })) as Deal;
}

describe('SharedDealValues', () => {
  it('gives back an equal deal that shares the values deals repeat, and leaves the given one as it was', () => {
    const values = new SharedDealValues();
    const first = parsed('d1');
    const second = parsed('d2');
    const secondCopy = structuredClone(second);
    const a = values.deal(first);
    const b = values.deal(second);
    assert.deepEqual(a, first);
    assert.deepEqual(b, secondCopy);
    assert.deepEqual(second, secondCopy);
    assert.equal(b.owner, a.owner);
    assert.equal(b.company, a.company);
    for (const key of ['custom.region', 'custom.products', 'custom.engineer', 'custom.seats']) assert.equal(b.custom[key], a.custom[key], key);
    // A value that is not plain is kept as it came.
    assert.equal(b.custom['custom.raw'], second.custom['custom.raw']);
  });

  it('never hands one deal the value of another: a renamed owner or a different value stays its own', () => {
    const values = new SharedDealValues();
    values.deal(parsed('d1'));
    const renamed = values.deal(parsed('d2', {
      owner: { id: 'user_1', name: 'Ann Married-Name' },
      custom: {
        'custom.products': { kind: 'multiselect', value: ['A\u0000B'] },
        'custom.engineer': { kind: 'user', value: { id: 'user_2', name: 'Bo Renamed' } },
        'custom.seats': { kind: 'unknown', value: '12' },
      },
    }));
    assert.equal(renamed.owner?.name, 'Ann Married-Name');
    assert.deepEqual(renamed.custom, {
      'custom.products': { kind: 'multiselect', value: ['A\u0000B'] },
      'custom.engineer': { kind: 'user', value: { id: 'user_2', name: 'Bo Renamed' } },
      'custom.seats': { kind: 'unknown', value: '12' },
    });
  });

  it('stops holding new values of a field whose values never repeat, and still gives each deal its own', () => {
    const values = new SharedDealValues();
    const deals = Array.from({ length: 5_000 }, (_, i) => values.deal(parsed(`d${i}`, { description: `note ${i}` })));
    deals.forEach((deal, i) => assert.equal(deal.description, `note ${i}`));
  });

  it('is what a session keeps: deals of a stage loaded page by page share their owner', async () => {
    const provider = new StubProvider(stubDescriptor());
    provider.dealsByStage.set('s1', Array.from({ length: 6 }, (_, i) => ({ ...deal(`d${i}`, 's1', 100, 'USD'), owner: { id: 'u1', name: 'Ann' } })));
    const session = new AccountSession(stubAccount, { descriptor: provider.descriptor, readKey: async () => 'key', createProvider: () => provider });
    const list = session.stage('p1', 's1');
    await list.ensureFirstPage();
    await list.loadMore();
    assert.deepEqual(list.items, provider.dealsByStage.get('s1'));
    // The stub's pages are structured clones: without sharing, each deal would hold its own owner.
    assert.equal(list.items[4]?.owner, list.items[0]?.owner);
  });
});
