// `npm test`: build, unit tests, then the real-VS-Code stages (integration in the extension host,
// e2e in Chromium), each printing `<stage>: N passed, N failed`; ends with the three counts and
// the totals as a plain `N passed, N failed`. Exits non-zero when anything failed or crashed.
// A stage that cannot run is reported as failed, never skipped silently.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './find-chromium.mjs';
import { provisionCodeServer } from './provision-code-server.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = {
  mocha: join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js'),
  tsx: join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
};
const minutes = 60_000;

/** @typedef {{ name: string, passed: number, failed: number, skipped: number, note?: string }} StageCounts */
/** @type {StageCounts[]} the counted stages (unit, integration, e2e; build only when it failed) */
const counted = [];
/** @type {{ name: string, seconds: number, failed: boolean }[]} every step that ran, for the timing lines */
const timings = [];
let interrupted = false;
let runningChild;
process.on('SIGINT', () => {
  // The terminal sent SIGINT to the running stage too; it closes its workbench. Run nothing more.
  interrupted = true;
  runningChild?.kill('SIGINT');
});

async function main() {
  const build = await runStep('build', [join(repoRoot, 'esbuild.mjs')], 5 * minutes);
  if (!build.ok) counted.push({ name: 'build', passed: 0, failed: 1, skipped: 0, note: 'the build failed' });
  await runCountedStage('unit', [bin.mocha, 'test/unit/**/*.test.ts', '--reporter', join(repoRoot, 'scripts', 'mocha-summary-reporter.cjs'), '--reporter-option', 'label=unit'], 10 * minutes);

  const blocker = interrupted ? undefined : !build.ok ? 'the build failed' : prepareRealVsCode();
  for (const [name, runner, timeoutMs] of [
    ['integration', 'test/integration/run-code-server.ts', 15 * minutes],
    ['e2e', 'test/e2e/run.ts', 25 * minutes],
  ]) {
    if (interrupted) break;
    if (blocker) {
      console.error(`\n[test] ${name}: NOT RUN because ${blocker}`);
      counted.push({ name, passed: 0, failed: 1, skipped: 0, note: `not run: ${blocker}` });
    } else {
      await runCountedStage(name, [bin.tsx, runner], timeoutMs);
    }
  }
  return printSummary();
}

/** Installs code-server and checks for Chromium; returns why the real-VS-Code stages cannot run. */
function prepareRealVsCode() {
  console.log('\n[test] ── provision: code-server and Chromium ──');
  try {
    provisionCodeServer();
    console.log(`[test] Chromium: ${findChromium()}`);
    return undefined;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 'code-server or Chromium is missing (see above)';
  }
}

/** Runs a stage that prints `<name>: N passed, N failed`; a crash or a missing line counts as a failure. */
async function runCountedStage(name, args, timeoutMs) {
  if (interrupted) return;
  const { ok, output, timedOut } = await runStep(name, args, timeoutMs);
  const closing = [...output.matchAll(new RegExp(`^${name}: (\\d+) passed, (\\d+) failed(?:, (\\d+) skipped)?\\s*$`, 'gm'))].pop();
  const stage = closing
    ? { name, passed: Number(closing[1]), failed: Number(closing[2]), skipped: Number(closing[3] ?? 0) }
    : { name, passed: 0, failed: 0, skipped: 0, note: 'crashed before printing its counts' };
  if (timedOut) stage.note = `timed out after ${timeoutMs / minutes} min`;
  if ((!ok || !closing) && stage.failed === 0) {
    stage.failed = 1;
    stage.note ??= 'exited non-zero with no failing test';
  }
  counted.push(stage);
}

/** Runs `node ...args` from the repo root, echoing its output live. */
function runStep(name, args, timeoutMs) {
  console.log(`\n[test] ── ${name} ──`);
  const started = Date.now();
  return new Promise((resolveStep) => {
    let output = '';
    let timedOut = false;
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    runningChild = child;
    child.stdout.on('data', (chunk) => { output += chunk; process.stdout.write(chunk); });
    child.stderr.on('data', (chunk) => { output += chunk; process.stderr.write(chunk); });
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n[test] ${name} timed out after ${timeoutMs / minutes} min; stopping it`);
      // SIGTERM lets the runners close their workbenches; SIGKILL if they do not.
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
    }, timeoutMs);
    child.on('error', (error) => { output += String(error); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      runningChild = undefined;
      const ok = code === 0 && !timedOut;
      if (!ok) console.error(`[test] ${name} exited with ${signal ?? `code ${code}`}`);
      timings.push({ name, seconds: (Date.now() - started) / 1000, failed: !ok });
      resolveStep({ ok, output, timedOut });
    });
  });
}

function printSummary() {
  console.log('\n[test] ── summary ──');
  for (const step of timings) {
    console.log(`[test] ${step.name.padEnd(12)} ${step.seconds.toFixed(0).padStart(4)} s${step.failed ? '  FAILED' : ''}`);
  }
  for (const stage of counted.filter((result) => result.note)) console.log(`[test] ${stage.name}: ${stage.note}`);
  if (interrupted) console.log('[test] interrupted: the stages after it were not run');
  for (const stage of counted) {
    console.log(`${stage.name}: ${stage.passed} passed, ${stage.failed} failed` + (stage.skipped ? `, ${stage.skipped} skipped` : ''));
  }
  const passed = counted.reduce((sum, stage) => sum + stage.passed, 0);
  const failed = counted.reduce((sum, stage) => sum + stage.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || interrupted ? 1 : 0;
}

main().then(
  (exitCode) => process.exit(exitCode),
  (error) => {
    console.error(`[test] crashed: ${error instanceof Error ? error.stack : error}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
