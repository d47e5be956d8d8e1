import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { FieldValue } from '../../src/model';
import type { EditorDraft } from '../fields/field-kind';
import { fieldKindModule } from '../fields/field-kinds';
import { isWebAddress } from '../fields/url-field';
import type { DealEdits, FailedEdit } from '../model/deal-edits';
import { domId } from '../model/field-id';
import type { FieldSlot } from '../model/field-slot';
import { editorKeyIntent } from './editor-keys';
import { rowIds, type FieldActions } from './field-actions';
import { renderSwatch } from './swatch';

export interface FieldRowInput {
  slot: FieldSlot;
  edits: DealEdits;
  providerName: string;
  /** The deal's name is drawn as the panel's heading. */
  variant?: 'title';
}

export const EMPTY_EDITABLE = 'Empty — click to add';

export function displayText(slot: FieldSlot, value: FieldValue | undefined, edits: DealEdits): string {
  if (!value) return '';
  const context = edits.context(slot);
  return slot.format?.(value, context.locale) ?? fieldKindModule(slot.def.kind).format(value, context);
}

/** One field: its label, its value or its open editor, a spinner while saving, and its error with Retry. */
export function renderFieldRow(input: FieldRowInput, actions: FieldActions): TemplateResult {
  const { slot, edits } = input;
  const ids = rowIds(domId('f', slot.id));
  const editor = edits.editors.get(slot.id);
  const direct = fieldKindModule(slot.def.kind).saveGesture === 'direct';
  const labelTarget = !slot.editable ? undefined : editor || direct ? ids.editor : ids.value;
  return html`<div class=${classMap({ 'field-row': true, title: input.variant === 'title', editing: !!editor })} data-field=${slot.id}>
    ${labelTarget
      ? html`<label class="field-label" id=${ids.label} for=${labelTarget}>${slot.def.label}</label>`
      : html`<span class="field-label" id=${ids.label}>${slot.def.label}</span>`}
    <div class="field-cell">
      ${editor && !direct ? renderEditor(input, editor.draft, editor.problem, ids, actions) : renderValue(input, ids, actions)}
      ${renderStatus(input, actions)}
    </div>
  </div>`;
}

function renderValue(input: FieldRowInput, ids: ReturnType<typeof rowIds>, actions: FieldActions): TemplateResult {
  const { slot, edits } = input;
  const value = edits.display(slot.id);
  const module = fieldKindModule(slot.def.kind);
  if (module.saveGesture === 'direct' && slot.editable) {
    let latest = edits.editors.get(slot.id)?.draft ?? module.toDraft(value, edits.context(slot));
    return module.renderEditor({
      id: ids.editor, label: slot.def.label, draft: latest, invalid: false, ctx: edits.context(slot),
      onDraft: (draft: EditorDraft) => { latest = draft; },
      onCommit: () => actions.commitDirect(slot.id, latest),
    });
  }
  const text = displayText(slot, value, edits);
  const swatch = value?.kind === 'select' ? renderSwatch(slot.def.options?.find((o) => o.value === value.value)?.color) : nothing;
  const shown = slot.ref.kind === 'standard' && slot.ref.name === 'outcome' && value?.kind === 'select'
    ? html`<vscode-badge class=${`outcome outcome-${value.value}`}>${text}</vscode-badge>`
    : html`${swatch}<span class="value-text">${text || (slot.editable ? EMPTY_EDITABLE : 'Empty')}</span>`;
  const link = value?.kind === 'url' && isWebAddress(value.value)
    ? html`<vscode-toolbar-button class="open-link" icon="link-external" label=${`Open ${slot.def.label}`} title="Open in browser"
        @click=${() => actions.openUrl(value.value)}></vscode-toolbar-button>`
    : nothing;
  if (!slot.editable) {
    return html`<span class=${classMap({ 'value-readonly': true, empty: !text })} id=${ids.value}>${shown}</span>${link}${slot.readOnlyReason
      ? html`<span class="read-only-reason">${slot.readOnlyReason}</span>`
      : nothing}`;
  }
  return html`<button type="button" class=${classMap({ 'value-button': true, empty: !text })} id=${ids.value}
      aria-labelledby=${`${ids.label} ${ids.value}`} title=${`Edit ${slot.def.label}`}
      @click=${(event: MouseEvent) => actions.open(slot.id, event.detail > 0)}>${shown}<vscode-icon class="edit-hint" name="edit" aria-hidden="true"></vscode-icon></button>${link}`;
}

function renderEditor(input: FieldRowInput, draft: EditorDraft, problem: string | undefined, ids: ReturnType<typeof rowIds>, actions: FieldActions): TemplateResult {
  const { slot, edits } = input;
  const module = fieldKindModule(slot.def.kind);
  const onKeyDown = {
    capture: true,
    handleEvent: (event: KeyboardEvent) => {
      const intent = editorKeyIntent(event, module.saveGesture);
      if (!intent) return;
      event.preventDefault();
      event.stopPropagation();
      if (intent === 'save') actions.commit(slot.id, 'keyboard');
      else actions.cancel(slot.id);
    },
  };
  const onFocusOut = (event: FocusEvent) => {
    const container = event.currentTarget as HTMLElement;
    const next = event.relatedTarget as Node | null;
    // Switching to another window keeps the editor open (its draft is saved); leaving it saves.
    if ((next && container.contains(next)) || !document.hasFocus()) return;
    actions.commit(slot.id, 'blur');
  };
  const hint = module.saveGesture === 'ctrl-enter' ? 'Ctrl+Enter to save, Escape to cancel' : module.saveGesture === 'change' ? 'Escape to cancel' : 'Enter to save, Escape to cancel';
  return html`<div class="field-editing" @keydown=${onKeyDown} @focusout=${onFocusOut}>
    <div class="editor-line">
      ${module.renderEditor({
        id: ids.editor, label: slot.def.label, draft, invalid: problem !== undefined, ctx: edits.context(slot),
        onDraft: (next: EditorDraft) => actions.draft(slot.id, next),
        onCommit: () => actions.commit(slot.id, 'change'),
      })}
      <vscode-toolbar-button icon="check" label=${`Save ${slot.def.label}`} title="Save" @click=${() => actions.commit(slot.id, 'keyboard')}></vscode-toolbar-button>
      <vscode-toolbar-button icon="close" label=${`Cancel editing ${slot.def.label}`} title="Cancel" @click=${() => actions.cancel(slot.id)}></vscode-toolbar-button>
    </div>
    ${problem !== undefined
      ? html`<div class="field-problem" id=${ids.problem} role="alert">${problem}</div>`
      : html`<div class="editor-hint">${hint}</div>`}
  </div>`;
}

function renderStatus(input: FieldRowInput, actions: FieldActions): TemplateResult | typeof nothing {
  const { slot, edits } = input;
  if (edits.pending.has(slot.id)) {
    return html`<vscode-progress-ring class="saving" .ariaLabel=${`Saving ${slot.def.label}`}></vscode-progress-ring>`;
  }
  if (edits.conflicts.has(slot.id)) {
    return html`<div class="field-note conflict-note">Not saved: changed in ${input.providerName} meanwhile (see above)</div>`;
  }
  const failed = edits.failed.get(slot.id);
  return failed ? renderFailure(input, failed, actions) : nothing;
}

function renderFailure(input: FieldRowInput, failed: FailedEdit, actions: FieldActions): TemplateResult {
  const { slot, edits } = input;
  const typed = failed.value ? displayText(slot, failed.value, edits) : '(empty)';
  return html`<div class="field-error" role="alert">
    <vscode-icon name="error" aria-hidden="true"></vscode-icon>
    <div class="field-error-body">
      <div class="field-error-message">${failed.message}</div>
      <div class="field-error-typed">Your value: <span class="typed-value">${typed}</span></div>
      <div class="field-error-actions">
        <vscode-button secondary @click=${() => actions.retry(slot.id)}>Retry</vscode-button>
        <vscode-button secondary @click=${() => actions.editAgain(slot.id)}>Edit again</vscode-button>
        <vscode-toolbar-button icon="close" label=${`Dismiss the error for ${slot.def.label}`} title="Dismiss" @click=${() => actions.dismiss(slot.id)}></vscode-toolbar-button>
      </div>
    </div>
  </div>`;
}
