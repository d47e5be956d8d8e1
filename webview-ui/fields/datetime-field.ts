import { isString, ok, refuse, type FieldKindModule } from './field-kind';
import { formatInstant, localDay } from './locale-format';
import { renderSingleLineEditor } from './single-line-editor';

const LOCAL_MINUTE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** An ISO instant as the `datetime-local` text of the user's own clock ("2025-03-01T14:30"). */
export function instantToLocalText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  const seconds = date.getSeconds() ? `:${pad(date.getSeconds())}` : '';
  return `${localDay(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}${seconds}`;
}

/** The reverse: local wall-clock text to an ISO instant, or undefined for a time that does not exist. */
export function localTextToInstant(text: string): string | undefined {
  const match = LOCAL_MINUTE.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const date = new Date(year!, month! - 1, day!, hour!, minute!, second!);
  // Date rolls impossible parts over (31 April, 02:30 on the night clocks go forward): refuse those.
  if (date.getFullYear() !== year || date.getMonth() !== month! - 1 || date.getDate() !== day || date.getHours() !== hour || date.getMinutes() !== minute) {
    return undefined;
  }
  return date.toISOString();
}

/** A moment in time, edited on the user's clock and sent as an ISO instant. */
export const datetimeField: FieldKindModule<string> = {
  saveGesture: 'enter',
  toDraft: (value) => (value?.kind === 'datetime' ? instantToLocalText(value.value) : ''),
  isDraft: isString,
  parse(draft) {
    if (draft.trim() === '') return ok(null);
    const instant = localTextToInstant(draft);
    return instant ? ok({ kind: 'datetime', value: instant }) : refuse('Enter a date and time, like 2025-03-01 14:30');
  },
  format: (value, ctx) => (value.kind === 'datetime' ? formatInstant(value.value, ctx.locale) : ''),
  renderEditor: (props) => renderSingleLineEditor(props, { type: 'datetime-local' }),
};
