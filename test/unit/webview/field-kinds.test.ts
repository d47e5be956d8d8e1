import assert from 'node:assert/strict';
import type { FieldDef, FieldValue } from '../../../src/model';
import type { EditorDraft, FieldContext } from '../../../webview-ui/fields/field-kind';
import { fieldKindModule } from '../../../webview-ui/fields/field-kinds';
import { instantToLocalText, localTextToInstant } from '../../../webview-ui/fields/datetime-field';

function ctx(kind: FieldDef['kind'], extra: Partial<FieldContext> & { options?: FieldDef['options']; required?: boolean } = {}): FieldContext {
  const { options, required, ...rest } = extra;
  return { def: { key: 'k', label: 'Field', kind, writable: true, options, required }, users: [{ id: 'u1', name: 'Ada' }], locale: 'en-US', current: undefined, ...rest };
}

/** What the user would see saved after typing `draft` into the editor of this kind. */
function parse(kind: FieldDef['kind'], draft: EditorDraft, context = ctx(kind)) {
  return fieldKindModule(kind).parse(draft, context);
}

const value = (kind: FieldDef['kind'], draft: EditorDraft, context = ctx(kind)): FieldValue | null => {
  const parsed = parse(kind, draft, context);
  assert.ok(parsed.ok, `"${JSON.stringify(draft)}" should be accepted as ${kind}: ${parsed.ok ? '' : parsed.message}`);
  return parsed.value;
};

const refused = (kind: FieldDef['kind'], draft: EditorDraft, context = ctx(kind)): string => {
  const parsed = parse(kind, draft, context);
  assert.ok(!parsed.ok, `"${JSON.stringify(draft)}" should be refused as ${kind}`);
  return parsed.message;
};

describe('Field editors: what is typed becomes the value sent, and back', () => {
  it('text keeps what was typed, and only spaces clears the field', () => {
    assert.deepEqual(value('text', '  Acme  '), { kind: 'text', value: '  Acme  ' });
    assert.equal(value('text', '   '), null);
    assert.equal(fieldKindModule('text').toDraft({ kind: 'text', value: 'x' }, ctx('text')), 'x');
  });

  it('a textarea keeps its line breaks', () => {
    assert.deepEqual(value('textarea', 'one\ntwo'), { kind: 'textarea', value: 'one\ntwo' });
  });

  it('numbers stay exact decimal strings; grouping commas are fine, decimal commas are refused', () => {
    assert.deepEqual(value('number', '1,200.50'), { kind: 'number', value: '1200.5' });
    assert.deepEqual(value('number', '-0.000000000000000001'), { kind: 'number', value: '-0.000000000000000001' });
    assert.deepEqual(value('number', '90071992547409931234'), { kind: 'number', value: '90071992547409931234' });
    assert.equal(value('number', ''), null);
    assert.match(refused('number', '3,5'), /dot for decimals/);
    assert.match(refused('number', '1.200,50'), /dot for decimals/);
    assert.match(refused('number', 'twelve'), /Enter a number/);
    assert.equal(fieldKindModule('number').format({ kind: 'number', value: '1234567.5' }, ctx('number')), '1,234,567.5');
  });

  it('a percent is the number before the % sign', () => {
    assert.deepEqual(value('percent', '12.5 %'), { kind: 'percent', value: '12.5' });
    assert.equal(fieldKindModule('percent').format({ kind: 'percent', value: '12.5' }, ctx('percent')), '12.5%');
    refused('percent', 'half');
  });

  it('money keeps the CRM\'s unit, refuses rounding, and round-trips huge amounts exactly', () => {
    const micros = ctx('money', { current: { kind: 'money', value: { minor: '1500000', scale: 6, currency: 'EUR' } } });
    assert.deepEqual(fieldKindModule('money').toDraft(micros.current, micros), { amount: '1.500000', currency: 'EUR' });
    assert.deepEqual(value('money', { amount: '2.25', currency: 'eur' }, micros), { kind: 'money', value: { minor: '2250000', scale: 6, currency: 'EUR' } });
    assert.deepEqual(value('money', { amount: '90,071,992,547,409.93', currency: 'USD' }), { kind: 'money', value: { minor: '9007199254740993', scale: 2, currency: 'USD' } });
    assert.match(refused('money', { amount: '1.005', currency: 'USD' }), /at most 2 decimal places/);
    assert.match(refused('money', { amount: '1.5', currency: 'JPY' }), /whole numbers/);
    assert.match(refused('money', { amount: '10', currency: 'dollars' }), /three-letter code/);
    assert.equal(value('money', { amount: '', currency: 'USD' }), null);
    assert.deepEqual(fieldKindModule('money').toDraft(undefined, ctx('money', { defaultCurrency: 'EUR' })), { amount: '', currency: 'EUR' });
    assert.equal(fieldKindModule('money').format({ kind: 'money', value: { minor: '9007199254740993', scale: 2, currency: 'USD' } }, ctx('money')), '$90,071,992,547,409.93');
  });

  it('a date is a real day, shown in the locale without shifting a day', () => {
    assert.deepEqual(value('date', '2024-02-29'), { kind: 'date', value: '2024-02-29' });
    assert.match(refused('date', '2025-02-29'), /real date/);
    assert.equal(fieldKindModule('date').format({ kind: 'date', value: '2025-01-01' }, ctx('date')), 'Jan 1, 2025');
    assert.equal(fieldKindModule('date').format({ kind: 'date', value: '2025-01-01' }, ctx('date', { locale: 'de-DE' })), '01.01.2025');
  });

  it('a date-time is edited on the user\'s clock and sent as an instant', () => {
    const previous = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      assert.equal(instantToLocalText('2025-06-10T14:30:00.000Z'), '2025-06-10T10:30');
      assert.equal(localTextToInstant('2025-06-10T10:30'), '2025-06-10T14:30:00.000Z');
      assert.deepEqual(value('datetime', '2025-01-10T09:00'), { kind: 'datetime', value: '2025-01-10T14:00:00.000Z' });
      // 02:30 does not exist on the night the clocks go forward.
      refused('datetime', '2025-03-09T02:30');
      refused('datetime', '2025-04-31T10:00');
    } finally {
      process.env.TZ = previous;
    }
  });

  it('yes/no, selects and users', () => {
    assert.deepEqual(value('boolean', false), { kind: 'boolean', value: false });
    assert.deepEqual(value('select', 'ref'), { kind: 'select', value: 'ref' });
    assert.equal(value('select', ''), null);
    assert.equal(fieldKindModule('select').format({ kind: 'select', value: 'ref' }, ctx('select', { options: [{ value: 'ref', label: 'Referral' }] })), 'Referral');
    assert.deepEqual(value('user', 'u1'), { kind: 'user', value: { id: 'u1', name: 'Ada' } });
    refused('user', 'nobody');
    const stored = ctx('user', { current: { kind: 'user', value: { id: 'u9', name: 'Former colleague' } } });
    assert.deepEqual(value('user', 'u9', stored), { kind: 'user', value: { id: 'u9', name: 'Former colleague' } });
  });

  it('a multiselect saves in the field\'s option order, once each, and none clears it', () => {
    const options = ctx('multiselect', { options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }, { value: 'c', label: 'C' }] });
    assert.deepEqual(value('multiselect', ['c', 'a', 'c'], options), { kind: 'multiselect', value: ['a', 'c'] });
    assert.equal(value('multiselect', [], options), null);
    assert.equal(fieldKindModule('multiselect').format({ kind: 'multiselect', value: ['a', 'c'] }, options), 'A, C');
  });

  it('urls must be web addresses; emails and phones are checked for their shape', () => {
    assert.deepEqual(value('url', ' https://example.com/x '), { kind: 'url', value: 'https://example.com/x' });
    refused('url', 'javascript:alert(1)');
    refused('url', 'example.com');
    assert.deepEqual(value('email', 'ap@markup.test'), { kind: 'email', value: 'ap@markup.test' });
    refused('email', 'ap@markup');
    assert.deepEqual(value('phone', '+49 (30) 123-45 x 12'), { kind: 'phone', value: '+49 (30) 123-45 x 12' });
    refused('phone', 'call me');
  });

  it('references and unknown values are shown, never edited', () => {
    assert.equal(fieldKindModule('reference').format({ kind: 'reference', value: { id: 'a', name: 'Holdings' } }, ctx('reference')), 'Holdings');
    assert.equal(fieldKindModule('unknown').format({ kind: 'unknown', value: { tier: 'gold' } }, ctx('unknown')), '{"tier":"gold"}');
    refused('reference', '');
  });

  it('each kind recognises its own drafts when they come back from saved state', () => {
    assert.ok(fieldKindModule('money').isDraft({ amount: '1', currency: 'USD' }));
    assert.ok(!fieldKindModule('money').isDraft('1'));
    assert.ok(fieldKindModule('multiselect').isDraft(['a']));
    assert.ok(!fieldKindModule('boolean').isDraft('true'));
  });
});
