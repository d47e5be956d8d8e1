/**
 * Runs the Twenty fake until killed, for manual runs and tests in another process:
 *   npx tsx test/fakes/twenty/serve.ts [--port 3000] [--seed 1] [--deals 60] [--stages 5] [--key KEY]
 *     [--flavor captured|newest] [--rate-limit 100] [--rate-window-ms 60000] [--metadata-forbidden]
 * Prints one JSON line: {"url": "...", "apiKey": "..."}; the account's server address is `url`.
 */
import { startTwentyFake } from './server';

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

async function main(): Promise<void> {
  const flavor = option('flavor');
  if (flavor !== undefined && flavor !== 'captured' && flavor !== 'newest') throw new Error('--flavor must be captured or newest');
  const limit = numberOption('rate-limit');
  const fake = await startTwentyFake({
    port: numberOption('port'),
    seed: numberOption('seed'),
    deals: numberOption('deals'),
    stages: numberOption('stages'),
    apiKey: option('key'),
    flavor,
    rateLimit: limit === undefined ? undefined : { limit, windowMs: numberOption('rate-window-ms') ?? 60_000 },
    metadataForbidden: process.argv.includes('--metadata-forbidden'),
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
