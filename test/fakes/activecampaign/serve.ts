/**
 * Runs the ActiveCampaign fake until killed, for manual runs and tests in another process:
 *   npx tsx test/fakes/activecampaign/serve.ts [--port 8787] [--seed 1] [--deals 60] [--stages 5] [--rate 5] [--key KEY]
 * Prints one JSON line: {"url": "...", "apiKey": "..."}.
 */
import { startActiveCampaignFake } from './server';

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
  const fake = await startActiveCampaignFake({
    port: numberOption('port'),
    seed: numberOption('seed'),
    deals: numberOption('deals'),
    stages: numberOption('stages'),
    ratePerSecond: numberOption('rate'),
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
