import type { Outcome, Pipeline } from '../../../model';

interface StagePlan {
  id: string;
  name: string;
  outcome: Exclude<Outcome, 'unknown'>;
  probability: number;
  color: string;
  /** How many deals generation puts here: "Lead In" holds over 100 so paging shows; "Contracting" none. */
  dealCount: number;
}

interface PipelinePlan {
  id: string;
  name: string;
  stages: StagePlan[];
}

export const NEW_BUSINESS = 'pipeline-new-business';
export const RENEWALS = 'pipeline-renewals';
export const PARTNERSHIPS = 'pipeline-partnerships';
export type SamplePipelineId = typeof NEW_BUSINESS | typeof RENEWALS | typeof PARTNERSHIPS;

const OPEN = '#3794ff';
const WON = '#388a34';
const LOST = '#c72e0f';

export const PIPELINE_PLANS: readonly PipelinePlan[] = [
  {
    id: NEW_BUSINESS,
    name: 'New Business',
    stages: [
      { id: 'stage-nb-lead-in', name: 'Lead In', outcome: 'open', probability: 10, color: OPEN, dealCount: 128 },
      { id: 'stage-nb-qualified', name: 'Qualified', outcome: 'open', probability: 25, color: OPEN, dealCount: 36 },
      { id: 'stage-nb-demo', name: 'Demo Scheduled', outcome: 'open', probability: 40, color: OPEN, dealCount: 22 },
      { id: 'stage-nb-proposal', name: 'Proposal Sent', outcome: 'open', probability: 60, color: OPEN, dealCount: 18 },
      { id: 'stage-nb-negotiation', name: 'Negotiation', outcome: 'open', probability: 80, color: OPEN, dealCount: 12 },
      { id: 'stage-nb-won', name: 'Closed Won', outcome: 'won', probability: 100, color: WON, dealCount: 16 },
      { id: 'stage-nb-lost', name: 'Closed Lost', outcome: 'lost', probability: 0, color: LOST, dealCount: 10 },
    ],
  },
  {
    id: RENEWALS,
    name: 'Renewals',
    stages: [
      { id: 'stage-rn-upcoming', name: 'Upcoming', outcome: 'open', probability: 70, color: OPEN, dealCount: 30 },
      { id: 'stage-rn-discussion', name: 'In Discussion', outcome: 'open', probability: 80, color: OPEN, dealCount: 24 },
      { id: 'stage-rn-committed', name: 'Committed', outcome: 'open', probability: 95, color: OPEN, dealCount: 14 },
      { id: 'stage-rn-renewed', name: 'Renewed', outcome: 'won', probability: 100, color: WON, dealCount: 22 },
      { id: 'stage-rn-churned', name: 'Churned', outcome: 'lost', probability: 0, color: LOST, dealCount: 8 },
    ],
  },
  {
    id: PARTNERSHIPS,
    name: 'Partnerships',
    stages: [
      { id: 'stage-pt-identified', name: 'Identified', outcome: 'open', probability: 10, color: OPEN, dealCount: 22 },
      { id: 'stage-pt-intro', name: 'Intro Call', outcome: 'open', probability: 20, color: OPEN, dealCount: 14 },
      { id: 'stage-pt-evaluation', name: 'Evaluation', outcome: 'open', probability: 40, color: OPEN, dealCount: 11 },
      { id: 'stage-pt-contracting', name: 'Contracting', outcome: 'open', probability: 70, color: OPEN, dealCount: 0 },
      { id: 'stage-pt-signed', name: 'Partner Signed', outcome: 'won', probability: 100, color: WON, dealCount: 8 },
      { id: 'stage-pt-declined', name: 'Declined', outcome: 'lost', probability: 0, color: LOST, dealCount: 5 },
    ],
  },
];

export function buildPipelines(): Pipeline[] {
  return PIPELINE_PLANS.map((plan, pipelineOrder) => ({
    id: plan.id,
    name: plan.name,
    order: pipelineOrder,
    stages: plan.stages.map(({ dealCount: _count, ...stage }, order) => ({ ...stage, pipelineId: plan.id, order })),
  }));
}
