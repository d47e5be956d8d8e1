export { type ActiveCampaignFake, DEFAULT_FAKE_KEY, startActiveCampaignFake } from './server';
export { LOCKED_DEAL_TITLE, SEED_NOW_MS, seedState } from './seed';
export type * from './types';
