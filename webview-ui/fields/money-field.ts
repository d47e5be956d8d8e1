import { html } from 'lit';
import { formatMoney, parseDecimal, toDecimalString, type Money } from '../../src/model';
import { numberFormat } from '../../src/util/intl-cache';
import { DECIMAL_HINT, hasAmbiguousComma, parseDecimalText } from './decimal-text';
import { eventValue, ok, refuse, type FieldContext, type FieldKindModule, type MoneyDraft } from './field-kind';
import { safeLocale } from './locale-format';

const CURRENCY = /^[A-Z]{3}$/;

export function isMoneyDraft(draft: unknown): draft is MoneyDraft {
  if (typeof draft !== 'object' || draft === null) return false;
  const { amount, currency } = draft as Partial<MoneyDraft>;
  return typeof amount === 'string' && typeof currency === 'string';
}

/** The currency's usual decimal places (2 for USD, 0 for JPY), for an amount the CRM has not given a unit yet. */
function currencyPlaces(currency: string): number {
  try {
    return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Keeps the CRM's own unit (cents, micros) so the amount round-trips unchanged. */
function scaleFor(currency: string, ctx: FieldContext): number {
  return ctx.current?.kind === 'money' ? ctx.current.value.scale : currencyPlaces(currency);
}

export function formatMoneyValue(money: Money, locale: string | undefined): string {
  try {
    return formatMoney(money, safeLocale(locale));
  } catch {
    return `${money.currency} ${money.minor}/10^${money.scale}`;
  }
}

/** An exact amount with its currency: parsed with `parseDecimal`, never rounded. */
export const moneyField: FieldKindModule<MoneyDraft> = {
  saveGesture: 'enter',
  toDraft(value, ctx) {
    if (value?.kind === 'money') return { amount: toDecimalString(value.value), currency: value.value.currency };
    return { amount: '', currency: ctx.defaultCurrency ?? 'USD' };
  },
  isDraft: isMoneyDraft,
  parse(draft, ctx) {
    if (draft.amount.trim() === '') return ok(null);
    const currency = draft.currency.trim().toUpperCase();
    if (!CURRENCY.test(currency)) return refuse('Currency must be a three-letter code such as USD or EUR');
    if (hasAmbiguousComma(draft.amount)) return refuse(DECIMAL_HINT);
    const scale = scaleFor(currency, ctx);
    const money = parseDecimal(draft.amount, scale, currency);
    if (money) return ok({ kind: 'money', value: money });
    return parseDecimalText(draft.amount) === undefined
      ? refuse(DECIMAL_HINT)
      : refuse(scale === 0 ? `${currency} amounts here are whole numbers` : `Use at most ${scale} decimal places`);
  },
  format: (value, ctx) => (value.kind === 'money' ? formatMoneyValue(value.value, ctx.locale) : ''),
  renderEditor: (props) => html`<span class="money-editor">
    <vscode-textfield
      id=${props.id}
      class="field-editor money-amount"
      inputmode="decimal"
      .label=${`${props.label} amount`}
      .value=${props.draft.amount}
      ?invalid=${props.invalid}
      @input=${(event: Event) => props.onDraft({ ...props.draft, amount: eventValue(event) })}
    ></vscode-textfield>
    <vscode-textfield
      id=${`${props.id}-currency`}
      class="money-currency"
      maxlength="3"
      .label=${`${props.label} currency`}
      .value=${props.draft.currency}
      @input=${(event: Event) => props.onDraft({ ...props.draft, currency: eventValue(event).toUpperCase() })}
    ></vscode-textfield>
  </span>`,
};
