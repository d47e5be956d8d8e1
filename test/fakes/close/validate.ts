import { type CloseFakeState, type FakeCustomField, type Json } from './state';

/** Problems by Close field name, answered as 400 `field-errors` (nothing is applied). */
export type FieldErrors = Record<string, string>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: unknown): value is string {
  return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value));
}

export function isDateTime(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

/** The stored form of a custom value, or an error message. */
export function customValue(state: CloseFakeState, field: FakeCustomField, value: unknown): { value: unknown } | { error: string } {
  if (field.editable_with_roles.length) return { error: "You don't have permission to edit this field." };
  const many = field.accepts_multiple_values;
  const list = many ? (Array.isArray(value) ? value : [value]) : [value];
  if (!many && Array.isArray(value)) return { error: 'This field does not accept multiple values.' };
  const out: unknown[] = [];
  for (const item of list) {
    switch (field.type) {
      case 'text':
      case 'textarea':
      case 'hidden':
        if (typeof item !== 'string') return { error: 'Must be a string.' };
        out.push(item);
        break;
      case 'number': {
        const n = typeof item === 'number' ? item : typeof item === 'string' && item.trim() !== '' ? Number(item) : NaN;
        if (!Number.isFinite(n)) return { error: 'Must be a number.' };
        out.push(n);
        break;
      }
      case 'date':
        if (!isDate(item)) return { error: 'Must be a date (YYYY-MM-DD).' };
        out.push(item);
        break;
      case 'datetime':
        if (!isDateTime(item)) return { error: 'Must be an ISO 8601 date and time.' };
        out.push(item);
        break;
      case 'choices':
        if (typeof item !== 'string' || !field.choices?.includes(item)) return { error: `"${String(item)}" is not a valid choice.` };
        out.push(item);
        break;
      case 'user':
        if (typeof item !== 'string' || !state.users.some((u) => u.id === item)) return { error: 'User does not exist.' };
        out.push(item);
        break;
      case 'contact':
        if (typeof item !== 'string' || !state.contacts.some((c) => c.id === item)) return { error: 'Contact does not exist.' };
        out.push(item);
        break;
      default:
        return { error: `Unsupported field type ${field.type}.` };
    }
  }
  return { value: many ? out : out[0] };
}

const READ_ONLY_OPPORTUNITY_KEYS = new Set([
  'id', 'organization_id', 'lead_name', 'status_label', 'status_display_name', 'status_type', 'pipeline_name',
  'value_formatted', 'expected_value', 'annualized_value', 'annualized_expected_value', 'user_name', 'contact_name',
  'created_by', 'created_by_name', 'updated_by', 'updated_by_name', 'date_created', 'date_updated', 'date_lost',
  'integration_links', 'note_html',
]);

const PERIODS = ['one_time', 'monthly', 'annual'];

/**
 * Applies a partial opportunity body to a copy; returns the copy or the field errors. Unknown keys
 * are refused (stricter than Close, which may ignore them), so a client bug cannot pass unnoticed.
 */
export function patchOpportunity(
  state: CloseFakeState,
  stored: Json,
  body: Json,
  today: string,
): { opp: Json } | { fieldErrors: FieldErrors; errors: string[] } {
  const next: Json = { ...stored };
  const fieldErrors: FieldErrors = {};
  const errors: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    const custom = /^custom\.(cf_[A-Za-z0-9]+)$/.exec(key);
    if (custom) {
      const field = state.customFields.find((f) => f.id === custom[1]);
      if (!field) fieldErrors[key] = 'Unknown custom field.';
      else if (value === null) {
        if (field.editable_with_roles.length) fieldErrors[key] = "You don't have permission to edit this field.";
        else delete next[key];
      } else {
        const result = customValue(state, field, value);
        if ('error' in result) fieldErrors[key] = result.error;
        else next[key] = result.value;
      }
      continue;
    }
    switch (key) {
      case 'status_id':
        if (!state.statuses.some((s) => s.id === value)) fieldErrors[key] = 'Status does not exist.';
        else next[key] = value;
        break;
      case 'pipeline_id':
        if (!state.pipelines.some((p) => p.id === value)) fieldErrors[key] = 'Pipeline does not exist.';
        break;
      case 'value':
        if (value !== null && !(typeof value === 'number' && Number.isSafeInteger(value))) fieldErrors[key] = 'Must be an integer (cents).';
        else next[key] = value;
        break;
      case 'value_period':
        if (!PERIODS.includes(value as string)) fieldErrors[key] = 'Must be one of one_time, monthly, annual.';
        else next[key] = value;
        break;
      case 'value_currency':
        if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) fieldErrors[key] = 'Must be an ISO 4217 currency code.';
        else next[key] = value;
        break;
      case 'confidence':
        if (value !== null && !(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100)) fieldErrors[key] = 'Must be an integer from 0 to 100.';
        else next[key] = value ?? 0;
        break;
      case 'note':
        if (value !== null && typeof value !== 'string') fieldErrors[key] = 'Must be a string.';
        else next[key] = value ?? '';
        break;
      case 'date_won':
        if (value !== null && !isDate(value) && !isDateTime(value)) fieldErrors[key] = 'Must be a date.';
        else next[key] = value === null ? null : (value as string).slice(0, 10);
        break;
      case 'user_id':
        if (value !== null && !state.users.some((u) => u.id === value)) fieldErrors[key] = 'User does not exist.';
        else next[key] = value;
        break;
      case 'contact_id':
        if (value !== null && !state.contacts.some((c) => c.id === value)) fieldErrors[key] = 'Contact does not exist.';
        else next[key] = value;
        break;
      case 'lead_id':
        if (!state.leads.some((l) => l.id === value)) fieldErrors[key] = 'Lead does not exist.';
        else next[key] = value;
        break;
      default:
        errors.push(READ_ONLY_OPPORTUNITY_KEYS.has(key) ? `${key} is read-only.` : `Unknown field: ${key}.`);
    }
  }
  if ('pipeline_id' in body && !fieldErrors['pipeline_id']) {
    const pipeline = state.pipelines.find((p) => p.id === body['pipeline_id'])!;
    if ('status_id' in body) {
      if (!pipeline.statusIds.includes(String(body['status_id']))) fieldErrors['status_id'] = 'Status does not belong to the pipeline.';
    } else next['status_id'] = pipeline.statusIds[0];
  }
  if (Object.keys(fieldErrors).length || errors.length) return { fieldErrors, errors };
  const status = state.statuses.find((s) => s.id === next['status_id']);
  // Moving to a won status sets date_won to today unless it is set or sent; reverting keeps it.
  if (status?.type === 'won' && next['date_won'] == null && !('date_won' in body)) next['date_won'] = today;
  return { opp: next };
}
