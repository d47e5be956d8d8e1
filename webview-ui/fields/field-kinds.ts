import type { FieldKind } from '../../src/model';
import { booleanField } from './boolean-field';
import { dateField } from './date-field';
import { datetimeField } from './datetime-field';
import { emailField } from './email-field';
import type { EditorDraft, FieldKindModule } from './field-kind';
import { moneyField } from './money-field';
import { multiselectField } from './multiselect-field';
import { numberField } from './number-field';
import { percentField } from './percent-field';
import { phoneField } from './phone-field';
import { readonlyField } from './readonly-field';
import { selectField } from './select-field';
import { textField } from './text-field';
import { textareaField } from './textarea-field';
import { urlField } from './url-field';
import { userField } from './user-field';

// Each module only ever sees drafts it made itself (toDraft) or that passed its isDraft guard.
const erase = <D extends EditorDraft>(module: FieldKindModule<D>) => module as unknown as FieldKindModule<EditorDraft>;

const MODULES: Record<FieldKind, FieldKindModule<EditorDraft>> = {
  text: erase(textField),
  textarea: erase(textareaField),
  number: erase(numberField),
  money: erase(moneyField),
  percent: erase(percentField),
  date: erase(dateField),
  datetime: erase(datetimeField),
  boolean: erase(booleanField),
  select: erase(selectField),
  multiselect: erase(multiselectField),
  user: erase(userField),
  url: erase(urlField),
  email: erase(emailField),
  phone: erase(phoneField),
  reference: erase(readonlyField),
  unknown: erase(readonlyField),
};

export function fieldKindModule(kind: FieldKind): FieldKindModule<EditorDraft> {
  return MODULES[kind];
}

/** Kinds with no editor at all, whatever the CRM says about writing them. */
export const isEditableKind = (kind: FieldKind): boolean => kind !== 'reference' && kind !== 'unknown';
