// The extension-host side of the integration suite: VS Code calls run() (extensionTestsPath) in
// the real extension host, with the real `vscode` API. It runs mocha over the compiled
// **/*.test.js next to this file and writes the results as JSON, since nothing pipes the extension
// host's output back to a code-server runner.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { resultsPathEnv, type IntegrationResults, type TestOutcome } from './results';

export function run(): Promise<void> {
  // Stack traces of failures then point into the .ts sources (the bundles carry inline maps).
  process.setSourceMapsEnabled(true);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  const testFiles = readdirSync(__dirname, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.test.js')).sort();
  for (const file of testFiles) mocha.addFile(join(__dirname, file));

  const resultsPath = process.env[resultsPathEnv] || join(__dirname, 'results.json');
  const outcomes: TestOutcome[] = [];
  const started = Date.now();

  return new Promise((resolveRun, rejectRun) => {
    const finish = (crash?: unknown) => {
      const results: IntegrationResults = {
        vscodeVersion: vscode.version,
        passed: outcomes.filter((test) => test.state === 'passed').length,
        failed: outcomes.filter((test) => test.state === 'failed').length,
        pending: outcomes.filter((test) => test.state === 'pending').length,
        durationMs: Date.now() - started,
        tests: outcomes,
      };
      if (testFiles.length === 0) crash ??= new Error(`no *.test.js files in ${__dirname}`);
      if (crash) outcomes.push(failure('integration suite (loading the test files)', crash));
      results.failed = outcomes.filter((test) => test.state === 'failed').length;
      mkdirSync(dirname(resultsPath), { recursive: true });
      writeFileSync(resultsPath, JSON.stringify(results, null, 2));
      // On desktop (@vscode/test-electron) a rejection is what makes the run fail.
      if (results.failed > 0) rejectRun(new Error(`${results.failed} integration test(s) failed`));
      else resolveRun();
    };
    try {
      const runner = mocha.run(() => finish());
      runner.on('pass', (test) => outcomes.push({ fullTitle: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
      runner.on('fail', (test, error) => outcomes.push(failure(test.fullTitle(), error, test.duration)));
      runner.on('pending', (test) => outcomes.push({ fullTitle: test.fullTitle(), state: 'pending', durationMs: 0 }));
    } catch (error) {
      finish(error);
    }
  });
}

function failure(fullTitle: string, error: unknown, durationMs = 0): TestOutcome {
  const { message, stack } = error instanceof Error ? error : { message: String(error), stack: undefined };
  return { fullTitle, state: 'failed', durationMs, error: { message, stack } };
}
