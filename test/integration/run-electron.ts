// Runs the same integration suite in desktop VS Code through @vscode/test-electron, for machines
// that can download VS Code (a laptop, a hosted CI with internet). It cannot start on machines
// that reach only the npm registry: use run-code-server.ts there. On Linux without a display,
// run it under xvfb-run.
//
//   node esbuild.mjs && tsx test/integration/run-electron.ts
// Env: VSCODE_VERSION (default 1.96.4, the engine the extension targets).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildIntegrationTests, integrationOutDir } from '../../scripts/build-tests.mjs';
import { createProfile } from '../workbench/profile.js';
import { extensionPath } from '../workbench/paths.js';
import { formatResults, resultsPathEnv, type IntegrationResults } from './results.js';

async function main(): Promise<number> {
  const extensionMain = join(extensionPath, 'dist', 'extension.js');
  if (!existsSync(extensionMain)) throw new Error(`${extensionMain} is missing: build the extension first (node esbuild.mjs).`);
  const { entry } = await buildIntegrationTests();
  const resultsPath = join(integrationOutDir, 'results.json');
  rmSync(resultsPath, { force: true });
  // The same profile as in code-server: settings written before start, nothing of the user's.
  const profile = createProfile();
  try {
    // runTests rejects when run() rejects (any failure); the results file says what happened.
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.96.4',
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: entry,
      extensionTestsEnv: { [resultsPathEnv]: resultsPath },
      launchArgs: [
        profile.workspaceDir,
        '--user-data-dir', profile.userDataDir,
        '--extensions-dir', profile.extensionsDir,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    }).catch((error) => {
      if (!existsSync(resultsPath)) throw error;
    });
    if (!existsSync(resultsPath)) throw new Error(`VS Code exited without writing ${resultsPath}`);
    const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as IntegrationResults;
    console.log(formatResults(results));
    return results.failed > 0 || results.passed === 0 ? 1 : 0;
  } finally {
    profile.remove();
  }
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error) => {
    console.error(`[integration:electron] ${error instanceof Error ? error.message : error}`);
    console.log('integration: 0 passed, 1 failed');
    process.exit(1);
  },
);
