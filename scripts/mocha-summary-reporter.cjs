// Mocha's spec output plus a closing line `<label>: N passed, N failed` (the line CI reads), and
// the counts as JSON in MOCHA_SUMMARY_FILE when set (scripts/test.mjs adds up the stages).
//   mocha --reporter ./scripts/mocha-summary-reporter.cjs --reporter-option label=unit
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options = {}) {
    super(runner, options);
    const label = options.reporterOptions?.label ?? process.env.MOCHA_SUMMARY_LABEL ?? 'mocha';
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes = 0, failures = 0, pending = 0 } = this.stats;
      console.log(`\n${label}: ${passes} passed, ${failures} failed` + (pending ? `, ${pending} skipped` : ''));
      if (process.env.MOCHA_SUMMARY_FILE) {
        writeFileSync(process.env.MOCHA_SUMMARY_FILE, JSON.stringify({ label, passed: passes, failed: failures, pending }) + '\n');
      }
    });
  }
}

module.exports = SummaryReporter;
