import type { ProviderId } from '../model';
import type { ProviderDescriptor } from './contract';
import { activeCampaignDescriptor } from './activecampaign';
import { closeDescriptor } from './close';
import { sampleDescriptor } from './sample';

/** Every CRM the extension can connect to, in the order "Add Account" offers them. */
export const providerDescriptors: readonly ProviderDescriptor[] = [sampleDescriptor, closeDescriptor, activeCampaignDescriptor];

export function descriptorFor(id: ProviderId | string): ProviderDescriptor | undefined {
  return providerDescriptors.find((d) => d.id === id);
}
