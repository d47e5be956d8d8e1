// Installs code-server 4.96.4 (= VS Code 1.96.4), the only real VS Code that runs on machines that
// reach nothing but the npm registry (see shared/notes/real-vscode-offline.md). Idempotent: a
// stamp file marks a finished install.
//
// Where: ~/.cache/crm-pipelines/code-server-4.96.4 ($XDG_CACHE_HOME respected), or $CODE_SERVER_DIR.
// Not inside the repo: the repo is the extension development folder, and a VS Code whose built-in
// extensions live under that folder mixes them up with the extension under development (seen: the
// color theme setting is ignored and the workbench falls back to Light+).
//
//   node scripts/provision-code-server.mjs          install if needed, print the entry path
//   import { provisionCodeServer } from './provision-code-server.mjs'

import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.96.4';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const userCacheDir = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
export const codeServerCacheDir = process.env.CODE_SERVER_DIR
  ? resolve(process.env.CODE_SERVER_DIR)
  : join(userCacheDir, 'crm-pipelines', `code-server-${CODE_SERVER_VERSION}`);
const packageDir = join(codeServerCacheDir, 'node_modules', 'code-server');
const vscodeDir = join(packageDir, 'lib', 'vscode');
export const codeServerEntry = join(packageDir, 'out', 'node', 'entry.js');
const stampFile = join(codeServerCacheDir, `.provisioned-${CODE_SERVER_VERSION}`);
const logFile = join(codeServerCacheDir, 'provision.log');

// Native modules VS Code's server needs. `kerberos` is left out: it needs libkrb5 headers and
// only serves proxy authentication.
const vscodeNativeModules = ['node-pty', '@vscode/spdlog', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid'];

export function isCodeServerProvisioned() {
  return existsSync(stampFile) && existsSync(codeServerEntry);
}

/** Installs code-server when not yet done; returns the path of its entry.js. */
export function provisionCodeServer({ log = (line) => console.log(line) } = {}) {
  if (isCodeServerProvisioned()) {
    log(`[provision] code-server ${CODE_SERVER_VERSION} already installed in ${relative(codeServerCacheDir)}`);
    return codeServerEntry;
  }
  const started = Date.now();
  log(`[provision] installing code-server ${CODE_SERVER_VERSION} into ${relative(codeServerCacheDir)} (about 1-2 min, ~340 MB; npm output goes to ${relative(logFile)})`);
  // A half-finished install is not worth repairing: start clean (npm's own cache keeps it quick).
  rmSync(codeServerCacheDir, { recursive: true, force: true });
  mkdirSync(codeServerCacheDir, { recursive: true });
  writeFileSync(join(codeServerCacheDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }, null, 2) + '\n');
  writeFileSync(logFile, '');

  step(log, 1, 'npm install --ignore-scripts code-server', codeServerCacheDir,
    ['install', '--ignore-scripts', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`]);
  step(log, 2, 'npm rebuild argon2', codeServerCacheDir, ['rebuild', 'argon2']);
  // VS Code's shrinkwrap pins @vscode/proxy-agent to a git URL that cannot be fetched here; the
  // registry's version satisfies the package.json range.
  rmSync(join(vscodeDir, 'npm-shrinkwrap.json'), { force: true });
  step(log, 3, "npm install VS Code's runtime dependencies", vscodeDir,
    ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock']);
  step(log, 4, `npm rebuild ${vscodeNativeModules.join(' ')}`, vscodeDir, ['rebuild', ...vscodeNativeModules]);
  log('[provision] step 5/5: link node_modules.asar -> node_modules');
  const asarLink = join(vscodeDir, 'node_modules.asar');
  if (existsSync(asarLink)) unlinkSync(asarLink);
  symlinkSync('node_modules', asarLink);

  if (!existsSync(codeServerEntry)) fail(`code-server's entry ${codeServerEntry} is missing after the install.`);
  writeFileSync(stampFile, new Date().toISOString() + '\n');
  log(`[provision] code-server ${CODE_SERVER_VERSION} ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return codeServerEntry;
}

function step(log, number, title, cwd, npmArgs) {
  log(`[provision] step ${number}/5: ${title}`);
  appendFileSync(logFile, `\n$ (cd ${cwd} && npm ${npmArgs.join(' ')})\n`);
  const result = spawnSync('npm', npmArgs, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  appendFileSync(logFile, (result.stdout ?? '') + (result.stderr ?? ''));
  if (result.error) fail(`step ${number} (${title}) could not start npm: ${result.error.message}`);
  if (result.status !== 0) {
    const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-40).join('\n');
    fail(`step ${number} (${title}) failed with exit code ${result.status}.\n--- last lines of ${logFile} ---\n${tail}`);
  }
}

function fail(message) {
  throw new Error(`[provision] code-server ${CODE_SERVER_VERSION} could not be installed: ${message}\n` +
    'It needs the npm registry and a C/C++ toolchain with Node headers (node-gyp) for its native modules.');
}

function relative(path) {
  return path.startsWith(repoRoot + '/') ? path.slice(repoRoot.length + 1) : path;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(provisionCodeServer());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
