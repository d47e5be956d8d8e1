// Compiles the benchmark's extension-host side (bench/workbench/bridge-host.ts) for the extension
// host: out/bench/bridge-host.js, CommonJS, with `vscode` left external.
//
//   node scripts/bench-build.mjs
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const benchBridgeEntry = join(repoRoot, 'out', 'bench', 'bridge-host.js');

export async function buildBenchBridge() {
  await build({
    entryPoints: [join(repoRoot, 'bench', 'workbench', 'bridge-host.ts')],
    outfile: benchBridgeEntry,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return benchBridgeEntry;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildBenchBridge().then(
    (entry) => console.log(`[bench-build] ${entry}`),
    (error) => {
      console.error(`[bench-build] failed: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
