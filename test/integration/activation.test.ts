import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'crm-pipelines.crm-pipelines';

describe('activation', () => {
  it('runs on VS Code 1.96', () => {
    assert.match(vscode.version, /^1\.96\./);
  });

  it('is installed as the extension under development and activates', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });
});
