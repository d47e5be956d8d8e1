import type { ProviderId } from '../model';
import type { ProviderDescriptor } from './contract';
import { activeCampaignDescriptor } from './activecampaign';
import { closeDescriptor } from './close';
import { hindsightDescriptor } from './hindsight';
import { sampleDescriptor } from './sample';
import { spottDescriptor } from './spott';
import { twentyDescriptor } from './twenty';

/** Every CRM the extension can connect to, in the order "Add Account" offers them. */
export const providerDescriptors: readonly ProviderDescriptor[] = [
  sampleDescriptor, closeDescriptor, activeCampaignDescriptor, twentyDescriptor, spottDescriptor, hindsightDescriptor,
];

export function descriptorFor(id: ProviderId | string): ProviderDescriptor | undefined {
  return providerDescriptors.find((d) => d.id === id);
}
