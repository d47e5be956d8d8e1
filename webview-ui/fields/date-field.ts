import { isString, ok, refuse, type FieldKindModule } from './field-kind';
import { formatDay, isRealDay } from './locale-format';
import { renderSingleLineEditor } from './single-line-editor';

/** A whole day as YYYY-MM-DD: it never gains a time or a time zone. */
export const dateField: FieldKindModule<string> = {
  saveGesture: 'enter',
  toDraft: (value) => (value?.kind === 'date' ? value.value : ''),
  isDraft: isString,
  parse(draft) {
    const day = draft.trim();
    if (day === '') return ok(null);
    return isRealDay(day) ? ok({ kind: 'date', value: day }) : refuse('Enter a real date as YYYY-MM-DD');
  },
  format: (value, ctx) => (value.kind === 'date' ? formatDay(value.value, ctx.locale) : ''),
  renderEditor: (props) => renderSingleLineEditor(props, { type: 'date' }),
};
