import type { FieldActions } from './field-actions';
import type { TaskActions } from './task-actions';

/** Everything the sections of the panel can ask for. */
export interface PanelActions extends FieldActions, TaskActions {
  refresh(): void;
  openInCrm(): void;
  /** Conflict banner: load the deal again, keeping the user's values. */
  reload(): void;
  overwrite(): void;
}
