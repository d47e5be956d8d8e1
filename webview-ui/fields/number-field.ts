import { DECIMAL_HINT, parseDecimalText } from './decimal-text';
import { isString, ok, refuse, type FieldKindModule } from './field-kind';
import { formatDecimal } from './locale-format';
import { renderSingleLineEditor } from './single-line-editor';

/** A plain number, kept as an exact decimal string: never a float. */
export const numberField: FieldKindModule<string> = {
  saveGesture: 'enter',
  toDraft: (value) => (value?.kind === 'number' ? value.value : ''),
  isDraft: isString,
  parse(draft) {
    if (draft.trim() === '') return ok(null);
    const decimal = parseDecimalText(draft);
    return decimal === undefined ? refuse(DECIMAL_HINT) : ok({ kind: 'number', value: decimal });
  },
  format: (value, ctx) => (value.kind === 'number' ? formatDecimal(value.value, ctx.locale) : ''),
  renderEditor: (props) => renderSingleLineEditor(props, { inputMode: 'decimal' }),
};
