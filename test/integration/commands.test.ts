import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId } from './support';

describe('commands', () => {
  it('registers every contributed command, all in the "CRM" category', async () => {
    await vscode.extensions.getExtension(extensionId)!.activate();
    const contributed: { command: string; category?: string }[] = vscode.extensions.getExtension(extensionId)!.packageJSON.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c.command)).map((c) => c.command);
    assert.deepEqual(missing, []);
    assert.deepEqual(contributed.filter((c) => c.category !== 'CRM').map((c) => c.command), []);
    for (const id of ['addAccount', 'removeAccount', 'setApiKey', 'refresh', 'openInBrowser', 'copyDealId', 'resetSampleData', 'openDeal']) {
      assert.ok(registered.has(`crmPipelines.${id}`), `crmPipelines.${id}`);
    }
  });
});
