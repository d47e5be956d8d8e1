// Runs the integration suite inside the extension host of a real VS Code 1.96.4 (code-server,
// opened by headless Chromium), then prints the results and `integration: N passed, N failed`.
//
//   node esbuild.mjs && tsx test/integration/run-code-server.ts
// Env: INTEGRATION_TIMEOUT_MS (default 600000), WORKBENCH_KEEP=1 keeps the profile and its logs.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildIntegrationTests, integrationOutDir } from '../../scripts/build-tests.mjs';
import { provisionCodeServer } from '../../scripts/provision-code-server.mjs';
import { extensionPath, startWorkbench, type Workbench } from '../workbench/index.js';
import { formatResults, resultsPathEnv, type IntegrationResults } from './results.js';

const timeoutMs = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 600_000);

async function main(): Promise<number> {
  const extensionMain = join(extensionPath, 'dist', 'extension.js');
  if (!existsSync(extensionMain)) throw new Error(`${extensionMain} is missing: build the extension first (node esbuild.mjs).`);
  const { entry } = await buildIntegrationTests();
  provisionCodeServer();

  const resultsPath = join(integrationOutDir, 'results.json');
  rmSync(resultsPath, { force: true });
  const started = Date.now();
  const workbench = await startWorkbench({ extensionTestsPath: entry, env: { [resultsPathEnv]: resultsPath } });
  try {
    console.log(`[integration] workbench up in ${((Date.now() - started) / 1000).toFixed(1)} s; running the suite in its extension host`);
    const results = await waitForResults(workbench, resultsPath);
    console.log(formatResults(results));
    return results.failed > 0 || results.passed === 0 ? 1 : 0;
  } finally {
    await workbench.close();
  }
}

async function waitForResults(workbench: Workbench, resultsPath: string): Promise<IntegrationResults> {
  const deadline = Date.now() + timeoutMs;
  let exthostExitSeenAt: number | undefined;
  while (!existsSync(resultsPath)) {
    if (Date.now() > deadline) {
      throw new Error(`no integration results after ${timeoutMs / 1000} s (expected ${resultsPath}).\n${workbench.diagnostics(60)}`);
    }
    const output = workbench.codeServer.output();
    if (/code-server exited/.test(output)) {
      throw new Error(`code-server exited before the suite finished.\n${workbench.diagnostics(60)}`);
    }
    // The extension host also exits once run() settles, right after writing the file: allow a moment.
    if (/Extension Host Process exited/.test(output) && !exthostExitSeenAt) exthostExitSeenAt = Date.now();
    if (exthostExitSeenAt && Date.now() - exthostExitSeenAt > 3000) {
      throw new Error(`the extension host exited without writing results.\n${workbench.diagnostics(60)}`);
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  // The file is written in one call; a short retry covers reading it mid-write.
  for (let attempt = 0; ; attempt++) {
    try {
      return JSON.parse(readFileSync(resultsPath, 'utf8')) as IntegrationResults;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
  }
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error) => {
    console.error(`[integration] ${error instanceof Error ? error.message : error}`);
    console.log('integration: 0 passed, 1 failed');
    process.exit(1);
  },
);
