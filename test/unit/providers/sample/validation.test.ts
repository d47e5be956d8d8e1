import assert from 'node:assert/strict';
import type { Deal } from '../../../../src/model';
import type { DealPatch } from '../../../../src/providers/contract';
import type { SampleProvider } from '../../../../src/providers/sample';
import { makeTempDir, openSample, QUALIFIED, rejection, removeDir } from './helpers';

/** Each refused patch and the field its error must name. */
const REFUSED: [string, DealPatch, string][] = [
  ['an empty name', { name: '   ' }, 'name'],
  ['a stage of no pipeline', { stageId: 'stage-nowhere' }, 'stageId'],
  ['a stage of another pipeline', { stageId: 'stage-rn-renewed' }, 'stageId'],
  ['a negative amount', { amount: { minor: '-100', scale: 2, currency: 'USD' } }, 'amount'],
  ['an amount finer than cents', { amount: { minor: '1001', scale: 3, currency: 'USD' } }, 'amount'],
  ['an impossible close date', { expectedClose: '2026-02-30' }, 'expectedClose'],
  ['an unknown owner', { ownerId: 'user-nobody' }, 'ownerId'],
  ['a probability over 100', { probability: 120 }, 'probability'],
  ['a won outcome in an open stage', { stageId: 'stage-nb-demo', outcome: 'won' }, 'outcome'],
  ['a select value not among the options', { custom: { cf_lead_source: { kind: 'select', value: 'carrier-pigeon' } } }, 'cf_lead_source'],
  ['a multiselect value not among the options', { custom: { cf_products: { kind: 'multiselect', value: ['core', 'toaster'] } } }, 'cf_products'],
  ['the read-only field', { custom: { cf_health_score: { kind: 'number', value: '50' } } }, 'cf_health_score'],
  ['clearing the read-only field', { custom: { cf_health_score: null } }, 'cf_health_score'],
  ['a value of the wrong kind', { custom: { cf_seats: { kind: 'text', value: 'many' } } }, 'cf_seats'],
  ['a malformed number', { custom: { cf_seats: { kind: 'number', value: '12 seats' } } as DealPatch['custom'] }, 'cf_seats'],
  ['a percent over 100', { custom: { cf_discount: { kind: 'percent', value: '150' } } }, 'cf_discount'],
  ['an impossible date', { custom: { cf_contract_start: { kind: 'date', value: '2026-13-01' } } }, 'cf_contract_start'],
  ['a user who is not on the team', { custom: { cf_sales_engineer: { kind: 'user', value: { id: 'user-x', name: 'X' } } } }, 'cf_sales_engineer'],
  ['a url that is not a web address', { custom: { cf_proposal_url: { kind: 'url', value: 'javascript:alert(1)' } } }, 'cf_proposal_url'],
  ['an email without a domain', { custom: { cf_billing_email: { kind: 'email', value: 'billing@' } } }, 'cf_billing_email'],
  ['a phone with letters', { custom: { cf_buyer_phone: { kind: 'phone', value: 'call me' } } }, 'cf_buyer_phone'],
  ['a field that does not exist', { custom: { cf_nope: { kind: 'text', value: 'x' } } }, 'cf_nope'],
];

describe('Sample CRM validation', () => {
  let dir: string;
  let provider: SampleProvider;
  let deal: Deal;

  before(async () => {
    dir = await makeTempDir();
    provider = openSample(dir);
    deal = (await provider.listDeals(QUALIFIED)).items[0]!;
  });
  after(() => removeDir(dir));

  for (const [what, patch, field] of REFUSED) {
    it(`refuses ${what}, naming ${field}, and changes nothing`, async () => {
      const error = await rejection(provider.updateDeal(deal.id, patch));
      assert.equal(error.kind, 'validation');
      assert.deepEqual(error.fieldErrors?.map((e) => e.field), [field]);
      assert.ok(error.fieldErrors?.[0]?.message);
      assert.deepEqual((await provider.getDeal(deal.id)).deal, deal);
    });
  }

  it('reports every bad field of one patch and applies none of the good ones', async () => {
    const error = await rejection(provider.updateDeal(deal.id, {
      name: '',
      description: 'a valid change that must not be kept',
      custom: { cf_lead_source: { kind: 'select', value: 'nope' } },
    }));
    assert.deepEqual(error.fieldErrors?.map((e) => e.field).sort(), ['cf_lead_source', 'name']);
    assert.deepEqual((await provider.getDeal(deal.id)).deal, deal);
  });

  it('accepts a valid value of every writable kind and stores it normalized', async () => {
    const stored = await provider.updateDeal(deal.id, {
      custom: {
        cf_use_case: { kind: 'text', value: 'Board reporting' },
        cf_next_steps: { kind: 'textarea', value: 'Line one\nLine two' },
        cf_seats: { kind: 'number', value: '42' },
        cf_budget: { kind: 'money', value: { minor: '12345', scale: 1, currency: 'EUR' } },
        cf_discount: { kind: 'percent', value: '12.5' },
        cf_contract_start: { kind: 'date', value: '2026-04-01' },
        cf_demo_at: { kind: 'datetime', value: '2026-03-20T15:00:00+01:00' },
        cf_security_review: { kind: 'boolean', value: true },
        cf_lead_source: { kind: 'select', value: 'partner' },
        cf_products: { kind: 'multiselect', value: ['api', 'sso', 'api'] },
        cf_sales_engineer: { kind: 'user', value: { id: 'user-aiko', name: 'stale name' } },
        cf_proposal_url: { kind: 'url', value: 'https://example.com/p/1' },
        cf_billing_email: { kind: 'email', value: 'ap@example.com' },
        cf_buyer_phone: { kind: 'phone', value: '+1 (415) 555-0100' },
      },
    });
    assert.deepEqual(stored.custom.cf_budget, { kind: 'money', value: { minor: '123450', scale: 2, currency: 'EUR' } });
    assert.deepEqual(stored.custom.cf_demo_at, { kind: 'datetime', value: '2026-03-20T14:00:00.000Z' });
    assert.deepEqual(stored.custom.cf_products, { kind: 'multiselect', value: ['api', 'sso'] });
    assert.deepEqual(stored.custom.cf_sales_engineer, { kind: 'user', value: { id: 'user-aiko', name: 'Aiko Tanaka' } });
    deal = stored;
  });
});
