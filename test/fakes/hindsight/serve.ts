/**
 * Runs the Hindsight fake until killed, for manual runs and tests in another process:
 *   npx tsx test/fakes/hindsight/serve.ts [--port 8789] [--seed 1] [--deals 60] [--stages 7] [--rate 60] [--minute-ms 60000] [--retry-after] [--key KEY]
 * Prints one JSON line: {"url": "...", "apiKey": "..."}. Give `url` as the account's baseUrl.
 */
import { startHindsightFake } from './server';

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
  const fake = await startHindsightFake({
    port: numberOption('port'),
    seed: numberOption('seed'),
    deals: numberOption('deals'),
    stages: numberOption('stages'),
    ratePerMinute: numberOption('rate'),
    minuteMs: numberOption('minute-ms'),
    retryAfter: process.argv.includes('--retry-after'),
    apiKey: option('key'),
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
