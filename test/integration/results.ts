// The integration results file: written by index.ts inside the extension host (nothing pipes its
// output back), read and printed by the runners.

export interface TestOutcome {
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: { message: string; stack?: string };
}

export interface IntegrationResults {
  vscodeVersion: string;
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  tests: TestOutcome[];
}

/** Env var naming the results file; without it index.ts writes results.json next to itself. */
export const resultsPathEnv = 'CRM_INTEGRATION_RESULTS';

/** Mocha-like text, ending with the line `integration: N passed, N failed`. */
export function formatResults(results: IntegrationResults): string {
  const lines = [`VS Code ${results.vscodeVersion}`, ''];
  for (const test of results.tests) {
    const mark = test.state === 'passed' ? '✔' : test.state === 'failed' ? '✘' : '-';
    const duration = test.state === 'passed' && test.durationMs >= 75 ? ` (${test.durationMs}ms)` : '';
    lines.push(`  ${mark} ${test.fullTitle}${duration}`);
  }
  lines.push('', `  ${results.passed} passing (${(results.durationMs / 1000).toFixed(1)}s)`);
  if (results.pending) lines.push(`  ${results.pending} pending`);
  if (results.failed) lines.push(`  ${results.failed} failing`);
  const failures = results.tests.filter((test) => test.state === 'failed');
  failures.forEach((test, index) => {
    lines.push('', `  ${index + 1}) ${test.fullTitle}:`);
    const detail = test.error?.stack?.includes(test.error.message) ? test.error.stack : `${test.error?.message}\n${test.error?.stack ?? ''}`;
    lines.push(...(detail ?? '').trimEnd().split('\n').map((line) => `     ${line}`));
  });
  lines.push('', summaryLine(results));
  return lines.join('\n');
}

export function summaryLine(results: Pick<IntegrationResults, 'passed' | 'failed' | 'pending'>): string {
  return `integration: ${results.passed} passed, ${results.failed} failed` + (results.pending ? `, ${results.pending} skipped` : '');
}
