import * as vscode from 'vscode';
import type { Services } from '../commands/services';

/** The "My Tasks" view and its commands. (Being built: issue 7.) */
export function registerMyTasks(_services: Services): vscode.Disposable[] {
  return ['crmPipelines.tasks.refresh', 'crmPipelines.tasks.complete', 'crmPipelines.tasks.loadMore'].map((id) =>
    vscode.commands.registerCommand(id, () => { throw new Error('My Tasks is not built yet.'); }));
}
