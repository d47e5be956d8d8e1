import type { ProviderId } from '../model';
import type { ProviderDescriptor } from './contract';
import { activeCampaignDescriptor } from './activecampaign';
import { sampleDescriptor } from './sample';

/** Every CRM the extension can connect to, in the order "Add Account" offers them. */
export const providerDescriptors: readonly ProviderDescriptor[] = [sampleDescriptor, activeCampaignDescriptor];

export function descriptorFor(id: ProviderId | string): ProviderDescriptor | undefined {
  return providerDescriptors.find((d) => d.id === id);
}
