import { acDateTime, acUtcTimestamp } from './dates';
import type { RouteContext } from './routes-deals';
import { renderDatum } from './render';
import { first, isObject } from '../kit/request-values';
import { forbidden, notFoundErrors, notFoundMessage, ok, type Reply, unprocessable } from './replies';
import type { AcFieldDatumRecord, AcFieldMetaRecord } from './types';

const couldNotSave = (value: unknown, type: string): Reply =>
  unprocessable([{ title: '', detail: `The custom field value \`${Array.isArray(value) ? value.join(',') : String(value)}\` could not be saved to the custom field of type \`${type}\`.` }]);

/** What AC stores for a written value of this field's type, or undefined when it refuses it. */
function storedValue(meta: AcFieldMetaRecord, value: unknown): string | undefined {
  const options = meta.fieldOptions ?? [];
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : undefined;
  switch (meta.fieldType) {
    case 'date': {
      const day = text?.trim().match(/^(\d{4}-\d{2}-\d{2})(?: 00:00:00)?$/)?.[1];
      return day && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? day : undefined;
    }
    case 'datetime': {
      if (!text) return undefined;
      const ms = Date.parse(text.trim().replace(' ', 'T'));
      return Number.isNaN(ms) ? undefined : acDateTime(ms);
    }
    case 'number':
      return text !== undefined && /^-?\d+(\.\d+)?$/.test(text.trim()) ? text.trim() : undefined;
    case 'currency':
      return text !== undefined && /^-?\d+$/.test(text.trim()) ? String(BigInt(text.trim())) : undefined;
    case 'dropdown':
    case 'radio':
      return text !== undefined && options.includes(text) ? text : undefined;
    case 'multiselect':
    case 'checkbox': {
      const values = Array.isArray(value) ? value.map(String) : text !== undefined ? text.split('||').filter(Boolean) : undefined;
      if (!values || values.some((v) => !options.includes(v))) return undefined;
      return values.length ? `||${values.join('||')}||` : '';
    }
    default:
      return text;
  }
}

/**
 * Sets one custom value of a deal: updates its value record or creates one. Shared by
 * `PUT /deals/{id}` `fields[]`; answers 200 with the record, or the 422 AC sends.
 */
export function writeDatum(ctx: RouteContext, dealId: string, fieldId: string, input: Record<string, unknown>): Reply {
  const meta = ctx.state.dealCustomFieldMeta.find((m) => m.id === fieldId);
  if (!meta) return unprocessable([{ field: 'customFieldId', title: 'The custom field does not exist.' }]);
  const existing = ctx.state.dealCustomFieldData.find((d) => String(d.dealId) === dealId && String(d.customFieldId) === fieldId);
  return existing ? applyValue(ctx, existing, meta, input) : createValue(ctx, dealId, meta, input);
}

function applyValue(ctx: RouteContext, datum: AcFieldDatumRecord, meta: AcFieldMetaRecord, input: Record<string, unknown>): Reply {
  const original = datum.fieldValue;
  if ('fieldValue' in input) {
    const stored = storedValue(meta, input['fieldValue']);
    if (stored === undefined) return couldNotSave(input['fieldValue'], meta.fieldType);
    datum.fieldValue = stored;
  }
  if (meta.fieldType === 'currency' && typeof input['fieldCurrency'] === 'string') datum.fieldCurrency = input['fieldCurrency'].toLowerCase();
  datum.updatedTimestamp = acUtcTimestamp(ctx.nowMs());
  return ok({ dealCustomFieldDatum: { ...renderDatum(datum), fieldValue: input['fieldValue'] ?? datum.fieldValue, originalValue: original } });
}

function createValue(ctx: RouteContext, dealId: string, meta: AcFieldMetaRecord, input: Record<string, unknown>): Reply {
  const stored = storedValue(meta, input['fieldValue']);
  if (stored === undefined) return couldNotSave(input['fieldValue'], meta.fieldType);
  const stamp = acUtcTimestamp(ctx.nowMs());
  const datum: AcFieldDatumRecord = {
    id: String(ctx.state.nextIds.datum++),
    dealCustomFieldMetumId: Number(meta.id),
    dealId: Number(dealId),
    customFieldId: Number(meta.id),
    createdTimestamp: stamp,
    updatedTimestamp: stamp,
    fieldValue: stored,
  };
  if (meta.fieldType === 'currency') {
    const currency = typeof input['fieldCurrency'] === 'string' ? input['fieldCurrency'] : (meta.fieldDefaultCurrency ?? 'usd');
    datum.fieldCurrency = currency.toLowerCase();
  }
  ctx.state.dealCustomFieldData.push(datum);
  return ok({ dealCustomFieldDatum: { ...renderDatum(datum), fieldValue: input['fieldValue'] } });
}

export function routeFieldMeta(ctx: RouteContext): Reply | undefined {
  const [, id] = ctx.segments;
  if (ctx.method !== 'GET') return undefined;
  const render = (m: AcFieldMetaRecord) => ({
    ...m,
    links: { dealCustomFieldData: `/api/3/dealCustomFieldMeta/${m.id}/dealCustomFieldData` },
  });
  if (id !== undefined) {
    const meta = ctx.state.dealCustomFieldMeta.find((m) => m.id === id);
    return meta ? ok({ dealCustomFieldMetum: render(meta) }) : notFoundMessage('DealCustomFieldMetum', id);
  }
  // No `meta` in this answer, and its own `limit` (default 100), as AC does.
  const limit = Math.min(100, Number(first(ctx.query['limit']) ?? 100) || 100);
  return ok({ dealCustomFieldMeta: ctx.state.dealCustomFieldMeta.slice(0, limit).map(render) });
}

export function routeFieldData(ctx: RouteContext): Reply | undefined {
  const [, id] = ctx.segments;
  const data = ctx.state.dealCustomFieldData;
  if (id === undefined) {
    if (ctx.method === 'GET') {
      const dealId = first(ctx.query['filters[dealId]']);
      const matching = data.filter((d) => dealId === undefined || String(d.dealId) === dealId);
      const limit = Math.min(100, Number(first(ctx.query['limit']) ?? 20) || 20);
      const offset = Number(first(ctx.query['offset']) ?? 0) || 0;
      // This list's `meta.total` is a number (AC-VCR), unlike most.
      return ok({ dealCustomFieldData: matching.slice(offset, offset + limit).map(renderDatum), meta: { total: matching.length } });
    }
    if (ctx.method === 'POST') return createFromBody(ctx);
    return undefined;
  }
  const datum = data.find((d) => d.id === id);
  if (!datum) return ctx.method === 'GET' || ctx.method === 'PUT' || ctx.method === 'DELETE' ? notFoundMessage('DealCustomFieldDatum', id) : undefined;
  if (ctx.method === 'GET') return ok({ dealCustomFieldDatum: renderDatum(datum) });
  if (ctx.method === 'DELETE') {
    data.splice(data.indexOf(datum), 1);
    return ok({ message: 'DealCustomFieldData deleted.' });
  }
  if (ctx.method !== 'PUT') return undefined;
  const input = isObject(ctx.body) ? ctx.body['dealCustomFieldDatum'] : undefined;
  // A wrong or missing wrapper key is ignored: 200 and nothing changes (AC-VCR).
  if (!isObject(input)) return ok({ dealCustomFieldDatum: renderDatum(datum) });
  if (lockedDeal(ctx, String(datum.dealId))) return forbidden();
  const meta = ctx.state.dealCustomFieldMeta.find((m) => m.id === String(datum.customFieldId));
  return meta ? applyValue(ctx, datum, meta, input) : notFoundErrors();
}

function lockedDeal(ctx: RouteContext, dealId: string): boolean {
  return ctx.state.deals.find((d) => d.id === dealId)?.isDisabled === true;
}

function createFromBody(ctx: RouteContext): Reply {
  const input = isObject(ctx.body) ? ctx.body['dealCustomFieldDatum'] : undefined;
  const given = isObject(input) ? input : {};
  const missing = ['dealId', 'customFieldId', 'fieldValue'].filter((k) => given[k] === undefined);
  if (missing.length) {
    return {
      status: 422,
      body: { errors: missing.map((k) => ({ status: '422', title: 'The given data was invalid.', detail: `The ${k} field is required.` })) },
    };
  }
  const dealId = String(given['dealId']);
  const deal = ctx.state.deals.find((d) => d.id === dealId);
  if (!deal) return unprocessable([{ field: 'dealId', title: 'The deal does not exist.' }]);
  if (deal.isDisabled) return forbidden();
  const fieldId = String(given['customFieldId']);
  if (ctx.state.dealCustomFieldData.some((d) => String(d.dealId) === dealId && String(d.customFieldId) === fieldId)) {
    return unprocessable([{ field: 'customFieldId', title: 'This deal already has a value for this field.' }]);
  }
  return writeDatum(ctx, dealId, fieldId, given);
}
