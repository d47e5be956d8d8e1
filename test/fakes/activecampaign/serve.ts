/**
 * Runs the ActiveCampaign fake until killed, for manual runs and tests in another process:
 *   npx tsx test/fakes/activecampaign/serve.ts [--port 8787] [--seed 1] [--deals 60] [--stages 5] [--rate 5] [--key KEY]
 * Prints one JSON line: {"url": "...", "apiKey": "..."}.
 */
import { cliNumber, cliOption, serveUntilKilled, urlAndKey } from '../kit/serve-cli';
import { startActiveCampaignFake } from './server';

serveUntilKilled(
  () =>
    startActiveCampaignFake({
      port: cliNumber('port'),
      seed: cliNumber('seed'),
      deals: cliNumber('deals'),
      stages: cliNumber('stages'),
      ratePerSecond: cliNumber('rate'),
      apiKey: cliOption('key'),
    }),
  urlAndKey,
);
