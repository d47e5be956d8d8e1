import type { Account } from '../model';
import type { CrmProvider, ProviderContext } from './contract';
import { descriptorFor } from './registry';

export type { CrmProvider, ProviderDescriptor } from './contract';
export { descriptorFor, providerDescriptors } from './registry';

/** What the host supplies to every client besides the account and its key. */
export type ProviderHost = Omit<ProviderContext, 'account' | 'apiKey'>;

/** The client for one account; the key is passed in, used for its requests and kept nowhere else. */
export function createProvider(account: Account, apiKey: string | undefined, host: ProviderHost): CrmProvider {
  const descriptor = descriptorFor(account.provider);
  if (!descriptor) throw new Error(`This version of CRM Pipelines cannot connect to "${account.provider}" yet.`);
  return descriptor.create({ ...host, account, apiKey });
}
