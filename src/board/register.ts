import * as vscode from 'vscode';
import type { Services } from '../commands/services';
import { BOARD_PANEL_TYPE, BoardPanels } from './board-panels';
import { moveToStage } from './move-to-stage';
import { openBoard } from './open-board';

/** The pipeline board: `crmPipelines.openBoard` and `crmPipelines.moveToStage`. */
export function registerBoard(services: Services): vscode.Disposable[] {
  const boards = new BoardPanels(services);
  return [
    boards,
    vscode.window.registerWebviewPanelSerializer(BOARD_PANEL_TYPE, boards),
    vscode.commands.registerCommand('crmPipelines.openBoard', (arg?: unknown) => openBoard(services, boards, arg)),
    vscode.commands.registerCommand('crmPipelines.moveToStage', (arg?: unknown) => moveToStage(services, arg)),
  ];
}
