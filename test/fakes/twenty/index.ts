export { DEFAULT_FAKE_KEY, startTwentyFake, type TwentyFake } from './server';
export { HUGE_MICROS, OPPORTUNITY_OBJECT_ID, SEED_NOW_MS, opportunityId, seedState, taskId } from './seed';
export { capture, captured, CAPTURES_DIR, type Capture } from './captures';
export type * from './types';
export { CAPTURED, NEWEST, resolveFlavor } from './types';
