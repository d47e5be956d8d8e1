export { activeCampaignDescriptor, createActiveCampaignProvider } from './descriptor';
export { ActiveCampaignProvider, type ActiveCampaignProviderOptions } from './provider';
export { API_PATH, resolveApiUrl } from './api-url';
export { acErrorDetail } from './errors';
