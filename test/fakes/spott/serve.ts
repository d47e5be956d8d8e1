/**
 * Runs the Spott fake until killed, for manual runs and tests in another process:
 *   npx tsx test/fakes/spott/serve.ts [--port 8788] [--seed 1] [--deals 60] [--stages 6] [--rate 16.67] [--window 60000]
 *     [--key KEY] [--envelope pageInfo|pagination] [--no-view-type] [--patch-response status|opportunity|empty]
 * Prints one JSON line: {"url": "...", "apiKey": "..."}; use the url as the account's baseUrl.
 */
import { cliChoice, cliFlag, cliNumber, cliOption, serveUntilKilled, urlAndKey } from '../kit/serve-cli';
import { startSpottFake } from './server';
import type { FakeConfig } from './types';

serveUntilKilled(
  () =>
    startSpottFake({
      port: cliNumber('port'),
      seed: cliNumber('seed'),
      deals: cliNumber('deals'),
      stages: cliNumber('stages'),
      ratePerSecond: cliNumber('rate'),
      rateWindowMs: cliNumber('window'),
      apiKey: cliOption('key'),
      envelope: cliChoice<FakeConfig['envelope']>('envelope', ['pageInfo', 'pagination']),
      viewType: cliFlag('no-view-type') ? false : undefined,
      patchResponse: cliChoice<FakeConfig['patchResponse']>('patch-response', ['status', 'opportunity', 'empty']),
    }),
  urlAndKey,
);
