// Runs the e2e suite (test/e2e/**/*.test.ts) in plain Node: mocha drives a real VS Code 1.96.4
// (code-server) in headless Chromium through test/workbench. Closes with `e2e: N passed, N failed`.
//
//   node esbuild.mjs && tsx test/e2e/run.ts [file-filter]
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { findChromium } from '../../scripts/find-chromium.mjs';
import { provisionCodeServer } from '../../scripts/provision-code-server.mjs';
import { extensionPath, repoRoot } from '../workbench/paths.js';
// @ts-expect-error -- a CommonJS reporter without type declarations
import SummaryReporter from '../../scripts/mocha-summary-reporter.cjs';

async function main(): Promise<number> {
  const extensionMain = join(extensionPath, 'dist', 'extension.js');
  if (!existsSync(extensionMain)) throw new Error(`${extensionMain} is missing: build the extension first (node esbuild.mjs).`);
  findChromium();
  provisionCodeServer();

  const e2eDir = join(repoRoot, 'test', 'e2e');
  const fileFilter = process.argv[2];
  const testFiles = readdirSync(e2eDir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.test.ts') && (!fileFilter || path.includes(fileFilter)))
    .sort()
    .map((path) => join(e2eDir, path));
  if (testFiles.length === 0) throw new Error(`no e2e test files in ${e2eDir}${fileFilter ? ` matching "${fileFilter}"` : ''}`);

  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, reporter: SummaryReporter, reporterOptions: { label: 'e2e' } });
  for (const file of testFiles) mocha.addFile(file);
  await mocha.loadFilesAsync();
  return new Promise((resolveRun) => mocha.run((failures) => resolveRun(failures > 0 ? 1 : 0)));
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error) => {
    console.error(`[e2e] ${error instanceof Error ? error.message : error}`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
