import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
// The options esbuild.mjs builds with, plugins included.
import { bundleOptions } from '../../../scripts/build-bundles.mjs';

const root = resolve(__dirname, '../../..');

/** Bundles one source the way dist/extension.js is bundled (the same zod plugins), in memory. */
async function bundle(source: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'zod-bundle-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, source);
    const [extension] = bundleOptions({ production: true }) as esbuild.BuildOptions[];
    const result = await esbuild.build({
      ...extension, entryPoints: [entry], outfile: join(dir, 'out.js'), write: false, logLevel: 'silent', nodePaths: [join(root, 'node_modules')],
    });
    return result.outputFiles[0]!.text;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function load(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports;
}

describe('The trimmed zod of the production bundles', function () {
  this.timeout(30_000);

  it('validates as zod does: objects, strings, numbers, enums, unions, z.url()', async () => {
    const { Schema } = load(await bundle(`
      import { z } from 'zod';
      export const Schema = z.object({
        name: z.string().min(1),
        link: z.url(),
        amount: z.union([z.number(), z.string().regex(/^\\d+$/)]),
        kind: z.enum(['a', 'b']).optional(),
      });
    `)) as { Schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: unknown[]; message: string }[] } } } };
    assert.equal(Schema.safeParse({ name: 'Deal', link: 'https://example.com', amount: '12', kind: 'a' }).success, true);
    const bad = Schema.safeParse({ name: '', link: 'not a url', amount: 'x', kind: 'c' });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error!.issues.map((i) => i.path[0]).sort(), ['amount', 'kind', 'link', 'name']);
    assert.ok(bad.error!.issues.every((i) => i.message.length > 0), 'English messages are bundled');
  });

  it('fails the build, naming the method, when code calls a zod method the bundle leaves out', async () => {
    await assert.rejects(
      bundle(`import { z } from 'zod';\nexport const Email = z.string().email();\n`),
      (error: Error) => /calls \.email\(\).*UNUSED_ZOD_METHODS/s.test(error.message),
    );
  });
});
