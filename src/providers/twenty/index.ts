export { createTwentyProvider, twentyDescriptor } from './descriptor';
export { clientLimits, RATE_HEADROOM, RATE_WINDOW_MS, TwentyProvider, type TwentyProviderOptions } from './provider';
export { CLOUD_URL, resolveServerUrl } from './api-url';
export { reclassify, twentyErrorDetail, twentyRateLimitHint } from './errors';
export { INFERRED_NOTE, PIPELINE_ID } from './map';
export { PAGE_SIZE } from './client';
