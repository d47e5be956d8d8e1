import { type Deal, type Money, type Outcome, type PersonRef, type Pipeline, type Stage, totalsByCurrency } from '../../model';
import type { AcAccount, AcContact, AcDeal, AcMeta, AcOpenDeal, AcPipeline, AcStage, AcUser } from './schemas';

/** What AC shows for a deal the key may not open: the panel and tree say "no access". */
export const LOCKED_REASON = 'no access';

/** Ids and names learnt so far; AC sends only ids on deals. */
export interface NameBook {
  users: ReadonlyMap<string, PersonRef>;
  contacts: ReadonlyMap<string, PersonRef>;
  accounts: ReadonlyMap<string, PersonRef>;
}

export function idOf(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const id = String(value).trim();
  // AC uses "0" for "none" in some id columns (e.g. an unassigned owner).
  return id && id !== '0' ? id : undefined;
}

export function personName(parts: (string | null | undefined)[], fallback: string): string {
  const name = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' ').trim();
  return name || fallback;
}

export function toPersonRefFromUser(user: AcUser): PersonRef {
  const id = String(user.id);
  return { id, name: personName([user.firstName, user.lastName], user.username || user.email || `User ${id}`) };
}

export function toPersonRefFromContact(contact: AcContact): PersonRef {
  const id = String(contact.id);
  return { id, name: personName([contact.firstName, contact.lastName], contact.email || `Contact ${id}`) };
}

export function toPersonRefFromAccount(account: AcAccount): PersonRef {
  const id = String(account.id);
  return { id, name: account.name?.trim() || `Account ${id}` };
}

/** A whole number from `"50"`, `50` or `"50.0"`; undefined for anything else. */
export function wholeNumber(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : /^-?\d+(\.0*)?$/.test(value.trim()) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Integer cents (`"1872151"` or `1872151`) and a currency (`"usd"`) as exact Money. */
export function centsToMoney(value: string | number | null | undefined, currency: string | null | undefined): Money | undefined {
  const code = currency?.trim().toUpperCase();
  if (!code || !/^[A-Z]{3}$/.test(code)) return undefined;
  let minor: string | undefined;
  if (typeof value === 'number') minor = Number.isSafeInteger(value) ? String(value) : undefined;
  else if (typeof value === 'string') minor = /^-?\d+$/.exec(value.trim())?.[0];
  if (minor === undefined) return undefined;
  return { minor: BigInt(minor).toString(), scale: 2, currency: code };
}

const OUTCOMES: Record<string, Exclude<Outcome, 'unknown'>> = { '0': 'open', '1': 'won', '2': 'lost' };

export function outcomeOf(status: string | number | null | undefined): Outcome {
  return (status === null || status === undefined ? undefined : OUTCOMES[String(status).trim()]) ?? 'unknown';
}

export function statusOf(outcome: Exclude<Outcome, 'unknown'>): number {
  return outcome === 'won' ? 1 : outcome === 'lost' ? 2 : 0;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function isLocked(deal: AcDeal): deal is Extract<AcDeal, { isDisabled: true }> {
  return deal.isDisabled === true;
}

/** The company a deal belongs to: the newer `account`, else the legacy `organization`. */
export function companyIdOf(deal: AcOpenDeal): string | undefined {
  return idOf(deal.account) ?? idOf(deal.customerAccount) ?? idOf(deal.organization);
}

/**
 * A deal in the model. `value` is integer cents with a lower-case currency; `status` 0/1/2 is the
 * outcome (AC keeps won/lost on the deal, not the stage). AC has no close date on the deal record
 * (`nextdate` is the next task's due moment, not a close date), so `expectedClose` stays empty.
 */
export function toModelDeal(deal: AcDeal, names: NameBook): Deal {
  const id = String(deal.id);
  if (isLocked(deal)) return { id, name: deal.title ?? '', outcome: 'unknown', locked: LOCKED_REASON, custom: {} };
  const ownerId = idOf(deal.owner);
  const contactId = idOf(deal.contact);
  const companyId = companyIdOf(deal);
  const probability = wholeNumber(deal.percent);
  return {
    id,
    name: deal.title ?? '',
    pipelineId: idOf(deal.group),
    stageId: idOf(deal.stage),
    amount: centsToMoney(deal.value, deal.currency),
    owner: ownerId ? (names.users.get(ownerId) ?? { id: ownerId, name: `User ${ownerId}` }) : undefined,
    contact: contactId ? names.contacts.get(contactId) : undefined,
    company: companyId ? names.accounts.get(companyId) : undefined,
    outcome: outcomeOf(deal.status),
    probability: probability !== undefined && probability >= 0 && probability <= 100 ? probability : undefined,
    description: nonEmpty(deal.description),
    createdAt: nonEmpty(deal.cdate),
    updatedAt: nonEmpty(deal.mdate),
    custom: {},
  };
}

function stageOrder(stage: AcStage, index: number): number {
  return wholeNumber(stage.order) ?? index;
}

function stageColor(color: string | null | undefined): string | undefined {
  const hex = color?.trim().replace(/^#/, '');
  return hex && /^[0-9a-f]{3}([0-9a-f]{3})?$/i.test(hex) ? `#${hex}` : undefined;
}

/** A pipeline's stages in AC's `order`, then in the pipeline's own list. AC has no won/lost stages. */
export function toModelStages(pipeline: AcPipeline, stages: readonly AcStage[]): Stage[] {
  const pipelineId = String(pipeline.id);
  const listed = (pipeline.stages ?? []).map(String);
  const position = (id: string): number => {
    const at = listed.indexOf(id);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return stages
    .filter((s) => String(s.group) === pipelineId)
    .map((s, index) => ({ s, order: stageOrder(s, index), at: position(String(s.id)) }))
    .sort((a, b) => a.order - b.order || a.at - b.at)
    .map(({ s, order }) => ({
      id: String(s.id),
      pipelineId,
      name: s.title,
      order,
      outcome: 'open' as const,
      color: stageColor(s.color),
    }));
}

export function toModelPipeline(pipeline: AcPipeline, stages: readonly AcStage[], order: number): Pipeline {
  return { id: String(pipeline.id), name: pipeline.title, order, stages: toModelStages(pipeline, stages) };
}

/** `meta.total` as a number, whether AC sent `"110"` or `110`. */
export function totalOf(meta: AcMeta | undefined): number | undefined {
  if (meta?.total === undefined) return undefined;
  const n = Number(meta.total);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * The stage's value per currency from `meta.currencies` (`{"USD": {"value": "30000"}}`, in cents).
 * Undefined when AC did not give them as an object (it sends `[]` when it summed nothing).
 */
export function totalsOf(meta: AcMeta | undefined): Money[] | undefined {
  const currencies = meta?.currencies;
  if (currencies === undefined || Array.isArray(currencies)) return undefined;
  const totals: Money[] = [];
  for (const [key, entry] of Object.entries(currencies)) {
    const money = centsToMoney(entry.value, entry.currency ?? key);
    if (!money) return undefined;
    totals.push(money);
  }
  return totals.sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * The stage's totals when AC gave none: exact only when this page is the whole stage and every
 * deal on it has a readable amount (a locked deal hides its value, so then there is no total).
 */
export function exactTotals(
  raw: readonly AcDeal[],
  deals: readonly Deal[],
  offset: number,
  next: number | undefined,
  total: number | undefined,
): Money[] | undefined {
  if (total === 0) return [];
  const wholeStage = offset === 0 && next === undefined && (total === undefined || total === deals.length);
  if (!wholeStage || raw.some(isLocked) || deals.some((d) => !d.amount)) return undefined;
  return totalsByCurrency(deals.map((d) => d.amount));
}
