// Mocha hooks that share ONE workbench between the tests of a describe block (start-up takes
// 5-15 s on 2 cores), and screenshot the page of a failed test to test-results/.
import { startWorkbench, takeScreenshot, type Workbench, type WorkbenchOptions } from '../workbench/index.js';

/**
 * Call inside describe(): starts the workbench before the block's first test and closes it after
 * the last one. Returns a getter, since the workbench exists only once `before` ran.
 */
export function useWorkbench(options: WorkbenchOptions = {}): () => Workbench {
  let workbench: Workbench | undefined;

  before(async function () {
    this.timeout((options.startTimeoutMs ?? 120_000) + 10_000);
    workbench = await startWorkbench(options);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      const path = await takeScreenshot(workbench.page, `failed-${this.currentTest.fullTitle()}`).catch(() => undefined);
      if (path) console.log(`      screenshot of the failure: ${path}`);
    }
  });

  after(async function () {
    this.timeout(30_000);
    await workbench?.close();
  });

  return () => {
    if (!workbench) throw new Error('the workbench has not started (did the before hook fail?)');
    return workbench;
  };
}
