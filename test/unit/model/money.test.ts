import assert from 'node:assert/strict';
import { formatMoney, money, parseDecimal, toDecimalString, totalsByCurrency } from '../../../src/model';

describe('Money', () => {
  it('keeps cents exact beyond the range of a float', () => {
    const big = money('9007199254740993', 2, 'USD');
    assert.equal(toDecimalString(big), '90071992547409.93');
    assert.equal(formatMoney(big, 'en-US'), '$90,071,992,547,409.93');
  });

  it('sums per currency and never across currencies', () => {
    const totals = totalsByCurrency([money(1999, 2, 'USD'), money(1, 2, 'usd'), money(500, 2, 'EUR'), undefined]);
    assert.deepEqual(totals.map((m) => [m.currency, toDecimalString(m)]), [['EUR', '5.00'], ['USD', '20.00']]);
  });

  it('adds amounts of different scales without drift (cents + micros)', () => {
    const [total] = totalsByCurrency([money(10, 2, 'USD'), money(200_000, 6, 'USD'), money(10, 2, 'USD')]);
    assert.equal(total && toDecimalString(total), '0.400000');
  });

  it('0.1 + 0.2 is 0.30, not 0.30000000000000004', () => {
    const [total] = totalsByCurrency([parseDecimal('0.1', 2, 'USD'), parseDecimal('0.2', 2, 'USD')]);
    assert.equal(total && toDecimalString(total), '0.30');
  });

  it('parses what people type, and refuses what would have to be rounded', () => {
    assert.equal(toDecimalString(parseDecimal('1,200.5', 2, 'EUR')!), '1200.50');
    assert.equal(toDecimalString(parseDecimal('-3.75', 2, 'EUR')!), '-3.75');
    assert.equal(parseDecimal('1.005', 2, 'EUR'), undefined);
    assert.equal(parseDecimal('12abc', 2, 'EUR'), undefined);
    assert.equal(parseDecimal('', 2, 'EUR'), undefined);
  });

  it('formats negative and small amounts in the locale', () => {
    assert.equal(formatMoney(money(-5, 2, 'USD'), 'en-US'), '-$0.05');
    assert.equal(formatMoney(money(123456, 2, 'EUR'), 'de-DE'), '1.234,56\u00a0€');
    assert.equal(formatMoney(money(123456, 2, 'EUR'), 'en-US', { compact: true }), '€1,235');
  });

  it('rejects a currency that is not an ISO code', () => {
    assert.throws(() => money(1, 2, 'dollars'));
  });
});
