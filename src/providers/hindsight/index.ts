export { createHindsightProvider, hindsightDescriptor } from './descriptor';
export { HindsightProvider, type HindsightProviderOptions } from './provider';
export { API_PATH, DEFAULT_API_BASE, resolveApiBase } from './api-url';
export { hindsightErrorDetail, READ_ONLY_REASON } from './errors';
export { PAGE_SIZE, STATUS_COLUMNS } from './client';
export { AMOUNT_NOTE_KEY, NO_CURRENCY } from './map';
export { windowBudget } from './rate';
export { outcomeFromName, PIPELINE_ID, PIPELINE_NAME } from './stages';
