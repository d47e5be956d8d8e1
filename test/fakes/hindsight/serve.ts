/**
 * Runs the Hindsight fake until killed, for manual runs and tests in another process:
 *   npx tsx test/fakes/hindsight/serve.ts [--port 8789] [--seed 1] [--deals 60] [--stages 7] [--rate 60] [--minute-ms 60000] [--retry-after] [--key KEY]
 * Prints one JSON line: {"url": "...", "apiKey": "..."}. Give `url` as the account's baseUrl.
 */
import { cliFlag, cliNumber, cliOption, serveUntilKilled, urlAndKey } from '../kit/serve-cli';
import { startHindsightFake } from './server';

serveUntilKilled(
  () =>
    startHindsightFake({
      port: cliNumber('port'),
      seed: cliNumber('seed'),
      deals: cliNumber('deals'),
      stages: cliNumber('stages'),
      ratePerMinute: cliNumber('rate'),
      minuteMs: cliNumber('minute-ms'),
      retryAfter: cliFlag('retry-after'),
      apiKey: cliOption('key'),
    }),
  urlAndKey,
);
