// Compiles the integration suite for the extension host: test/integration/index.ts and every
// test/integration/**/*.test.ts into out/test/integration/, one bundle per file, with `vscode`
// (given by the extension host) and `mocha` (loaded from node_modules) left external.
//
//   node scripts/build-tests.mjs
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(repoRoot, 'test', 'integration');
export const integrationOutDir = join(repoRoot, 'out', 'test', 'integration');
export const integrationEntry = join(integrationOutDir, 'index.js');

export async function buildIntegrationTests() {
  const testFiles = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.test.ts'))
    .map((path) => join(sourceDir, path));
  if (testFiles.length === 0) throw new Error(`no *.test.ts files in ${relative(repoRoot, sourceDir)}`);
  // Start clean so a deleted test does not keep running from a stale bundle.
  rmSync(integrationOutDir, { recursive: true, force: true });
  await build({
    entryPoints: [join(sourceDir, 'index.ts'), ...testFiles],
    outbase: sourceDir,
    outdir: integrationOutDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return { entry: integrationEntry, testFiles };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildIntegrationTests().then(
    ({ testFiles }) => console.log(`[build-tests] ${testFiles.length} integration test file(s) -> ${relative(repoRoot, integrationOutDir)}`),
    (error) => {
      console.error(`[build-tests] failed: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
