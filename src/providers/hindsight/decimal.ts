/**
 * Exact decimals from JSON numbers. The HTTP layer hands over `JSON.parse` output, so a number has
 * already become a double. Its shortest round-trip text (`String(n)`) is the text Hindsight sent
 * whenever that text had at most 15 significant digits, which every realistic amount and score has;
 * beyond 15 digits the double may have rounded what was sent, so such a value is reported as
 * inexact rather than shown with invented digits.
 */

/** The most significant digits a double is guaranteed to carry through `JSON.parse` unchanged. */
export const EXACT_DIGITS = 15;

const DECIMAL = /^-?\d+(\.\d+)?$/;

export interface ExactDecimal {
  /** Plain decimal text, no exponent: `"50000"`, `"4.2"`, `"-0.005"`. */
  text: string;
  /** False when more than 15 significant digits: the double may not be what was sent. */
  exact: boolean;
}

/** A JSON number (or a decimal string, should Hindsight ever send one) as plain decimal text. */
export function toDecimal(value: number | string | null | undefined): ExactDecimal | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    const text = value.trim();
    return DECIMAL.test(text) ? { text: normalize(text), exact: true } : undefined;
  }
  if (!Number.isFinite(value)) return undefined;
  const text = normalize(expand(String(value)));
  return { text, exact: significantDigits(text) <= EXACT_DIGITS };
}

/** `"1.5e-7"` → `"0.00000015"`, `"1e+21"` → `"1000000000000000000000"`; plain text unchanged. */
function expand(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Leading zeros of the whole part and trailing zeros of the fraction removed; `-0` is `0`. */
function normalize(text: string): string {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const w = whole.replace(/^0+(?=\d)/, '');
  const f = fraction.replace(/0+$/, '');
  const body = f ? `${w}.${f}` : w;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Digits from the first non-zero to the last non-zero: `"50000"` has 1, `"0.0042"` has 2. */
function significantDigits(text: string): number {
  const digits = text.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.max(1, digits.length);
}

/** Splits decimal text into minor units at `scale` (at least the text's own places). */
export function toMinorUnits(text: string, minScale: number): { minor: string; scale: number } {
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const scale = Math.max(minScale, fraction.length);
  const minor = BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
  return { minor: (negative ? -minor : minor).toString(), scale };
}
