import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { accountsSetting, api, setAccounts, waitFor } from './support';

describe('accounts', () => {
  beforeEach(() => setAccounts([]));
  after(() => setAccounts([]));

  it('"Try the Sample CRM" adds one Sample account to the user settings and shows it', async () => {
    const { treeChildren } = await api();
    const id = await vscode.commands.executeCommand<string>('crmPipelines.trySample');
    assert.equal(id, 'sample');
    assert.deepEqual(accountsSetting(), [{ id: 'sample', provider: 'sample', label: 'Sample CRM' }]);
    const roots = await waitFor(async () => {
      const rows = await treeChildren();
      return rows.length > 0 && rows;
    }, 'the account row');
    assert.deepEqual(roots.map((r) => [r.label, r.description]), [['Sample CRM', 'Sample CRM']]);
    // A second call reveals the same account instead of adding another.
    assert.equal(await vscode.commands.executeCommand('crmPipelines.trySample'), 'sample');
    assert.equal(accountsSetting().length, 1);
  });

  it('adds an account from a scripted argument and removes it again', async () => {
    const id = await vscode.commands.executeCommand<string>('crmPipelines.addAccount', { provider: 'sample', label: 'Demo team' });
    assert.match(id, /^sample/);
    assert.deepEqual(accountsSetting(), [{ id, provider: 'sample', label: 'Demo team' }]);
    const removed = await vscode.commands.executeCommand('crmPipelines.removeAccount', { accountId: id, confirmed: true });
    assert.equal(removed, true);
    assert.deepEqual(accountsSetting(), []);
  });

  it('refuses a malformed scripted argument with a clear error', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('crmPipelines.addAccount', { provider: 'pipedrive' })),
      /Add Account: invalid argument/,
    );
    assert.deepEqual(accountsSetting(), []);
  });

  it('shows a malformed settings entry as one error row while the others load', async () => {
    const { treeChildren } = await api();
    await setAccounts([
      { id: 'sample', provider: 'sample', label: 'Sample CRM' },
      { id: 'broken', provider: 'nope', label: 'Broken one' },
    ]);
    const rows = await waitFor(async () => {
      const r = await treeChildren();
      return r.length === 2 && r;
    }, 'two root rows');
    assert.equal(rows[0]!.label, 'Sample CRM');
    assert.equal(rows[1]!.label, 'Account "Broken one" is not valid — Edit settings');
    assert.match(rows[1]!.description ?? '', /^provider: /);
  });
});
