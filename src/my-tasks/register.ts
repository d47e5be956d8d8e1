import * as vscode from 'vscode';
import { z } from 'zod';
import type { Services } from '../commands/services';
import { MyTasksModel } from './my-tasks-model';
import { MyTasksTree } from './my-tasks-tree';
import { TaskNode } from './nodes/task-node';
import { TASK_COMMANDS } from './status-rows';

const TaskArg = z.object({ accountId: z.string().min(1), taskId: z.string().min(1) });
const AccountArg = z.object({ accountId: z.string().min(1) });

/** The "My Tasks" view and its commands. */
export function registerMyTasks(services: Services): vscode.Disposable[] {
  const tree = new MyTasksTree(vscode.Uri.joinPath(services.extensionUri, 'media'));
  const model = new MyTasksModel(services.sessions, {
    events: tree,
    locale: vscode.env.language,
    notifyError: (message) => void vscode.window.showErrorMessage(message),
    // The deal panel shows the deal's tasks: reload it so it agrees with this view.
    taskCompleted: (accountId, dealId) => void services.panels.controller(accountId, dealId)?.load(),
  });
  tree.model = model;
  const view = vscode.window.createTreeView('crmPipelines.tasks', { treeDataProvider: tree, showCollapseAll: true });

  return [
    tree,
    view,
    { dispose: () => model.dispose() },
    // After extension.ts has synced the sessions with the new setting.
    services.settings.onDidChange(() => setTimeout(() => model.accountsChanged(), 0)),
    vscode.commands.registerCommand(TASK_COMMANDS.refresh, () => model.refresh()),
    vscode.commands.registerCommand(TASK_COMMANDS.complete, (arg?: unknown) => {
      const candidate = arg ?? view.selection[0];
      const target = candidate instanceof TaskNode ? candidate : TaskArg.safeParse(candidate).data;
      if (!target) throw new Error('Complete Task takes a row of My Tasks or {accountId, taskId}.');
      return model.complete(target);
    }),
    vscode.commands.registerCommand(TASK_COMMANDS.loadMore, (arg?: unknown) => {
      const parsed = AccountArg.safeParse(arg);
      if (!parsed.success) throw new Error('Load More Tasks takes {accountId}.');
      return model.loadMore(parsed.data.accountId);
    }),
  ];
}
