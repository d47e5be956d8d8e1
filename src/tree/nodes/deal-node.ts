import type { AccountSession } from '../../accounts/account-session';
import { formatMoney, type Deal } from '../../model';
import { formatAmount, formatDay, formatInstant } from '../../util/format';
import { escapeMarkdown } from '../markdown';
import type { NodeContext, NodeIcon, NodeView } from './tree-node';
import { TreeNode } from './tree-node';

const OUTCOME_ICONS: Record<Deal['outcome'], NodeIcon> = {
  open: { codicon: 'circle-large-outline' },
  won: { codicon: 'pass-filled', color: 'charts.green' },
  lost: { codicon: 'circle-slash', color: 'charts.red' },
  unknown: { codicon: 'circle-large-outline' },
};

export class DealNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly session: AccountSession,
    public deal: Deal,
    private readonly context: NodeContext,
    /** Put into view by search though not on the stage's loaded pages (see FoundDeals). */
    readonly found = false,
  ) {
    super(`${parent.id}/${deal.id}`, parent);
  }

  get accountId(): string {
    return this.session.account.id;
  }

  view(): NodeView {
    const { deal } = this;
    const locale = this.context.locale;
    const parts = [
      deal.amount ? formatAmount(deal.amount, deal.amountPeriod, locale) : undefined,
      deal.expectedClose ? formatDay(deal.expectedClose, locale) : undefined,
    ].filter(Boolean);
    if (this.found) parts.push('found by search');
    const web = this.webUrl() ? ' web' : '';
    // "movable" offers "Move to Stage…" only where the CRM can change a deal's stage.
    const movable = !deal.locked && this.session.descriptor?.capabilities.moveStage ? ' movable' : '';
    return {
      label: deal.name || '(no name)',
      description: deal.locked ? 'no access' : parts.join(' · '),
      icon: deal.locked ? { codicon: 'lock' } : OUTCOME_ICONS[deal.outcome],
      collapsible: 'none',
      contextValue: `deal${web}${movable}${deal.locked ? ' locked' : ''}${this.found ? ' found' : ''}`,
      command: deal.locked
        ? undefined
        : { id: 'crmPipelines.openDeal', title: 'Open Deal', args: [{ accountId: this.accountId, dealId: deal.id }] },
    };
  }

  webUrl(): string | undefined {
    try {
      return this.session.descriptor ? this.lastProvider?.webUrl({ kind: 'deal', dealId: this.deal.id }) : undefined;
    } catch {
      return undefined;
    }
  }

  override async tooltip(): Promise<string> {
    const { deal } = this;
    const locale = this.context.locale;
    const rows: [string, string | undefined][] = [
      ['Amount', deal.amount ? formatAmount(deal.amount, deal.amountPeriod, locale) : undefined],
      ['Weighted', deal.amount && deal.probability !== undefined ? weighted(deal, locale) : undefined],
      ['Outcome', deal.outcome === 'unknown' ? undefined : deal.outcome],
      ['Expected close', deal.expectedClose ? formatDay(deal.expectedClose, locale) : undefined],
      ['Probability', deal.probability !== undefined ? `${deal.probability}%` : undefined],
      ['Owner', deal.owner?.name],
      ['Company', deal.company?.name],
      ['Contact', deal.contact?.name],
      ['Updated', deal.updatedAt ? formatInstant(deal.updatedAt, locale) : undefined],
    ];
    const lines = rows.filter(([, v]) => v).map(([k, v]) => `${k}: **${escapeMarkdown(v ?? '')}**`);
    const head = `### ${escapeMarkdown(deal.name || '(no name)')}`;
    const locked = deal.locked ? [`_${escapeMarkdown(deal.locked)}_`] : [];
    const found = this.found ? ['_Found by search: further down this stage than the pages loaded so far._'] : [];
    return [head, ...locked, ...found, ...lines].join('\n\n');
  }

  /** The client, once created; a tooltip or a context value never creates one. */
  private get lastProvider() {
    return this.session.currentProvider;
  }
}

function weighted(deal: Deal, locale?: string): string | undefined {
  if (!deal.amount || deal.probability === undefined) return undefined;
  // Exact: minor units × percent / 100, rounded half up at the currency's minor unit.
  const scaled = BigInt(deal.amount.minor) * BigInt(Math.round(deal.probability * 100));
  const minor = (scaled + (scaled >= 0n ? 5000n : -5000n)) / 10000n;
  return formatMoney({ ...deal.amount, minor: minor.toString() }, locale);
}
