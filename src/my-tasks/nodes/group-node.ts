import { formatCount } from '../../util/format';
import type { NodeView } from '../../tree/nodes/tree-node';
import { TreeNode } from '../../tree/nodes/tree-node';
import type { DueGroupId } from '../due-groups';
import type { TaskNode } from './task-node';

/** "Overdue", "Today", … with the number of tasks in it; its children are built with it. */
export class GroupNode extends TreeNode {
  private tasks: TaskNode[] = [];

  constructor(readonly group: DueGroupId, private readonly label: string, private readonly locale?: string) {
    super(`#group/${group}`, undefined);
  }

  setTasks(tasks: TaskNode[]): void {
    this.tasks = tasks;
  }

  get taskNodes(): readonly TaskNode[] {
    return this.tasks;
  }

  view(): NodeView {
    return {
      label: this.label,
      description: formatCount(this.tasks.length, this.locale),
      icon: this.group === 'overdue' ? { codicon: 'warning', color: 'list.errorForeground' } : undefined,
      // Later and undated tasks can be many and are the least urgent: they start folded.
      collapsible: this.group === 'later' || this.group === 'noDate' ? 'collapsed' : 'expanded',
      contextValue: `taskGroup ${this.group}`,
    };
  }

  protected override async loadChildren(): Promise<TreeNode[]> {
    return this.tasks;
  }
}
