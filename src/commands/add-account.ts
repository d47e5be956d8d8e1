import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { z } from 'zod';
import { AccountSchema, ProviderIdSchema, type Account } from '../model';
import { descriptorFor, providerDescriptors, type ProviderDescriptor } from '../providers';
import type { BaseUrlRule } from '../providers/contract';
import { checkKey, promptForKey } from './key-check';
import type { Services } from './services';

/** `crmPipelines.addAccount` may be scripted with any of these; what is given is not asked. */
const AddAccountArgs = z.object({
  provider: ProviderIdSchema.optional(),
  label: z.string().trim().min(1).optional(),
  baseUrl: z.string().optional(),
  apiKey: z.string().min(1).optional(),
  id: z.string().optional(),
});

/** Adds an account: CRM, label, base URL where needed, then a key checked before it is saved. Resolves with its id. */
export async function addAccount(services: Services, rawArgs?: unknown): Promise<string | undefined> {
  const parsed = AddAccountArgs.safeParse(rawArgs ?? {});
  if (!parsed.success) throw new Error(`Add Account: invalid argument: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  const args = parsed.data;
  const title = 'Add CRM Account';

  const descriptor = args.provider ? descriptorFor(args.provider) : await pickProvider(title);
  if (!descriptor) {
    if (args.provider) throw new Error(`Add Account: this version cannot connect to "${args.provider}" yet.`);
    return undefined;
  }
  const label = args.label ?? (await vscode.window.showInputBox({
    title, prompt: `A name for this ${descriptor.displayName} account, as the tree shows it`,
    value: uniqueLabel(services, descriptor.displayName), ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Enter a name.'),
  }))?.trim();
  if (!label) return undefined;

  const baseUrl = args.baseUrl ?? (await askBaseUrl(descriptor.baseUrl, title));
  if (baseUrl === null) return undefined;
  const urlProblem = baseUrl === undefined ? undefined : validateBaseUrl(descriptor.baseUrl, baseUrl);
  if (urlProblem) throw new Error(`Add Account: ${urlProblem}`);

  const account = AccountSchema.parse({ id: args.id ?? newAccountId(services, descriptor), provider: descriptor.id, label, baseUrl });
  if (services.settings.read().accounts.some((a) => a.id === account.id)) {
    throw new Error(`Add Account: an account with the id "${account.id}" exists already.`);
  }
  if (descriptor.needsKey) {
    const apiKey = args.apiKey ?? (await promptForKey(services, account, `${title}: ${label}`));
    if (!apiKey) return undefined;
    if (args.apiKey) {
      const problem = await checkKey(services, account, apiKey);
      if (problem) throw new Error(`Add Account: ${problem}`);
    }
    await services.keys.set(account.id, apiKey);
  }
  await services.settings.add(account);
  services.log.info(`Added ${descriptor.displayName} account "${label}" (${account.id}).`);
  return account.id;
}

async function pickProvider(title: string): Promise<ProviderDescriptor | undefined> {
  const picked = await vscode.window.showQuickPick(
    providerDescriptors.map((d) => ({ label: d.displayName, detail: d.summary, descriptor: d })),
    { title, placeHolder: 'Which CRM?', matchOnDetail: true, ignoreFocusOut: true },
  );
  return picked?.descriptor;
}

/** Resolves with the URL, undefined when the CRM needs none (or the default is kept), or null when cancelled. */
async function askBaseUrl(rule: BaseUrlRule, title: string): Promise<string | undefined | null> {
  if (rule.kind === 'none') return undefined;
  const value = await vscode.window.showInputBox({
    title, prompt: rule.prompt, ignoreFocusOut: true,
    placeHolder: rule.kind === 'required' ? rule.placeholder : rule.defaultUrl,
    value: rule.kind === 'optional' ? rule.defaultUrl : '',
    validateInput: (v) => validateBaseUrl(rule, v.trim()),
  });
  if (value === undefined) return null;
  const trimmed = value.trim();
  return rule.kind === 'optional' && trimmed === rule.defaultUrl ? undefined : trimmed;
}

export function validateBaseUrl(rule: BaseUrlRule, value: string): string | undefined {
  if (rule.kind === 'none') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full URL, starting with https://';
  }
  if (rule.kind === 'required' && rule.httpsOnly && url.protocol !== 'https:' && !isLoopback(url)) {
    return 'The URL must start with https://';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The URL must start with https://';
  return undefined;
}

/** Plain http is accepted for a CRM on this machine only (a self-hosted server, or a test fake). */
function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function newAccountId(services: Services, descriptor: ProviderDescriptor): string {
  const taken = new Set(services.settings.read().accounts.map((a: Account) => a.id));
  if (descriptor.id === 'sample' && !taken.has('sample')) return 'sample';
  let id: string;
  do id = `${descriptor.id}-${randomBytes(3).toString('hex')}`;
  while (taken.has(id));
  return id;
}

function uniqueLabel(services: Services, base: string): string {
  const labels = new Set(services.settings.read().accounts.map((a) => a.label));
  if (!labels.has(base)) return base;
  let n = 2;
  while (labels.has(`${base} ${n}`)) n += 1;
  return `${base} ${n}`;
}
