import assert from 'node:assert/strict';
import { parseAccountsSetting } from '../../../src/accounts/parse-accounts';

describe('The crmPipelines.accounts setting', () => {
  it('keeps the valid entries and names each broken one', () => {
    const { accounts, invalid } = parseAccountsSetting([
      { id: 'sample', provider: 'sample', label: 'Sample CRM' },
      { id: 'bad', provider: 'pipedrive', label: 'Old Pipedrive' },
      { id: 'ac-1', provider: 'activecampaign', label: 'AC', baseUrl: 'https://acme.api-us1.com' },
      'not an object',
      { id: 'sample', provider: 'sample', label: 'Second sample' },
      { id: 'x y', provider: 'close', label: '' },
    ]);
    assert.deepEqual(accounts.map((a) => a.id), ['sample', 'ac-1']);
    assert.deepEqual(invalid.map((i) => i.name), ['Old Pipedrive', 'entry 4', 'Second sample', 'x y']);
    assert.match(invalid[0]!.problem, /^provider: /);
    assert.match(invalid[2]!.problem, /used by another account/);
  });

  it('says so when the setting is not a list at all', () => {
    const { accounts, invalid } = parseAccountsSetting({ id: 'sample' });
    assert.equal(accounts.length, 0);
    assert.match(invalid[0]!.problem, /must be a list/);
  });

  it('rejects a base URL that is not http(s)', () => {
    const { invalid } = parseAccountsSetting([{ id: 't', provider: 'twenty', label: 'T', baseUrl: 'ftp://x' }]);
    assert.equal(invalid.length, 1);
    assert.match(invalid[0]!.problem, /^baseUrl/);
  });

  it('an absent setting is no accounts and no errors', () => {
    assert.deepEqual(parseAccountsSetting(undefined), { accounts: [], invalid: [] });
  });
});
