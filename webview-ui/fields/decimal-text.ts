import { parseDecimal, toDecimalString } from '../../src/model';

/** The most decimal places a plain number keeps; more than that is refused, never rounded. */
const MAX_PLACES = 18;

/**
 * A comma is only a thousands separator when it separates groups of three digits ("1,200.50").
 * "3,5" or "1.200,50" would otherwise be read as 35 or 1.2005, so they are refused instead.
 */
export function hasAmbiguousComma(text: string): boolean {
  const cleaned = text.trim().replace(/[\s_']/g, '');
  if (!cleaned.includes(',')) return false;
  const whole = cleaned.replace(/^-/, '').split('.')[0] ?? '';
  return !/^\d{1,3}(,\d{3})+$/.test(whole) || cleaned.split('.').length > 2;
}

/** What a person typed ("1,200.5", "-3.75") as an exact decimal string ("1200.5"), or undefined. */
export function parseDecimalText(text: string): string | undefined {
  if (hasAmbiguousComma(text)) return undefined;
  const parsed = parseDecimal(text, MAX_PLACES, 'XXX');
  if (!parsed) return undefined;
  const exact = toDecimalString(parsed);
  return exact.includes('.') ? exact.replace(/0+$/, '').replace(/\.$/, '') : exact;
}

export const DECIMAL_HINT = 'Enter a number like 1200 or 3.75 (a dot for decimals)';
