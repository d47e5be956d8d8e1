import { acDateTime } from './dates';
import { writeDatum } from './routes-fields';
import { renderDeal, renderGroup, renderStage, renderUser } from './render';
import { first, isObject } from '../kit/request-values';
import { forbidden, notFoundErrors, notFoundMessage, ok, pageOf, type Problem, type Reply, unprocessable } from './replies';
import type { AcDealRecord, FakeState } from './types';

export interface RouteContext {
  state: FakeState;
  method: string;
  /** Path segments after `/api/3`: `['deals', '12']`. */
  segments: string[];
  query: Record<string, string | string[]>;
  body: unknown;
  nowMs: () => number;
}

/** `meta.total` as AC sends it for most lists: a string. */
const total = (n: number): string => String(n);

export function routeUsers(ctx: RouteContext): Reply | undefined {
  const [, id] = ctx.segments;
  if (ctx.method !== 'GET') return undefined;
  if (id === 'me') return ok({ user: renderUser(ctx.state.users[0]!) });
  if (id === undefined) return ok({ users: pageOf(ctx.state.users, ctx.query).map(renderUser), meta: { total: total(ctx.state.users.length) } });
  const user = ctx.state.users.find((u) => u.id === id);
  return user ? ok({ user: renderUser(user) }) : notFoundMessage('User', id);
}

/** Pipelines, with their stages side-loaded beside them. */
export function routeDealGroups(ctx: RouteContext): Reply | undefined {
  const [, id] = ctx.segments;
  if (ctx.method !== 'GET') return undefined;
  const stagesOf = (ids: string[]) => ctx.state.dealStages.filter((s) => ids.includes(s.group)).map(renderStage);
  if (id === undefined) {
    const title = first(ctx.query['filters[title]'])?.toLowerCase();
    const groups = ctx.state.dealGroups.filter((g) => !title || g.title.toLowerCase().includes(title));
    const page = pageOf(groups, ctx.query);
    return ok({ dealGroups: page.map(renderGroup), dealStages: stagesOf(page.map((g) => g.id)), meta: { total: total(groups.length) } });
  }
  const group = ctx.state.dealGroups.find((g) => g.id === id);
  return group ? ok({ dealGroup: renderGroup(group), dealStages: stagesOf([group.id]) }) : notFoundMessage('DealGroup', id);
}

export function routeDealStages(ctx: RouteContext): Reply | undefined {
  const [, id] = ctx.segments;
  if (ctx.method !== 'GET') return undefined;
  if (id !== undefined) {
    const stage = ctx.state.dealStages.find((s) => s.id === id);
    return stage ? ok({ dealStage: renderStage(stage) }) : notFoundMessage('DealStage', id);
  }
  const group = first(ctx.query['filters[d_groupid]']);
  const stages = ctx.state.dealStages.filter((s) => group === undefined || s.group === group);
  return ok({ dealStages: pageOf(stages, ctx.query).map(renderStage), meta: { total: total(stages.length) } });
}

export function routeContactsAndAccounts(ctx: RouteContext): Reply | undefined {
  const [kind, id] = ctx.segments;
  if (ctx.method !== 'GET' || id === undefined) return undefined;
  if (kind === 'contacts') {
    const contact = ctx.state.contacts.find((c) => c.id === id);
    return contact ? ok({ contact: { ...contact, links: {} } }) : notFoundMessage('Contact', id);
  }
  const account = ctx.state.accounts.find((a) => a.id === id);
  return account ? ok({ account: { ...account, links: [] } }) : notFoundMessage('Account', id);
}

/**
 * `filters[search]` with `filters[search_field]`: `all` (the default) looks in the title, the
 * primary contact's name and the organisation's name, any case; `title`, `contact`, `org` in one.
 */
function matchesSearch(state: FakeState, deal: AcDealRecord, query: Record<string, string | string[]>): boolean {
  const text = first(query['filters[search]'])?.toLowerCase();
  if (!text) return true;
  const field = first(query['filters[search_field]']) ?? 'all';
  const contact = state.contacts.find((c) => c.id === deal.contact);
  const org = state.accounts.find((a) => a.id === (deal.account ?? deal.organization));
  const places: Record<string, (string | undefined)[]> = {
    title: [deal.title],
    contact: deal.isDisabled ? [] : [contact ? `${contact.firstName} ${contact.lastName}` : undefined],
    org: deal.isDisabled ? [] : [org?.name],
  };
  const where = field === 'all' ? [...places['title']!, ...places['contact']!, ...places['org']!] : (places[field] ?? []);
  return where.some((t) => t?.toLowerCase().includes(text));
}

function matchesFilters(deal: AcDealRecord, query: Record<string, string | string[]>): boolean {
  const want = (name: string): string | undefined => first(query[`filters[${name}]`]);
  const title = want('title')?.toLowerCase();
  return (
    (want('group') === undefined || deal.group === want('group')) &&
    (want('stage') === undefined || deal.stage === want('stage')) &&
    (want('owner') === undefined || deal.owner === want('owner')) &&
    (want('status') === undefined || (!deal.isDisabled && deal.status === want('status'))) &&
    (!title || deal.title.toLowerCase().includes(title))
  );
}

/** `meta.currencies`: per upper-case currency, the count and the cents summed over every matching deal; `[]` when none. */
function currencies(deals: readonly AcDealRecord[]): Record<string, { currency: string; total: string; value: string }> | [] {
  const sums = new Map<string, { count: number; cents: bigint }>();
  for (const deal of deals) {
    if (deal.isDisabled) continue;
    const code = deal.currency.toUpperCase();
    const entry = sums.get(code) ?? { count: 0, cents: 0n };
    entry.count++;
    entry.cents += BigInt(deal.value);
    sums.set(code, entry);
  }
  if (!sums.size) return [];
  return Object.fromEntries(
    [...sums].map(([code, s]) => [code, { currency: code, total: String(s.count), value: s.cents.toString() }]),
  );
}

export function routeDeals(ctx: RouteContext): Reply | undefined {
  const [, id, sub] = ctx.segments;
  if (sub !== undefined) return undefined;
  if (id === undefined) {
    if (ctx.method !== 'GET') return undefined;
    const matching = ctx.state.deals.filter((d) => matchesFilters(d, ctx.query) && matchesSearch(ctx.state, d, ctx.query));
    return ok({
      deals: pageOf(matching, ctx.query).map((d) => renderDeal(ctx.state, d)),
      meta: { currencies: currencies(matching), total: total(matching.length) },
    });
  }
  const deal = ctx.state.deals.find((d) => d.id === id);
  if (ctx.method === 'GET') return deal ? ok({ deal: renderDeal(ctx.state, deal) }) : notFoundMessage('Deal', id);
  if (ctx.method === 'PUT') return deal ? updateDeal(ctx, deal) : notFoundMessage('Deal', id);
  if (ctx.method === 'DELETE') {
    if (!deal) return notFoundErrors();
    ctx.state.deals.splice(ctx.state.deals.indexOf(deal), 1);
    return ok({});
  }
  return undefined;
}

/** A later `mdate` than the deal had, even within the same second. */
export function touch(deal: AcDealRecord, nowMs: number): void {
  deal.mdate = acDateTime(Math.max(nowMs, Date.parse(deal.mdate) + 1000));
}

const DEAL_KEYS = ['title', 'description', 'value', 'currency', 'group', 'stage', 'owner', 'percent', 'status', 'contact', 'account'];

function wholeNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/**
 * `PUT /deals/{id}` with `{"deal": {...}}`. A body without the `deal` wrapper is ignored and the
 * deal comes back unchanged with 200, as AC does. Float values are truncated to whole cents.
 */
function updateDeal(ctx: RouteContext, deal: AcDealRecord): Reply {
  const input = isObject(ctx.body) ? ctx.body['deal'] : undefined;
  if (!isObject(input)) return ok({ deal: renderDeal(ctx.state, deal) });
  if (deal.isDisabled) return forbidden('You do not have permission to edit deals in this pipeline');
  const next: AcDealRecord = { ...deal };
  const problems: Problem[] = [];
  if ('title' in input) {
    if (typeof input['title'] === 'string' && input['title'].trim()) next.title = input['title'];
    else problems.push({ field: 'title', title: 'The deal title was not provided.', code: 'field_missing' });
  }
  if ('description' in input) next.description = input['description'] == null ? '' : String(input['description']);
  if ('value' in input) {
    const value = wholeNumber(input['value']);
    if (value === undefined) problems.push({ field: 'value', title: 'Deal value must be a number of cents.' });
    else if (value < 0) problems.push({ field: 'value', title: 'Deal value must be greater than or equal to zero.' });
    else next.value = String(Math.trunc(value));
  }
  if ('currency' in input) {
    const currency = input['currency'];
    if (typeof currency === 'string' && /^[a-z]{3}$/i.test(currency)) next.currency = currency.toLowerCase();
    else problems.push({ field: 'currency', title: 'Deal currency must be a 3-letter ISO code.' });
  }
  if ('group' in input) next.group = String(input['group']);
  if ('stage' in input) next.stage = String(input['stage']);
  if (!ctx.state.dealGroups.some((g) => g.id === next.group)) problems.push({ field: 'group', title: 'Pipeline not found.' });
  else {
    const stage = ctx.state.dealStages.find((s) => s.id === next.stage);
    if (!stage) problems.push({ field: 'stage', title: 'Stage not found.' });
    else if (stage.group !== next.group) problems.push({ field: 'stage', title: 'Target stage does not belong to same pipeline' });
  }
  if ('owner' in input) {
    const owner = String(input['owner']);
    if (ctx.state.users.some((u) => u.id === owner)) next.owner = owner;
    else problems.push({ field: 'owner', title: 'Deal owner not found.' });
  }
  if ('status' in input) {
    const status = wholeNumber(input['status']);
    if (status === 0 || status === 1 || status === 2) next.status = String(status);
    else problems.push({ field: 'status', title: 'Deal status must be 0 (open), 1 (won) or 2 (lost).' });
  }
  if ('percent' in input) {
    const percent = wholeNumber(input['percent']);
    if (percent !== undefined && Number.isInteger(percent) && percent >= 0 && percent <= 100) next.percent = String(percent);
    else problems.push({ field: 'percent', title: 'Deal percentage must be a whole number from 0 to 100.' });
  }
  if ('contact' in input) next.contact = String(input['contact']);
  if ('account' in input) next.account = next.customerAccount = input['account'] == null ? null : String(input['account']);
  const fields = Array.isArray(input['fields']) ? input['fields'] : [];
  if (problems.length) return unprocessable(problems);
  // Inline custom values (`fields[]`): each updates the deal's value record or creates one.
  for (const item of fields) {
    if (!isObject(item)) continue;
    const written = writeDatum(ctx, next.id, String(item['customFieldId']), item);
    if (written.status !== 200) return written;
  }
  if (next.status !== deal.status) next.edate = next.status === '0' ? null : acDateTime(ctx.nowMs()).slice(0, 19).replace('T', ' ');
  touch(next, ctx.nowMs());
  Object.assign(deal, next);
  // POST/PUT answers echo the request's own types (`"value": 45600`, `"status": 1`), as AC does.
  const echo = Object.fromEntries(Object.entries(input).filter(([key]) => DEAL_KEYS.includes(key)));
  const stage = ctx.state.dealStages.find((s) => s.id === deal.stage);
  const contact = ctx.state.contacts.find((c) => c.id === deal.contact);
  return ok({
    contacts: contact ? [{ ...contact, links: {} }] : [],
    deal: { ...renderDeal(ctx.state, deal), ...echo, ...(fields.length ? { fields: fields.map((f) => ({ ...f, dealId: Number(deal.id) })) } : {}) },
    dealStages: stage ? [renderStage(stage)] : [],
  });
}
