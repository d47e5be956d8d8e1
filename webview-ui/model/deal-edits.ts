import type { Deal, FieldValue } from '../../src/model';
import { WebviewToHostSchema, type DealView, type ErrorInfo, type FieldRef, type WebviewToHost } from '../../src/protocol';
import type { EditorDraft, FieldContext } from '../fields/field-kind';
import { fieldKindModule } from '../fields/field-kinds';
import { fieldErrorText } from './error-text';
import type { FieldSlot } from './field-slot';
import { slotsById } from './field-slots';
import { sameFieldValue } from './field-value-equality';
import { OwnVersions } from './own-versions';
import type { DealPatch } from './protocol-types';

export interface EditIo {
  post(message: WebviewToHost): void;
  newRequestId(): string;
}

export interface OpenEditor {
  draft: EditorDraft;
  /** Why the draft was not sent (local validation), shown beside the editor. */
  problem?: string;
}

/** An edit the user made: what was sent, and what they typed, so it is never lost. */
export interface UnsavedEdit {
  field: FieldRef;
  patch: DealPatch;
  value: FieldValue | null;
  draft: EditorDraft;
}
export interface PendingEdit extends UnsavedEdit {
  requestId: string;
  basedOn?: string;
  overwrite?: boolean;
  /** Order of sending, to tell which edits were in flight before this one. */
  sequence: number;
  /** The host answered "conflict"; held until the edits sent before it settle. */
  parkedConflict?: Deal;
}
export interface FailedEdit extends UnsavedEdit { message: string }
export interface ConflictedEdit extends UnsavedEdit { requestId: string; current: Deal }

/** `closed`: there was no open editor (it was already saved or cancelled). */
export type CommitResult = 'closed' | 'unchanged' | 'invalid' | 'sent';

/**
 * The deal's fields as the user sees them: the stored deal, edits in flight shown optimistically,
 * edits that failed or conflicted with their typed values kept, and open editors' drafts.
 * Holds no DOM; the panel draws from it and the tests drive it.
 */
export class DealEdits {
  readonly editors = new Map<string, OpenEditor>();
  readonly pending = new Map<string, PendingEdit>();
  readonly failed = new Map<string, FailedEdit>();
  readonly conflicts = new Map<string, ConflictedEdit>();
  private slotCache?: { view: DealView; deal: Deal; slots: Map<string, FieldSlot> };
  private readonly ownVersions = new OwnVersions();
  private sequence = 0;

  constructor(private readonly io: EditIo, private view: DealView, private deal: Deal = view.deal) {}

  get currentDeal(): Deal {
    return this.deal;
  }

  slots(): Map<string, FieldSlot> {
    const cache = this.slotCache;
    if (cache?.view === this.view && cache.deal === this.deal) return cache.slots;
    const slots = slotsById(this.view, this.deal);
    this.slotCache = { view: this.view, deal: this.deal, slots };
    return slots;
  }

  /** What the field shows: the value in flight while an edit is pending, else the stored one. */
  display(id: string): FieldValue | undefined {
    const pending = this.pending.get(id);
    if (pending) return pending.value ?? undefined;
    return this.slots().get(id)?.read(this.deal);
  }

  context(slot: FieldSlot): FieldContext {
    return {
      def: slot.def,
      users: this.view.users,
      locale: this.view.locale,
      current: slot.read(this.deal),
      defaultCurrency: this.deal.amount?.currency,
    };
  }

  open(id: string, draft?: EditorDraft): void {
    const slot = this.slots().get(id);
    if (!slot?.editable) return;
    const module = fieldKindModule(slot.def.kind);
    this.editors.set(id, { draft: draft ?? module.toDraft(this.display(id), this.context(slot)) });
  }

  update(id: string, draft: EditorDraft): void {
    if (this.editors.has(id)) this.editors.set(id, { draft });
  }

  cancel(id: string): void {
    this.editors.delete(id);
  }

  /** Saves an open editor, or a direct editor's new draft (a checkbox). */
  commit(id: string, directDraft?: EditorDraft): CommitResult {
    const slot = this.slots().get(id);
    const draft = directDraft ?? this.editors.get(id)?.draft;
    if (draft === undefined) return 'closed';
    if (!slot?.editable) return 'invalid';
    const parsed = fieldKindModule(slot.def.kind).parse(draft, this.context(slot));
    const problem = !parsed.ok
      ? parsed.message
      : parsed.value === null && slot.def.required
        ? `${slot.def.label} cannot be empty`
        : slot.check?.(parsed.value);
    if (problem !== undefined || !parsed.ok) return this.refuse(id, draft, problem ?? 'Invalid value');
    if (sameFieldValue(parsed.value, this.display(id))) {
      this.editors.delete(id);
      return 'unchanged';
    }
    const sendProblem = this.send(id, { field: slot.ref, patch: slot.toPatch(parsed.value), value: parsed.value, draft });
    if (sendProblem) return this.refuse(id, draft, sendProblem);
    this.editors.delete(id);
    return 'sent';
  }

  /** Sends a failed edit again, as it was, on the deal as it is now. */
  retry(id: string): void {
    const failed = this.failed.get(id);
    if (failed) this.send(id, failed);
  }

  /** Reopens the editor with what the user had typed. */
  editAgain(id: string): void {
    const unsaved = this.failed.get(id);
    if (unsaved) this.open(id, unsaved.draft);
  }

  dismiss(id: string): void {
    this.failed.delete(id);
  }

  /** Sends every conflicted edit again, telling the host to write over the newer version. */
  overwriteConflicts(): void {
    for (const [id, conflict] of [...this.conflicts]) {
      this.conflicts.delete(id);
      this.send(id, conflict, { overwrite: true, basedOn: conflict.current.updatedAt });
    }
  }

  onEdited(requestId: string, deal: Deal): void {
    const id = this.idOf(requestId);
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (id !== undefined && pending) {
      this.pending.delete(id);
      this.ownVersions.record(pending.basedOn, deal.updatedAt, pending.overwrite === true);
    }
    this.deal = deal;
    this.settleParkedConflicts();
  }

  onEditFailed(requestId: string, error: ErrorInfo): void {
    const id = this.idOf(requestId);
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (id === undefined || !pending) return;
    this.pending.delete(id);
    const slot = this.slots().get(id);
    const message = slot ? fieldErrorText(error, slot) : error.detail ?? error.message;
    this.failed.set(id, { ...unsavedPart(pending), message });
    this.settleParkedConflicts();
  }

  onConflict(requestId: string, current: Deal): void {
    const id = this.idOf(requestId);
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (id === undefined || !pending) return;
    this.pending.set(id, { ...pending, parkedConflict: current });
    this.settleParkedConflicts();
  }

  /**
   * Decides each conflict once the edits sent before it have settled: sent again on the newer
   * version when only this panel's own edits changed the deal, else shown as a real conflict.
   */
  private settleParkedConflicts(): void {
    for (const [id, pending] of [...this.pending]) {
      const current = pending.parkedConflict;
      if (!current) continue;
      if (current.updatedAt !== pending.basedOn && this.ownVersions.onlyOwnWritesBetween(pending.basedOn, current.updatedAt)) {
        this.send(id, pending, { basedOn: current.updatedAt });
        continue;
      }
      const earlierInFlight = [...this.pending.values()].some((other) => other.sequence < pending.sequence && !other.parkedConflict);
      if (earlierInFlight) continue;
      this.pending.delete(id);
      this.conflicts.set(id, { ...unsavedPart(pending), requestId: pending.requestId, current });
    }
  }

  /** A fresh load (Reload after a conflict, Refresh): conflicted edits stay as unsaved values. */
  load(view: DealView): void {
    this.view = view;
    this.deal = view.deal;
    for (const [id, conflict] of this.conflicts) {
      this.failed.set(id, {
        ...unsavedPart(conflict),
        message: `Not saved: the deal had changed in ${view.providerName}. Your value is kept: Retry applies it to the reloaded deal.`,
      });
    }
    this.conflicts.clear();
  }

  /** The deal changed elsewhere: fields with open editors keep their drafts. */
  replaceDeal(deal: Deal): void {
    this.deal = deal;
  }

  restoreFailed(id: string, failed: FailedEdit): void {
    if (this.slots().get(id)?.editable) this.failed.set(id, failed);
  }

  private send(id: string, edit: UnsavedEdit, options: { overwrite?: boolean; basedOn?: string } = {}): string | undefined {
    const requestId = this.io.newRequestId();
    const basedOn = options.basedOn ?? this.deal.updatedAt;
    const message: WebviewToHost = {
      type: 'edit', requestId, field: edit.field, patch: edit.patch,
      ...(basedOn !== undefined ? { basedOn } : {}),
      ...(options.overwrite ? { overwrite: true } : {}),
    };
    const checked = WebviewToHostSchema.safeParse(message);
    if (!checked.success) return `This value cannot be sent: ${checked.error.issues[0]?.message ?? 'it does not fit the field'}`;
    this.pending.set(id, { ...unsavedPart(edit), requestId, basedOn, overwrite: options.overwrite, sequence: ++this.sequence });
    this.failed.delete(id);
    this.io.post(message);
    return undefined;
  }

  private refuse(id: string, draft: EditorDraft, problem: string): CommitResult {
    this.editors.set(id, { draft, problem });
    return 'invalid';
  }

  private idOf(requestId: string): string | undefined {
    for (const [id, pending] of this.pending) if (pending.requestId === requestId) return id;
    for (const [id, conflict] of this.conflicts) if (conflict.requestId === requestId) return id;
    return undefined;
  }
}

function unsavedPart(edit: UnsavedEdit): UnsavedEdit {
  return { field: edit.field, patch: edit.patch, value: edit.value, draft: edit.draft };
}
