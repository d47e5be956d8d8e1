import type { TemplateResult } from 'lit';
import type { FieldDef, FieldValue, PersonRef } from '../../src/model';

/** What an open money editor holds: the amount as typed and the currency code. */
export interface MoneyDraft {
  amount: string;
  currency: string;
}

/** What any open editor holds, exactly as the user left it; JSON-safe so it survives hiding the panel. */
export type EditorDraft = string | boolean | string[] | MoneyDraft;

export interface FieldContext {
  def: FieldDef;
  users: readonly PersonRef[];
  locale: string | undefined;
  /** The stored value: editors keep what the user did not touch (a money amount's scale). */
  current: FieldValue | undefined;
  /** The currency a new amount starts in: the deal's own. */
  defaultCurrency?: string;
}

export type ParsedDraft =
  | { ok: true; value: FieldValue | null }
  | { ok: false; message: string };

export interface EditorProps<D extends EditorDraft> {
  /** The id of the element a `<label for>` points at and that gets focus on opening. */
  id: string;
  label: string;
  draft: D;
  invalid: boolean;
  ctx: FieldContext;
  onDraft(draft: D): void;
  /** Saves at once: for editors where picking is the whole edit (a select). */
  onCommit(): void;
}

/**
 * How one kind of field is shown and edited. Enter saves single-line editors, Ctrl+Enter saves
 * multi-line ones; `change` editors save as soon as a choice is made; `direct` editors (a
 * checkbox) have no separate display mode.
 */
export type SaveGesture = 'enter' | 'ctrl-enter' | 'change' | 'direct';

export interface FieldKindModule<D extends EditorDraft> {
  saveGesture: SaveGesture;
  toDraft(value: FieldValue | undefined, ctx: FieldContext): D;
  /** Guards a draft read back from saved state before it reaches this kind's editor. */
  isDraft(draft: unknown): draft is D;
  parse(draft: D, ctx: FieldContext): ParsedDraft;
  format(value: FieldValue, ctx: FieldContext): string;
  renderEditor(props: EditorProps<D>): TemplateResult;
}

export const ok = (value: FieldValue | null): ParsedDraft => ({ ok: true, value });
export const refuse = (message: string): ParsedDraft => ({ ok: false, message });

export const isString = (draft: unknown): draft is string => typeof draft === 'string';

/** Reads the value of the element an input/change event came from (a VS Code Elements control). */
export function eventValue(event: Event): string {
  const target = event.target as { value?: unknown } | null;
  return typeof target?.value === 'string' ? target.value : '';
}
