import { DECIMAL_HINT, parseDecimalText } from './decimal-text';
import { isString, ok, refuse, type FieldKindModule } from './field-kind';
import { formatPercent } from './locale-format';
import { renderSingleLineEditor } from './single-line-editor';

/** A percentage as the number before the % sign ("12.5" is 12.5 %); a typed "%" is allowed. */
export const percentField: FieldKindModule<string> = {
  saveGesture: 'enter',
  toDraft: (value) => (value?.kind === 'percent' ? value.value : ''),
  isDraft: isString,
  parse(draft) {
    const text = draft.trim().replace(/\s*%$/, '');
    if (text === '') return ok(null);
    const decimal = parseDecimalText(text);
    return decimal === undefined ? refuse(`${DECIMAL_HINT}, without the % sign if you like`) : ok({ kind: 'percent', value: decimal });
  },
  format: (value, ctx) => (value.kind === 'percent' ? formatPercent(value.value, ctx.locale) : ''),
  renderEditor: (props) => renderSingleLineEditor(props, { inputMode: 'decimal', placeholder: 'e.g. 12.5' }),
};
