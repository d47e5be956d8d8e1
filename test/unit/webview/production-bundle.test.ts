import assert from 'node:assert/strict';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { z as sourceZ } from 'zod';
import { bundleOptions } from '../../../scripts/build-bundles.mjs';
import * as sourceModel from '../../../src/model';
import * as sourceProtocol from '../../../src/protocol';
import * as sourceBoard from '../../../src/protocol/board-messages';
import { deal, FIELDS, view } from './fixtures';

type Modules = { z: typeof sourceZ; model: typeof sourceModel; protocol: typeof sourceProtocol; board: typeof sourceBoard };

/** The entry bundled with the webview build's plugins (zod trimmed to what is used), then loaded. */
async function loadBundled(): Promise<{ modules: Modules; inputs: string[] }> {
  const webview = bundleOptions({ production: true }).find((options) => options.outfile === 'dist/webview.js');
  assert.ok(webview, 'the production build has a deal panel bundle');
  // The deal panel build's own options (platform, target, plugins), as CommonJS so it can be loaded here.
  const result = await esbuild.build({
    ...webview,
    entryPoints: [path.join(__dirname, 'bundle-entry.ts')],
    outfile: undefined,
    write: false,
    metafile: true,
    format: 'cjs',
    logLevel: 'silent',
  });
  const module = { exports: {} as Modules };
  new Function('module', 'exports', result.outputFiles[0]!.text)(module, module.exports);
  return { modules: module.exports, inputs: Object.keys(result.metafile.inputs) };
}

interface Outcome {
  success: boolean;
  data?: unknown;
  issues?: { code: string; path: PropertyKey[]; message: string }[];
}

function outcome(schema: { safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: Outcome['issues'] } } }, value: unknown): Outcome {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, issues: parsed.error!.issues!.map(({ code, path, message }) => ({ code, path, message })) };
}

describe('zod in the production bundles', function () {
  this.timeout(30_000);
  let bundled: Modules;
  let inputs: string[];

  before(async () => {
    ({ modules: bundled, inputs } = await loadBundled());
  });

  it('the protocol and model schemas accept and reject exactly what they do from source, with the same messages', () => {
    const cases: [keyof typeof sourceProtocol | keyof typeof sourceModel | keyof typeof sourceBoard, unknown][] = [
      ['WebviewToHostSchema', { type: 'ready' }],
      ['WebviewToHostSchema', { type: 'edit', requestId: 'r1', field: { kind: 'standard', name: 'name' }, patch: { name: 'Acme 2' } }],
      ['WebviewToHostSchema', { type: 'edit', requestId: '', field: { kind: 'standard', name: 'nope' }, patch: { name: 5 } }],
      ['WebviewToHostSchema', { type: 'createTask', requestId: 'r2', input: { title: 'Call', due: { kind: 'date', date: '2025-07-01' } } }],
      ['WebviewToHostSchema', { type: 'launchMissiles' }],
      ['WebviewToHostSchema', { type: 'openUrl', url: 'x'.repeat(4001) }],
      ['HostToWebviewSchema', { type: 'view', view: view() }],
      ['HostToWebviewSchema', { type: 'view', view: view({ deal: deal({ amount: { minor: '1.5', scale: 2, currency: 'USD' } }) }) }],
      ['DealViewSchema', view({ tasks: [{ id: 't1', title: 'Call', done: false, due: { kind: 'none' } }] as never })],
      ['DealViewSchema', { ...view(), fields: 'all of them' }],
      ['DealSchema', deal()],
      ['DealSchema', { ...deal(), id: 7, outcome: 'maybe', custom: { x: { kind: 'number', value: 3 } } }],
      ['FieldDefSchema', FIELDS[3]],
      ['FieldDefSchema', { key: '', label: 1, kind: 'hologram' }],
      ['MoneySchema', { minor: '-120000', scale: 2, currency: 'EUR' }],
      ['MoneySchema', { minor: 12.5, scale: -1 }],
      ['BoardToHostSchema', { type: 'ready' }],
      ['BoardToHostSchema', { type: 'move', requestId: 5 }],
    ];
    const schemas = { ...sourceModel, ...sourceProtocol, ...sourceBoard } as Record<string, unknown>;
    const bundledSchemas = { ...bundled.model, ...bundled.protocol, ...bundled.board } as Record<string, unknown>;
    let rejected = 0;
    for (const [name, value] of cases) {
      const expected = outcome(schemas[name] as never, value);
      assert.deepEqual(outcome(bundledSchemas[name] as never, value), expected, `${name} on ${JSON.stringify(value).slice(0, 80)}`);
      if (!expected.success) rejected++;
    }
    assert.ok(rejected >= 8 && rejected < cases.length, 'the cases include both valid and invalid payloads');
  });

  it('speaks English, and only English is bundled', () => {
    bundled.z.config({ jitless: true });
    const result = bundled.z.object({ seats: bundled.z.number().int(), email: bundled.z.email() }).safeParse({ seats: 'ten', email: 'nope' });
    assert.deepEqual(
      result.error?.issues.map((issue) => issue.message),
      ['Invalid input: expected number, received string', 'Invalid email address'],
    );
    assert.deepEqual(Object.keys(bundled.z.locales), ['en']);
    assert.ok(!inputs.some((file) => /zod\/v4\/locales\/(?!en\.js)/.test(file)), 'no other locale file is bundled');
  });

  it('JSON Schema conversion fails loudly, while the checks it shares still answer', () => {
    const seats = bundled.z.string().min(3).max(9);
    assert.throws(() => bundled.z.toJSONSchema(seats), /JSON Schema conversion is not bundled/);
    assert.throws(() => seats.toJSONSchema(), /JSON Schema conversion is not bundled/);
    assert.deepEqual([seats.minLength, seats.maxLength], [3, 9]);
    assert.equal(bundled.z.number().positive().safeParse(-1).success, false);
  });
});
