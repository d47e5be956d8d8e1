import type { DealView, ErrorInfo, HostToWebview, WebviewToHost } from '../../src/protocol';
import { TaskEdits } from '../tasks/task-edits';
import { DealEdits } from './deal-edits';
import { readSavedState, restore, snapshot, type SavedState } from './saved-state';

export interface PanelIo {
  post(message: WebviewToHost): void;
  newRequestId(): string;
}

/** The loaded deal and everything being done to it. */
export interface LoadedPanel {
  view: DealView;
  edits: DealEdits;
  tasks: TaskEdits;
}

/**
 * The panel's state and its answers to the host's messages, without any DOM: `crm-deal-panel`
 * draws it, and the unit tests drive it the way the host would.
 */
export class PanelController {
  loaded?: LoadedPanel;
  /** A load in progress: the first one, or a refresh while the deal stays on screen. */
  loading = true;
  loadError?: ErrorInfo;
  private saved?: SavedState;
  /** The number of the host's read on screen. */
  private shownRead?: number;
  private scrollToRestore?: number;

  constructor(private readonly io: PanelIo, savedState: unknown) {
    this.saved = readSavedState(savedState);
  }

  start(): void {
    this.io.post({ type: 'ready' });
  }

  refresh(): void {
    this.loading = true;
    this.io.post({ type: 'refresh' });
  }

  openInCrm(): void {
    this.io.post({ type: 'openInCrm' });
  }

  openUrl(url: string): void {
    this.io.post({ type: 'openUrl', url });
  }

  handle(message: HostToWebview): void {
    const loaded = this.loaded;
    switch (message.type) {
      case 'loading':
        this.loading = true;
        return;
      case 'loadError':
        this.loading = false;
        this.loadError = message.error;
        return;
      case 'init':
        // The host sends its first read early and again for 'ready': the second is already drawn.
        if (loaded && message.read !== undefined && message.read === this.shownRead) {
          this.loading = false;
          return;
        }
        this.shownRead = message.read;
        this.init(message.view);
        return;
      case 'edited':
        loaded?.edits.onEdited(message.requestId, message.deal);
        return;
      case 'editFailed':
        loaded?.edits.onEditFailed(message.requestId, message.error);
        return;
      case 'conflict':
        loaded?.edits.onConflict(message.requestId, message.current);
        return;
      case 'dealUpdated':
        loaded?.edits.replaceDeal(message.deal);
        return;
      case 'tasksChanged':
        loaded?.tasks.onTasksChanged(message.requestId, message.tasks);
        return;
      case 'taskFailed':
        loaded?.tasks.onTaskFailed(message.requestId, message.error);
        return;
    }
  }

  /** The saved scroll position, handed out once after the first load. */
  takeScrollToRestore(): number | undefined {
    const scrollY = this.scrollToRestore;
    this.scrollToRestore = undefined;
    return scrollY;
  }

  snapshot(scrollY: number): SavedState | undefined {
    const loaded = this.loaded;
    if (!loaded) return this.saved;
    return snapshot({ accountId: loaded.view.accountId, dealId: loaded.view.deal.id }, scrollY, loaded.edits, loaded.tasks);
  }

  private init(view: DealView): void {
    this.loading = false;
    this.loadError = undefined;
    if (this.loaded) {
      this.loaded.view = view;
      this.loaded.edits.load(view);
      this.loaded.tasks.load(view.tasks, view.capabilities);
      return;
    }
    const edits = new DealEdits(this.io, view);
    const tasks = new TaskEdits(this.io, view.tasks, view.capabilities);
    this.loaded = { view, edits, tasks };
    const saved = this.saved;
    this.saved = undefined;
    if (saved?.accountId === view.accountId && saved.dealId === view.deal.id) {
      restore(saved, edits, tasks, view.providerName);
      this.scrollToRestore = saved.scrollY;
    }
  }
}
