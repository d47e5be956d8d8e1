import type { FieldError } from './errors';

export interface ErrorDetail {
  detail?: string;
  fieldErrors?: FieldError[];
}

type Json = Record<string, unknown>;

const MAX_TEXT_BODY_CHARS = 200;

/**
 * Reads the CRM's own words from an error body when the provider supplies no parser.
 * Covers the shapes seen across our CRMs: `messages[]` (Twenty), `message` (Spott,
 * ActiveCampaign 404), `error` as text or `{message}` (Close, Hindsight), `errors[]`
 * with JSON:API `source.pointer` (ActiveCampaign), and `field-errors` (Close 400).
 */
export function defaultErrorDetail(body: unknown): ErrorDetail | undefined {
  if (typeof body === 'string') return textDetail(body);
  if (!isObject(body)) return undefined;

  const fieldErrors = [...fieldErrorMap(body['field-errors']), ...fieldErrorMap(body['field_errors'])];
  const listed = errorList(body['errors']);
  fieldErrors.push(...listed.fieldErrors);

  const error = body['error'];
  const detail =
    stringList(body['messages']) ??
    asText(body['message']) ??
    (isObject(error) ? asText(error['message']) ?? asText(error['detail']) : undefined) ??
    (listed.messages.length ? listed.messages.join('; ') : undefined) ??
    asText(body['detail']) ??
    asText(error);
  if (!detail && !fieldErrors.length) return undefined;
  return { detail, fieldErrors: fieldErrors.length ? fieldErrors : undefined };
}

function textDetail(text: string): ErrorDetail | undefined {
  const trimmed = text.trim();
  // An HTML error page from a proxy says nothing the status does not.
  if (!trimmed || trimmed.startsWith('<')) return undefined;
  return { detail: trimmed.slice(0, MAX_TEXT_BODY_CHARS) };
}

function errorList(value: unknown): { messages: string[]; fieldErrors: FieldError[] } {
  const messages: string[] = [];
  const fieldErrors: FieldError[] = [];
  if (!Array.isArray(value)) return { messages, fieldErrors };
  for (const item of value) {
    if (typeof item === 'string') {
      messages.push(item);
      continue;
    }
    if (!isObject(item)) continue;
    const text = asText(item['detail']) ?? asText(item['title']) ?? asText(item['message']);
    if (!text) continue;
    const source = item['source'];
    const pointer = isObject(source) ? asText(source['pointer']) : undefined;
    const field = pointer?.split('/').filter(Boolean).pop();
    if (field) fieldErrors.push({ field, message: text });
    else messages.push(text);
  }
  return { messages, fieldErrors };
}

function fieldErrorMap(value: unknown): FieldError[] {
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([field, message]) => {
    const text = asText(message) ?? stringList(message);
    return text ? [{ field, message: text }] : [];
  });
}

function stringList(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const texts = value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
  return texts.length ? texts.join('; ') : undefined;
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
