import type { AccountSession } from '../../accounts/account-session';
import { MessageNode } from './message-node';
import type { NodeContext, TreeNode } from './tree-node';

/**
 * Waits for a load, unless the account starts waiting on a rate limit meanwhile: then the node
 * shows "Rate limited — retrying in 12 s" at once (counting down) and redraws itself when the
 * load finishes, instead of spinning silently.
 */
export async function loadOrShowWait(
  node: TreeNode,
  session: AccountSession,
  context: NodeContext,
  load: Promise<unknown>,
): Promise<MessageNode | undefined> {
  let subscription: { dispose(): void } | undefined;
  const waiting = new Promise<'waiting'>((resolve) => {
    if (session.waitingUntil) resolve('waiting');
    subscription = session.onDidChange((e) => e.kind === 'waiting' && resolve('waiting'));
  });
  const settled = load.then(() => 'done' as const, () => 'done' as const);
  const winner = await Promise.race([settled, waiting]);
  subscription?.dispose();
  if (winner === 'done') return undefined;

  const notice = new MessageNode(`${node.id}/#waiting`, node, waitSpec(session));
  const ticker = setInterval(() => {
    notice.update(waitSpec(session));
    context.events.changed(notice);
  }, 1000);
  void settled.then(() => {
    clearInterval(ticker);
    node.forgetChildren();
    context.events.changed(node);
  });
  return notice;
}

function waitSpec(session: AccountSession) {
  const seconds = Math.max(1, Math.ceil((session.waitingUntil - Date.now()) / 1000));
  return {
    label: session.waitingUntil ? `Rate limited — retrying in ${seconds} s` : 'Rate limited — retrying…',
    icon: { codicon: 'watch', color: 'list.warningForeground' },
    tooltip: `${session.descriptor?.displayName ?? 'The CRM'} asked to slow down; loading continues by itself.`,
    role: 'waiting',
  };
}
