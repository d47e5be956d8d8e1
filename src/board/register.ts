import * as vscode from 'vscode';
import type { Services } from '../commands/services';

/** The pipeline board: `crmPipelines.openBoard` and `crmPipelines.moveToStage`. (Being built: issue 7.) */
export function registerBoard(_services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('crmPipelines.openBoard', () => { throw new Error('The pipeline board is not built yet.'); }),
    vscode.commands.registerCommand('crmPipelines.moveToStage', () => { throw new Error('Move to Stage is not built yet.'); }),
  ];
}
