import type { Task } from '../model';
import type { OpenTask } from '../providers/contract';
import { Emitter } from '../util/emitter';
import { PagedList } from './paged-list';

/**
 * The open tasks of one account as far as they have been loaded, page by page. One instance per
 * account is shared by "My Tasks" and the board (next due date per deal), so neither spends the
 * account's quota on what the other already fetched. `onDidChange` tells both when what they show
 * is out of date: a page arrived or failed, a task was completed or came back, the list was reset.
 */
export class OpenTaskList extends PagedList<OpenTask> {
  private readonly changes = new Emitter<void>();
  readonly onDidChange = this.changes.event;

  protected idOf(item: OpenTask): string {
    return item.task.id;
  }

  protected override loadSettled(): void {
    this.changes.fire();
  }

  /** Takes a task that is no longer open (completed, deleted) out of the list. */
  remove(taskId: string): OpenTask | undefined {
    const index = this.loaded.findIndex((t) => t.task.id === taskId);
    if (index < 0) return undefined;
    const [removed] = this.loaded.splice(index, 1);
    this.changes.fire();
    return removed;
  }

  /**
   * Puts a task back where it was (a completion the CRM refused), unless a reload since has
   * brought it back already.
   */
  restore(item: OpenTask, index: number): void {
    if (this.loaded.some((t) => t.task.id === item.task.id)) return;
    this.loaded.splice(Math.max(0, Math.min(index, this.loaded.length)), 0, item);
    this.changes.fire();
  }

  /**
   * A task was changed elsewhere (the deal panel): a done task leaves the list, an open one is
   * updated in place. A task not loaded yet is left for the next page or refresh to bring.
   */
  taskChanged(task: Task): void {
    const index = this.loaded.findIndex((t) => t.task.id === task.id);
    if (index < 0) return;
    if (task.done) {
      this.loaded.splice(index, 1);
    } else {
      const current = this.loaded[index]!;
      this.loaded[index] = { ...current, task };
    }
    this.changes.fire();
  }

  override reset(): void {
    const hadSomething = this.hasFirstPage || this.isLoading || this.error !== undefined;
    super.reset();
    if (hadSomething) this.changes.fire();
  }

  dispose(): void {
    this.changes.dispose();
  }
}
