import type { AccountSession } from '../../accounts/account-session';
import { errorRow } from '../error-rows';
import { escapeMarkdown } from '../markdown';
import { MessageNode } from './message-node';
import { PipelineNode } from './pipeline-node';
import type { NodeContext, NodeView } from './tree-node';
import { TreeNode } from './tree-node';
import { loadOrShowWait } from './wait-notice';

export class AccountNode extends TreeNode {
  constructor(readonly session: AccountSession, private readonly context: NodeContext) {
    super(session.account.id, undefined);
  }

  get accountId(): string {
    return this.session.account.id;
  }

  view(): NodeView {
    const descriptor = this.session.descriptor;
    const segments = ['account'];
    if (descriptor?.needsKey) segments.push('keyed');
    if (descriptor?.id === 'sample') segments.push('sample');
    return {
      label: this.session.account.label,
      description: descriptor?.displayName ?? this.session.account.provider,
      icon: descriptor ? { file: `providers/${descriptor.icon}.svg` } : { codicon: 'question' },
      collapsible: 'collapsed',
      contextValue: segments.join(' '),
    };
  }

  override async tooltip(): Promise<string> {
    const { account } = this.session;
    const lines = [`**${escapeMarkdown(account.label)}**`, escapeMarkdown(this.session.descriptor?.displayName ?? account.provider)];
    if (account.baseUrl) lines.push(escapeMarkdown(account.baseUrl));
    if (this.session.keyProblem === 'rejected') lines.push('The API key was rejected.');
    return lines.join('\n\n');
  }

  protected override async loadChildren(): Promise<TreeNode[]> {
    const load = this.session.pipelines();
    const notice = await loadOrShowWait(this, this.session, this.context, load);
    if (notice) return [notice];
    try {
      const pipelines = await load;
      if (pipelines.length === 0) {
        return [new MessageNode(`${this.id}/#empty`, this, { label: 'No pipelines in this account', role: 'empty' })];
      }
      return [...pipelines]
        .sort((a, b) => a.order - b.order)
        .map((pipeline) => new PipelineNode(this, this.session, pipeline, this.context));
    } catch (error) {
      return [new MessageNode(`${this.id}/#error`, this, errorRow(error, this.accountId, this))];
    }
  }
}
