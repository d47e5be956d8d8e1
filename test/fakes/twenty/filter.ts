import type { Json } from './types';

/**
 * Twenty's REST `filter` grammar, as far as the captures show it: `field[comparator]:value`
 * terms, joined by `,` (and) at the root, `and(…)`, `or(…)`, `not(…)`; values typed from the
 * field (SELECT checked against its options), `"` or `'` quotes stripped, arrays for `in`.
 */

const COMPARATORS = ['eq', 'neq', 'in', 'containsAny', 'is', 'gt', 'gte', 'lt', 'lte', 'startsWith', 'like', 'ilike'] as const;
type Comparator = (typeof COMPARATORS)[number];

export type Predicate = (record: Json) => boolean;

export class FilterError extends Error {}

export interface FieldInfo {
  /** The object's name for messages: `opportunity`. */
  object: string;
  /** Known fields (and join columns), with SELECT options where the value is checked. */
  fields: ReadonlyMap<string, { options?: readonly string[] }>;
}

/** Splits at top-level commas (not inside parentheses, brackets or quotes). */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

function unquote(value: string): string {
  const v = value.trim();
  return (v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")) ? v.slice(1, -1) : v;
}

function valueAt(record: Json, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Json)[key] : undefined), record);
}

function likeRegex(pattern: string, flags: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${escaped}$`, flags);
}

function compare(actual: unknown, comparator: Comparator, expected: string | string[]): boolean {
  const text = actual === null || actual === undefined ? undefined : String(actual);
  switch (comparator) {
    case 'eq':
      return text === expected;
    case 'neq':
      return text !== expected;
    case 'in':
      return text !== undefined && (expected as string[]).includes(text);
    case 'containsAny':
      return Array.isArray(actual) && actual.some((v) => (expected as string[]).includes(String(v)));
    case 'is':
      return expected === 'NULL' ? actual === null || actual === undefined : actual !== null && actual !== undefined;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (text === undefined) return false;
      const a = Number(text);
      const b = Number(expected);
      const [x, y] = Number.isNaN(a) || Number.isNaN(b) ? [text, expected as string] : [a, b];
      return comparator === 'gt' ? x > y : comparator === 'gte' ? x >= y : comparator === 'lt' ? x < y : x <= y;
    }
    case 'startsWith':
      return text !== undefined && text.startsWith(expected as string);
    case 'like':
      return text !== undefined && likeRegex(expected as string, '').test(text);
    case 'ilike':
      return text !== undefined && likeRegex(expected as string, 'i').test(text);
  }
}

function parseTerm(term: string, info: FieldInfo): Predicate {
  const match = /^([A-Za-z][\w.]*)\[([A-Za-z]+)\]:(.*)$/s.exec(term);
  if (!match) throw new FilterError(`'filter' invalid for '${term}'. eg: price[gte]:10`);
  const [, field, comparatorText, rawValue] = match as unknown as [string, string, string, string];
  if (!(COMPARATORS as readonly string[]).includes(comparatorText)) {
    throw new FilterError(`'filter' invalid for '${term}', comparator ${comparatorText} not in ${COMPARATORS.join(', ')}`);
  }
  const comparator = comparatorText as Comparator;
  const root = field.split('.')[0]!;
  const known = info.fields.get(field) ?? info.fields.get(root);
  if (!known) throw new FilterError(`field '${root}' does not exist in '${info.object}' object`);
  let expected: string | string[];
  if (comparator === 'in' || comparator === 'containsAny') {
    const list = rawValue.trim();
    if (!list.startsWith('[') || !list.endsWith(']')) {
      throw new FilterError(`'filter' invalid for '${comparator}' operator. Received '${rawValue}' but array value expected eg: 'field[in]:[value_1,value_2]'`);
    }
    expected = splitTop(list.slice(1, -1)).map(unquote);
  } else expected = unquote(rawValue);
  const options = known.options;
  if (options && comparator !== 'is') {
    for (const value of Array.isArray(expected) ? expected : [expected]) {
      if (!options.includes(value)) {
        throw new FilterError(
          `'filter' enum value '${value}' not available in '${field}' enum. Available enum values are [${options.map((o) => `'${o}'`).join(', ')}]`,
        );
      }
    }
  }
  return (record) => compare(valueAt(record, field), comparator, expected);
}

function parseExpression(text: string, info: FieldInfo): Predicate {
  const conjunction = /^(and|or|not)\((.*)\)$/s.exec(text.trim());
  if (!conjunction) return parseTerm(text.trim(), info);
  const [, kind, inner] = conjunction as unknown as [string, 'and' | 'or' | 'not', string];
  const parts = splitTop(inner).map((p) => parseExpression(p, info));
  if (kind === 'not') {
    if (parts.length !== 1) throw new FilterError("'filter' invalid. 'not' conjunction should contain only 1 condition. eg: not(field[eq]:1)");
    return (r) => !parts[0]!(r);
  }
  return kind === 'and' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
}

/** The filter as a predicate over rendered records; throws FilterError with Twenty's words. */
export function parseFilter(text: string | undefined, info: FieldInfo): Predicate {
  if (text === undefined || text.trim() === '') return () => true;
  const parts = splitTop(text).map((p) => parseExpression(p, info));
  return (record) => parts.every((p) => p(record));
}
