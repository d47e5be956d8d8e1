import { formatCount } from '../../util/format';
import type { NodeIcon, NodeView } from '../../tree/nodes/tree-node';
import { TreeNode } from '../../tree/nodes/tree-node';
import type { DueGroupId } from '../due-groups';
import type { TaskNode } from './task-node';

const GROUP_ICONS: Record<DueGroupId, NodeIcon> = {
  overdue: { codicon: 'warning', color: 'list.errorForeground' },
  today: { codicon: 'clock' },
  thisWeek: { codicon: 'calendar' },
  later: { codicon: 'calendar' },
  noDate: { codicon: 'dash' },
};

/** "Overdue", "Today", … with the number of tasks in it; its children are built with it. */
export class GroupNode extends TreeNode {
  private tasks: TaskNode[] = [];
  private partial = false;

  constructor(readonly group: DueGroupId, private readonly label: string, private readonly locale?: string) {
    super(`#group/${group}`, undefined);
  }

  /** `partial`: some account has more pages, so the count is a lower bound ("100+"). */
  setTasks(tasks: TaskNode[], partial: boolean): void {
    this.tasks = tasks;
    this.partial = partial;
  }

  get taskNodes(): readonly TaskNode[] {
    return this.tasks;
  }

  view(): NodeView {
    return {
      label: this.label,
      description: `${formatCount(this.tasks.length, this.locale)}${this.partial ? '+' : ''}`,
      icon: GROUP_ICONS[this.group],
      // Later and undated tasks can be many and are the least urgent: they start folded.
      collapsible: this.group === 'later' || this.group === 'noDate' ? 'collapsed' : 'expanded',
      contextValue: `taskGroup ${this.group}`,
    };
  }

  protected override async loadChildren(): Promise<TreeNode[]> {
    return this.tasks;
  }
}
