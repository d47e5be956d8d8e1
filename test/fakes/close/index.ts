export { API_BASE, type CloseFake, type CloseFakeOptions, type RecordedRequest, startCloseFake } from './server';
export type { CloseFault, FaultMatch } from './faults';
export { MAX_LIMIT } from './routes';
export { DEFAULT_DEALS, DEFAULT_SEED } from './seed';
export type { CloseFakeState, FakeCustomField, FakePipeline, FakeStatus, FakeUser, Json } from './state';
