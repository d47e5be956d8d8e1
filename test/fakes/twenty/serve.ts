/**
 * Runs the Twenty fake until killed, for manual runs and tests in another process:
 *   npx tsx test/fakes/twenty/serve.ts [--port 3000] [--seed 1] [--deals 60] [--stages 5] [--key KEY]
 *     [--flavor captured|newest] [--rate-limit 100] [--rate-window-ms 60000] [--metadata-forbidden]
 * Prints one JSON line: {"url": "...", "apiKey": "..."}; the account's server address is `url`.
 */
import { cliChoice, cliFlag, cliNumber, cliOption, serveUntilKilled, urlAndKey } from '../kit/serve-cli';
import { startTwentyFake } from './server';

serveUntilKilled(async () => {
  const limit = cliNumber('rate-limit');
  return startTwentyFake({
    port: cliNumber('port'),
    seed: cliNumber('seed'),
    deals: cliNumber('deals'),
    stages: cliNumber('stages'),
    apiKey: cliOption('key'),
    flavor: cliChoice('flavor', ['captured', 'newest'] as const),
    rateLimit: limit === undefined ? undefined : { limit, windowMs: cliNumber('rate-window-ms') ?? 60_000 },
    metadataForbidden: cliFlag('metadata-forbidden'),
  });
}, urlAndKey);
