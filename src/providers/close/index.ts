export { closeDescriptor, createCloseProvider, CLOSE_RATE_LIMIT } from './descriptor';
export { CloseProvider } from './provider';
export { CLOSE_API_URL, PAGE_SIZE as CLOSE_PAGE_SIZE } from './client';
export { closeErrorDetail, closeRateLimitHint, modelFieldKey } from './http-options';
