// `npm run demo`: serves the extension in a real VS Code 1.96.4 (code-server) on 127.0.0.1 with
// the built-in Sample CRM account set up, prints the URL to open, and runs until Ctrl+C.
// Env: PORT (default 8080; a free port is used when it is taken).
//
// The extension is symlinked into the demo profile's extensions dir, so the printed URL is a plain
// one that a person simply opens, and the workbench shows it as installed rather than as an
// "Extension Development Host". The link points at this repo: rebuild (node esbuild.mjs) and
// reload the page to see changes.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { provisionCodeServer } from './provision-code-server.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sampleAccount = { id: 'sample', provider: 'sample', label: 'Sample CRM' };

async function main() {
  provisionCodeServer();
  console.log('[demo] building the extension (node esbuild.mjs)');
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`the build failed (exit code ${build.status ?? build.signal}); fix it and run the demo again.`);

  const workbench = await tsImport('../test/workbench/index.ts', import.meta.url);
  const port = await choosePort(workbench);
  const server = await workbench.startWorkbenchServer({
    port,
    extensionMode: 'installed',
    settings: { 'crmPipelines.accounts': [sampleAccount] },
  });
  const url = `http://127.0.0.1:${server.port}/`;
  console.log([
    '',
    `CRM Pipelines demo: VS Code 1.96.4 (code-server) with the extension and a Sample CRM account.`,
    '',
    `  Open ${url} in a browser, then click "CRM Pipelines" in the activity bar.`,
    '',
    `  (On a remote machine, forward the port first: ssh -L ${server.port}:127.0.0.1:${server.port} <host>)`,
    `  code-server log: ${server.codeServer.logFile}`,
    `  extension logs:  ${server.profile.userDataDir}/logs/<session>/exthost1/crm-pipelines.crm-pipelines/`,
    '',
    'Press Ctrl+C to stop.',
  ].join('\n'));
  const exitCode = await server.codeServer.exited;
  // Ctrl+C is handled by the workbench library: it stops code-server, removes the profile, exits.
  if (workbench.isShuttingDown()) return new Promise(() => undefined);
  throw new Error(`code-server stopped unexpectedly (exit code ${exitCode}).\n${server.diagnostics()}`);
}

async function choosePort({ isPortFree, findFreePort }) {
  const wanted = Number(process.env.PORT || 8080);
  if (await isPortFree(wanted)) return wanted;
  const free = await findFreePort();
  console.log(`[demo] port ${wanted} is taken; using ${free} instead`);
  return free;
}

main().catch((error) => {
  console.error(`[demo] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
