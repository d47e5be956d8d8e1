import type { AccountSession } from '../../accounts/account-session';
import type { OpenTask } from '../../providers/contract';
import { escapeMarkdown } from '../../tree/markdown';
import type { NodeIcon, NodeView } from '../../tree/nodes/tree-node';
import { TreeNode } from '../../tree/nodes/tree-node';
import { longDue, shortDue } from '../due-format';
import type { Calendar, DueGroupId } from '../due-groups';

/** What every task row needs to draw itself. */
export interface TaskRowContext {
  calendar: Calendar;
  locale?: string;
}

const OPEN_ICON: NodeIcon = { codicon: 'circle-large-outline' };
const OVERDUE_ICON: NodeIcon = { codicon: 'circle-large-outline', color: 'list.errorForeground' };
const FAILED_ICON: NodeIcon = { codicon: 'error', color: 'list.errorForeground' };

/** One open task: its title, when it is due, its deal and account; a click opens the deal. */
export class TaskNode extends TreeNode {
  constructor(
    parent: TreeNode | undefined,
    readonly session: AccountSession,
    readonly item: OpenTask,
    readonly group: DueGroupId,
    private readonly context: TaskRowContext,
    /** Why completing it last failed, shown until the next attempt or refresh. */
    readonly failure?: string,
  ) {
    super(taskNodeId(session.account.id, item.task.id), parent);
  }

  get accountId(): string {
    return this.session.account.id;
  }

  get task() {
    return this.item.task;
  }

  /**
   * The CRM completes tasks, this one is not read-only, and there is a deal to address it by:
   * the contract's updateTask takes the deal, and no CRM yet completes a task without one.
   */
  get completable(): boolean {
    return Boolean(this.session.descriptor?.capabilities.completeTask && !this.task.readOnlyReason && this.item.deal?.id);
  }

  view(): NodeView {
    const { deal } = this.item;
    const due = shortDue(this.task.due, this.group, this.context.calendar, this.context.locale);
    const where = deal?.name || this.item.about;
    const description = [this.failure ? 'Not completed' : due, where, this.session.account.label].filter(Boolean).join(' · ');
    const segments = ['task'];
    if (this.completable) segments.push('completable');
    if (deal?.id) segments.push('deal');
    if (this.group === 'overdue') segments.push('overdue');
    return {
      label: this.task.title.trim() || '(untitled task)',
      description,
      icon: this.failure ? FAILED_ICON : this.group === 'overdue' ? OVERDUE_ICON : OPEN_ICON,
      collapsible: 'none',
      contextValue: segments.join(' '),
      command: deal?.id
        ? { id: 'crmPipelines.openDeal', title: 'Open Deal', args: [{ accountId: this.accountId, dealId: deal.id }] }
        : undefined,
    };
  }

  override async tooltip(): Promise<string> {
    const { task, deal, about } = this.item;
    const { calendar, locale } = this.context;
    const descriptor = this.session.descriptor;
    const lines = [`**${escapeMarkdown(task.title.trim() || '(untitled task)')}**`];
    if (task.due) lines.push(`Due ${escapeMarkdown(longDue(task.due, calendar, locale))}${this.group === 'overdue' ? ' — overdue' : ''}`);
    else lines.push('No due date');
    if (deal?.name) lines.push(`Deal: ${escapeMarkdown(deal.name)}`);
    else if (about) lines.push(`About: ${escapeMarkdown(about)}`);
    lines.push(`Account: ${escapeMarkdown(this.session.account.label)}${descriptor ? ` (${escapeMarkdown(descriptor.displayName)})` : ''}`);
    if (task.assignee?.name) lines.push(`Assigned to ${escapeMarkdown(task.assignee.name)}`);
    if (task.body?.trim()) lines.push(`_${escapeMarkdown(clip(task.body.trim(), 400))}_`);
    if (task.readOnlyReason) lines.push(escapeMarkdown(task.readOnlyReason));
    else if (!this.completable && !deal?.id) lines.push('Not tied to a deal: complete it in the CRM.');
    if (this.failure) lines.push(`**Could not complete:** ${escapeMarkdown(this.failure)}`);
    return lines.join('\n\n');
  }
}

export function taskNodeId(accountId: string, taskId: string): string {
  return `#task/${accountId}/${taskId}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
