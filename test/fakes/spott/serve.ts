/**
 * Runs the Spott fake until killed, for manual runs and tests in another process:
 *   npx tsx test/fakes/spott/serve.ts [--port 8788] [--seed 1] [--deals 60] [--stages 6] [--rate 16.67] [--window 60000]
 *     [--key KEY] [--envelope pageInfo|pagination] [--no-view-type] [--patch-response status|opportunity|empty]
 * Prints one JSON line: {"url": "...", "apiKey": "..."}; use the url as the account's baseUrl.
 */
import { startSpottFake } from './server';
import type { FakeConfig } from './types';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function numberOption(name: string): number | undefined {
  const text = option(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number`);
  return value;
}

function choice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
  const text = option(name);
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) throw new Error(`--${name} must be one of ${allowed.join(', ')}`);
  return text as T;
}

async function main(): Promise<void> {
  const fake = await startSpottFake({
    port: numberOption('port'),
    seed: numberOption('seed'),
    deals: numberOption('deals'),
    stages: numberOption('stages'),
    ratePerSecond: numberOption('rate'),
    rateWindowMs: numberOption('window'),
    apiKey: option('key'),
    envelope: choice<FakeConfig['envelope']>('envelope', ['pageInfo', 'pagination']),
    viewType: process.argv.includes('--no-view-type') ? false : undefined,
    patchResponse: choice<FakeConfig['patchResponse']>('patch-response', ['status', 'opportunity', 'empty']),
  });
  process.stdout.write(`${JSON.stringify({ url: fake.url, apiKey: fake.apiKey })}\n`);
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
