import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startCloseFake, type CloseFake } from '../fakes/close';
import { accountsSetting, api, setAccounts, waitFor } from './support';

/** Everything VS Code's configuration holds for the extension, as text, to search for a key. */
function allSettingsText(): string {
  const config = vscode.workspace.getConfiguration('crmPipelines');
  return JSON.stringify([config.inspect('accounts'), config.inspect('requestTimeoutSeconds')]);
}

describe('API keys live only in SecretStorage', () => {
  let fake: CloseFake;
  before(async () => {
    fake = await startCloseFake({ ratePerSecond: 0 });
    await setAccounts([]);
  });
  after(async () => {
    await setAccounts([]);
    await fake.close();
  });

  it('checks a key before saving: a rejected key adds nothing', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('crmPipelines.addAccount', { provider: 'close', label: 'Acme', baseUrl: fake.url, apiKey: 'not-the-key' })),
      /Close rejected this key \(HTTP 401\)/,
    );
    assert.deepEqual(accountsSetting(), []);
  });

  it('stores a working key in SecretStorage, not settings, and reads it back to load the tree', async () => {
    const { treeChildren } = await api();
    const id = await vscode.commands.executeCommand<string>('crmPipelines.addAccount', { provider: 'close', label: 'Acme', baseUrl: fake.url, apiKey: fake.apiKey });
    assert.match(id, /^close-/);
    assert.deepEqual(accountsSetting(), [{ id, provider: 'close', label: 'Acme', baseUrl: fake.url }]);
    assert.ok(!allSettingsText().includes(fake.apiKey), 'the key is in the settings');
    await waitFor(async () => (await treeChildren()).some((r) => r.id === id), 'the account row');
    const pipelines = await treeChildren(id);
    assert.ok(pipelines.length > 0 && pipelines.every((p) => p.contextValue.startsWith('pipeline')), JSON.stringify(pipelines));
    const auth = fake.requests.filter((r) => r.path.endsWith('/pipeline/')).at(-1)?.headers.authorization;
    assert.equal(auth, `Basic ${Buffer.from(`${fake.apiKey}:`).toString('base64')}`);
  });

  it('a key that stops working gives exactly one "Set API key" row', async () => {
    const { treeChildren } = await api();
    const [account] = await treeChildren();
    await vscode.commands.executeCommand('crmPipelines.setApiKey', { accountId: account!.id, apiKey: 'revoked-key' });
    const rows = await waitFor(async () => {
      const r = await treeChildren(account!.id);
      return r.some((x) => x.label.includes('Set API key')) && r;
    }, 'the Set API key row');
    assert.deepEqual(rows.map((r) => [r.label, r.command]), [['API key rejected — Set API key…', 'crmPipelines.setApiKey']]);
    await vscode.commands.executeCommand('crmPipelines.setApiKey', { accountId: account!.id, apiKey: fake.apiKey });
    await waitFor(async () => (await treeChildren(account!.id)).every((r) => r.contextValue.startsWith('pipeline')), 'pipelines after the new key');
  });

  it('removing the account deletes its key', async () => {
    const { treeChildren } = await api();
    const [account] = await treeChildren();
    await vscode.commands.executeCommand('crmPipelines.removeAccount', { accountId: account!.id, confirmed: true });
    assert.deepEqual(accountsSetting(), []);
    // The same id added back by hand finds no key waiting for it.
    await setAccounts([{ id: account!.id, provider: 'close', label: 'Acme', baseUrl: fake.url }]);
    await waitFor(async () => (await treeChildren()).some((r) => r.id === account!.id), 'the re-added account');
    const rows = await treeChildren(account!.id);
    assert.deepEqual(rows.map((r) => r.label), ['No API key — Set API key…']);
  });
});
