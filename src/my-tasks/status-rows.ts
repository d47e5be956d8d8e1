import type { AccountSession } from '../accounts/account-session';
import type { OpenTaskList } from '../accounts/open-task-list';
import { COMMANDS, errorRow } from '../tree/error-rows';
import type { MessageSpec } from '../tree/nodes/message-node';
import { formatCount } from '../util/format';

export const TASK_COMMANDS = {
  refresh: 'crmPipelines.tasks.refresh',
  complete: 'crmPipelines.tasks.complete',
  loadMore: 'crmPipelines.tasks.loadMore',
} as const;

/**
 * A failed load of one account's tasks, as the Pipelines view words it, naming the account. Retry
 * asks for the failed page again through this view's own command.
 */
export function taskErrorRow(session: AccountSession, error: unknown): MessageSpec {
  const { id: accountId, label } = session.account;
  const spec = errorRow(error, accountId, undefined);
  const command = spec.command?.id === COMMANDS.retry
    ? { id: TASK_COMMANDS.loadMore, title: 'Retry', args: [{ accountId }] }
    : spec.command;
  return {
    ...spec,
    label: `${label}: ${spec.label}`,
    tooltip: `The open tasks of ${label} could not be loaded. ${spec.tooltip ?? ''}`.trim(),
    command,
  };
}

export function loadMoreRow(session: AccountSession, list: OpenTaskList, locale?: string): MessageSpec {
  const { id: accountId, label } = session.account;
  return {
    label: `Load more from ${label} (${formatCount(list.items.length, locale)} loaded)`,
    icon: { codicon: 'ellipsis' },
    tooltip: `${label} has more open tasks than have been loaded so far.`,
    command: { id: TASK_COMMANDS.loadMore, title: 'Load More Tasks', args: [{ accountId }] },
    role: 'loadMore',
  };
}

export function loadingRow(session: AccountSession): MessageSpec {
  return { label: `${session.account.label}: loading tasks…`, icon: { codicon: 'loading~spin' }, role: 'loading' };
}

export function waitingRow(session: AccountSession, now: number): MessageSpec {
  const seconds = Math.max(1, Math.ceil((session.waitingUntil - now) / 1000));
  return {
    label: `${session.account.label}: rate limited — retrying in ${seconds} s`,
    icon: { codicon: 'watch', color: 'list.warningForeground' },
    tooltip: `${session.descriptor?.displayName ?? 'The CRM'} asked to slow down; loading continues by itself.`,
    role: 'waiting',
  };
}

/** One quiet row naming every account whose CRM offers no list of open tasks: not an error. */
export function unavailableRow(sessions: readonly AccountSession[]): MessageSpec {
  const names = sessions.map((s) => s.account.label);
  const detailed = sessions.map((s) => `${s.account.label} (${s.descriptor?.displayName ?? s.account.provider})`);
  return {
    label: `Not listed here: ${names.join(', ')}`,
    icon: { codicon: 'info' },
    tooltip: `${detailed.join(', ')}: ${sessions.length === 1 ? 'this CRM offers' : 'these CRMs offer'} no way to list open tasks across deals. Their tasks are shown in each deal's panel.`,
    role: 'unavailable',
  };
}

export function emptyRow(): MessageSpec {
  return { label: 'No open tasks', icon: { codicon: 'pass' }, tooltip: 'Every account that lists tasks has none open.', role: 'empty' };
}
