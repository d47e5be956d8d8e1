/**
 * Runs the Close fake until killed, for UI tests driven from another process:
 *   npx tsx test/fakes/close/serve.ts [--port 4010] [--key KEY] [--seed N] [--deals N] [--stages N] [--rate N]
 * Prints one line, the base URL (ending in /api/v1), then logs nothing.
 */
import { cliNumber, cliOption, serveUntilKilled } from '../kit/serve-cli';
import { startCloseFake } from './server';

serveUntilKilled(
  () =>
    startCloseFake({
      port: cliNumber('port'),
      apiKey: cliOption('key'),
      seed: cliNumber('seed'),
      deals: cliNumber('deals'),
      stages: cliNumber('stages'),
      ratePerSecond: cliNumber('rate'),
    }),
  (fake) => fake.url,
);
