import type { FieldDef, FieldValue } from '../../model';
import { toDecimal } from './decimal';
import { READ_ONLY_REASON } from './errors';
import type { HsCompetitor, HsDeal, HsDriver } from './schemas';

/** Win-loss scores: the three on every record, then those the filters name, when a record has them. */
const SCORE_LABELS: [string, string][] = [
  ['wl_product_fit_score', 'Product fit score'],
  ['wl_sales_execution_score', 'Sales execution score'],
  ['wl_relationship_score', 'Relationship score'],
  ['wl_price_sensitivity_score', 'Price sensitivity score'],
  ['wl_competitive_intensity_score', 'Competitive intensity score'],
  ['wl_customer_fit_score', 'Customer fit score'],
  ['wl_messaging_fit_score', 'Messaging fit score'],
  ['wl_messaging_accuracy_score', 'Messaging accuracy score'],
];
const ALWAYS_SHOWN_SCORES = 3;
const SCORE_KEY = /^wl_[a-z0-9_]+_score$/;
const SCORE_DESCRIPTION = "Hindsight's win-loss analysis score (1–5); empty until the deal is analysed.";

export const FIELD = {
  type: 'type',
  region: 'region',
  positiveDrivers: 'drivers.positive',
  negativeDrivers: 'drivers.negative',
  primaryCompetitor: 'competitors.primary',
  incumbent: 'competitors.incumbent',
  otherCompetitors: 'competitors.other',
  analyzed: 'deal_analyzed',
  verified: 'analysis_verified',
  salesforceId: 'salesforce_id',
  hubspotId: 'hubspot_id',
  previousStage: 'previous_status_id',
} as const;

function readOnly(key: string, label: string, kind: FieldDef['kind'], description?: string): FieldDef {
  return { key, label, kind, writable: false, reason: READ_ONLY_REASON, ...(description ? { description } : {}) };
}

function scoreLabel(key: string): string {
  const known = SCORE_LABELS.find(([k]) => k === key);
  if (known) return known[1];
  const words = key.replace(/^wl_/, '').replace(/_score$/, '').replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} score`;
}

/** Score keys of this record: the documented three always, any other `wl_…_score` it carries. */
function scoreKeys(deal: HsDeal): string[] {
  const keys = SCORE_LABELS.slice(0, ALWAYS_SHOWN_SCORES).map(([k]) => k);
  const known = SCORE_LABELS.map(([k]) => k);
  const present = Object.keys(deal).filter((k) => SCORE_KEY.test(k) && !keys.includes(k));
  present.sort((a, b) => (known.indexOf(a) + 1 || 99) - (known.indexOf(b) + 1 || 99) || a.localeCompare(b));
  return [...keys, ...present];
}

/** The read-only fields the panel shows for a deal, in a fixed order. */
export function fieldDefs(deal: HsDeal): FieldDef[] {
  return [
    readOnly(FIELD.type, 'Deal type', 'text'),
    readOnly(FIELD.region, 'Region', 'text'),
    ...scoreKeys(deal).map((key) => readOnly(key, scoreLabel(key), 'number', SCORE_DESCRIPTION)),
    readOnly(FIELD.positiveDrivers, 'Positive drivers', 'textarea', 'Why the deal went well, as Hindsight summarised it.'),
    readOnly(FIELD.negativeDrivers, 'Negative drivers', 'textarea', 'Why the deal went badly, as Hindsight summarised it.'),
    readOnly(FIELD.primaryCompetitor, 'Primary competitor', 'text', 'Competitor ids: Hindsight lists no competitor names.'),
    readOnly(FIELD.incumbent, 'Incumbent', 'text', 'Competitor ids: Hindsight lists no competitor names.'),
    readOnly(FIELD.otherCompetitors, 'Other competitors', 'text', 'Competitor ids: Hindsight lists no competitor names.'),
    readOnly(FIELD.analyzed, 'Analysed', 'boolean'),
    readOnly(FIELD.verified, 'Analysis verified', 'boolean'),
    readOnly(FIELD.salesforceId, 'Salesforce opportunity ID', 'text'),
    readOnly(FIELD.hubspotId, 'HubSpot deal ID', 'text'),
    readOnly(FIELD.previousStage, 'Previous stage', 'text'),
  ];
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** One line per driver: "• summary (reason id)". */
function driverText(drivers: readonly HsDriver[], positive: boolean): string | undefined {
  const lines = drivers
    .filter((d) => d.positive === positive)
    .map((d) => {
      const summary = nonEmpty(d.summary);
      const reason = d.reason_id;
      if (summary && reason) return `• ${summary} (${reason})`;
      return summary || reason ? `• ${summary ?? reason}` : undefined;
    })
    .filter((line): line is string => line !== undefined);
  return lines.length ? lines.join('\n') : undefined;
}

function competitorText(competitors: readonly HsCompetitor[]): string | undefined {
  const names = competitors
    .map((c) => {
      const id = c.competitor_id;
      const summary = nonEmpty(c.positioning_summary);
      return id && summary ? `${id} (${summary})` : (id ?? summary);
    })
    .filter((text): text is string => text !== undefined);
  return names.length ? names.join('; ') : undefined;
}

/** The record's values for `fieldDefs`, by key; empty ones are left out. */
export function customValues(deal: HsDeal): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  const text = (key: string, value: string | undefined, kind: 'text' | 'textarea' = 'text'): void => {
    if (value) values[key] = { kind, value };
  };
  text(FIELD.type, nonEmpty(deal.type));
  text(FIELD.region, nonEmpty(deal.region));
  for (const key of scoreKeys(deal)) {
    const raw = (deal as Record<string, unknown>)[key];
    const decimal = typeof raw === 'number' || typeof raw === 'string' ? toDecimal(raw) : undefined;
    if (decimal) values[key] = { kind: 'number', value: decimal.text };
  }
  const drivers = deal.drivers ?? [];
  text(FIELD.positiveDrivers, driverText(drivers, true), 'textarea');
  text(FIELD.negativeDrivers, driverText(drivers, false), 'textarea');
  const competitors = deal.deal_competitor_associations ?? [];
  text(FIELD.primaryCompetitor, competitorText(competitors.filter((c) => c.is_primary)));
  text(FIELD.incumbent, competitorText(competitors.filter((c) => c.is_incumbent)));
  text(FIELD.otherCompetitors, competitorText(competitors.filter((c) => !c.is_primary && !c.is_incumbent)));
  if (typeof deal.deal_analyzed === 'boolean') values[FIELD.analyzed] = { kind: 'boolean', value: deal.deal_analyzed };
  if (typeof deal.analysis_verified === 'boolean') values[FIELD.verified] = { kind: 'boolean', value: deal.analysis_verified };
  text(FIELD.salesforceId, deal.salesforce_id);
  text(FIELD.hubspotId, deal.hubspot_id);
  text(FIELD.previousStage, deal.previous_status_id);
  return values;
}
