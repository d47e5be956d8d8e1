export { API_PREFIX, DEFAULT_FAKE_KEY, type HindsightFake, startHindsightFake } from './server';
export { DEAL_COLUMNS, DOCUMENTED_QUERY } from './routes-deals';
export { LARGE_AMOUNT, LARGE_AMOUNT_DEAL_INDEX, NO_AMOUNT_DEAL_INDEX, OWNERS, SEED_NOW_MS, seedState, STAGES } from './seed';
export type * from './types';
