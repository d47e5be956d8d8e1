import { KeyNeededError } from '../accounts/account-session';
import { formatWait, isCrmError } from '../http/errors';
import type { MessageSpec } from './nodes/message-node';

export const COMMANDS = {
  setApiKey: 'crmPipelines.setApiKey',
  retry: 'crmPipelines.retry',
  showLog: 'crmPipelines.showLog',
  loadMore: 'crmPipelines.loadMore',
  openSettings: 'workbench.action.openSettingsJson',
} as const;

const ERROR_ICON = { codicon: 'error', color: 'list.errorForeground' };
const WARNING_ICON = { codicon: 'warning', color: 'list.warningForeground' };

/**
 * The one place a failure becomes a tree row: a short label saying what happened and what to do,
 * the full sentence (naming the account and the request) in the tooltip, and the action as the click.
 * `retryTarget` is the node whose load is tried again.
 */
export function errorRow(error: unknown, accountId: string, retryTarget: unknown): MessageSpec {
  const retry = { id: COMMANDS.retry, title: 'Retry', args: [retryTarget] };
  const showLog = { id: COMMANDS.showLog, title: 'Show Log' };
  if (error instanceof KeyNeededError) {
    return {
      label: error.problem === 'missing' ? 'No API key — Set API key…' : 'API key rejected — Set API key…',
      icon: { codicon: 'key', color: 'list.warningForeground' },
      tooltip: error.message,
      command: { id: COMMANDS.setApiKey, title: 'Set API Key…', args: [{ accountId }] },
      role: 'error setKey',
    };
  }
  if (!isCrmError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return { label: `${message} — Show log`, icon: ERROR_ICON, tooltip: message, command: showLog, role: 'error' };
  }
  const tooltip = error.message;
  switch (error.kind) {
    case 'auth':
      return errorRow(new KeyNeededError('rejected'), accountId, retryTarget);
    case 'forbidden':
      return { label: `${error.provider} refused: the key may not read this — Show log`, icon: ERROR_ICON, tooltip, command: showLog, role: 'error' };
    case 'rateLimited':
      return {
        label: error.retryAfterMs ? `Rate limited — try again in ${formatWait(error.retryAfterMs)} — Retry` : 'Rate limited — Retry',
        icon: WARNING_ICON, tooltip, command: retry, role: 'error retry',
      };
    case 'network':
      return { label: `Can't reach ${error.host ?? error.provider} — Retry`, icon: ERROR_ICON, tooltip, command: retry, role: 'error retry' };
    case 'timeout':
      return { label: `${error.host ?? error.provider} did not answer in time — Retry`, icon: ERROR_ICON, tooltip, command: retry, role: 'error retry' };
    case 'server':
      return { label: `${error.provider} server error${error.status ? ` (HTTP ${error.status})` : ''} — Retry`, icon: ERROR_ICON, tooltip, command: retry, role: 'error retry' };
    case 'badResponse':
      return {
        label: `Unexpected response from ${error.provider}${error.issuePath ? ` at ${error.issuePath}` : ''} — Show log`,
        icon: ERROR_ICON, tooltip, command: showLog, role: 'error',
      };
    case 'notFound':
      return { label: `Not found in ${error.provider} — Retry`, icon: WARNING_ICON, tooltip, command: retry, role: 'error retry' };
    case 'cancelled':
      return { label: 'Loading was cancelled — Retry', icon: WARNING_ICON, tooltip, command: retry, role: 'error retry' };
    default:
      return { label: `${error.provider} rejected the request — Show log`, icon: ERROR_ICON, tooltip, command: showLog, role: 'error' };
  }
}
