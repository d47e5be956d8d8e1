export { activeCampaignDescriptor, createActiveCampaignProvider } from './descriptor';
export { ActiveCampaignProvider, type ActiveCampaignProviderOptions, RATE_HEADROOM } from './provider';
export { API_PATH, resolveApiUrl } from './api-url';
export { acErrorDetail } from './errors';
