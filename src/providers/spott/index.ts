export { createSpottProvider, spottDescriptor } from './descriptor';
export {
  DEALS_PAGE_SIZE, SNAPSHOT_MAX_AGE_MS, SpottProvider, type SpottProviderOptions, TASKS_MAX_AGE_MS,
} from './provider';
export { resolveBaseUrl, SPOTT_API_URL } from './base-url';
export { PAGE_SIZE } from './client';
export { ATTRIBUTES_READ_ONLY, spottErrorDetail, TASKS_READ_ONLY } from './errors';
export { PIPELINE_ID, PIPELINE_NAME } from './map';
