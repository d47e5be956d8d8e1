export { DEFAULT_FAKE_KEY, type SpottFake, startSpottFake } from './server';
export { EMPTY_STAGE_ID, FIXTURE_IDS, SEED_NOW_MS, seedState } from './seed';
export { encodeCursor, MAX_LIMIT } from './paging';
export type * from './types';
