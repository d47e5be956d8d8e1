import type { AccountSession } from '../../accounts/account-session';
import type { Pipeline } from '../../model';
import { escapeMarkdown } from '../markdown';
import { MessageNode } from './message-node';
import { StageNode } from './stage-node';
import type { NodeContext, NodeView } from './tree-node';
import { TreeNode } from './tree-node';

export class PipelineNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly session: AccountSession,
    readonly pipeline: Pipeline,
    private readonly context: NodeContext,
  ) {
    super(`${parent.id}/${pipeline.id}`, parent);
  }

  view(): NodeView {
    const web = this.webUrl() ? ' web' : '';
    const count = this.pipeline.stages.length;
    return {
      label: this.pipeline.name,
      description: this.pipeline.note ?? `${count} stage${count === 1 ? '' : 's'}`,
      icon: { codicon: 'layers' },
      collapsible: 'collapsed',
      contextValue: `pipeline${web}`,
    };
  }

  webUrl(): string | undefined {
    return this.session.currentProvider?.webUrl({ kind: 'pipeline', pipelineId: this.pipeline.id });
  }

  override async tooltip(): Promise<string> {
    const note = this.pipeline.note ? `\n\n_${escapeMarkdown(this.pipeline.note)}_` : '';
    return `**${escapeMarkdown(this.pipeline.name)}**\n\n${this.pipeline.stages.map((s) => escapeMarkdown(s.name)).join(' → ')}${note}`;
  }

  protected override async loadChildren(): Promise<TreeNode[]> {
    if (this.pipeline.stages.length === 0) {
      return [new MessageNode(`${this.id}/#empty`, this, { label: 'This pipeline has no stages', role: 'empty' })];
    }
    const stages = [...this.pipeline.stages]
      .sort((a, b) => a.order - b.order)
      .map((stage) => new StageNode(this, this.session, stage, this.context));
    // Each stage row shows its count and total; their first pages load now, within the
    // account's rate limit, and are reused when a stage is expanded.
    for (const stage of stages) stage.prefetchSummary();
    return stages;
  }
}
