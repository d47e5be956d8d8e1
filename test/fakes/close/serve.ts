/**
 * Runs the Close fake until killed, for UI tests driven from another process:
 *   npx tsx test/fakes/close/serve.ts [--port 4010] [--key KEY] [--seed N] [--deals N] [--stages N] [--rate N]
 * Prints one line, the base URL (ending in /api/v1), then logs nothing.
 */
import { startCloseFake } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function num(name: string): number | undefined {
  const value = arg(name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number`);
  return n;
}

async function main(): Promise<void> {
  const fake = await startCloseFake({
    port: num('port'),
    apiKey: arg('key'),
    seed: num('seed'),
    deals: num('deals'),
    stages: num('stages'),
    ratePerSecond: num('rate'),
  });
  process.stdout.write(`${fake.url}\n`);
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
