import type { InvalidAccountEntry } from '../../model';
import { COMMANDS } from '../error-rows';
import type { NodeView } from './tree-node';
import { TreeNode } from './tree-node';

/** One row per broken entry of `crmPipelines.accounts`; clicking opens settings.json to fix it. */
export class InvalidAccountNode extends TreeNode {
  constructor(readonly entry: InvalidAccountEntry) {
    super(`#invalid/${entry.index}`, undefined);
  }

  view(): NodeView {
    return {
      label: `Account "${this.entry.name}" is not valid — Edit settings`,
      description: this.entry.problem,
      icon: { codicon: 'error', color: 'list.errorForeground' },
      tooltip: `The entry "${this.entry.name}" in the crmPipelines.accounts setting was skipped: ${this.entry.problem}. The other accounts still load.`,
      collapsible: 'none',
      contextValue: 'message error invalidAccount',
      command: { id: COMMANDS.openSettings, title: 'Edit Settings' },
    };
  }
}
