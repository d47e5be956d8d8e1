/**
 * Drives the deal panel preview in Chromium like a person would and fails on the first thing that
 * does not work: edits of every kind, failures, conflicts, tasks, the keyboard, hide/show, themes.
 *
 *   npm run build && npx tsx webview-ui/dev/drive-preview.mts
 * Screenshots land in out/webview-dev/screens/.
 */
import { assert, cspViolations, launch, openPanel, SCREENS } from './drive-helpers.mjs';
import { driveFields } from './drive-fields.mjs';
import { driveKeyboard } from './drive-keyboard.mjs';
import { driveScreens } from './drive-screens.mjs';
import { driveLoadStates, driveState } from './drive-state.mjs';
import { driveTasks } from './drive-tasks.mjs';
import { startPreviewServer } from './preview-server.mjs';

let passed = 0;
let failed = 0;
async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
    passed += 1;
    console.log(`  ok   ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`  FAIL ${name}\n       ${error instanceof Error ? error.message.split('\n').join('\n       ') : String(error)}`);
  }
}

const { server, origin } = await startPreviewServer();
const browser = await launch();
try {
  const { page, problems, warnings } = await driveFields(browser, origin, step);
  await driveTasks(page, step);
  await driveKeyboard(page, step);
  await driveState(page, step, warnings);
  await step('no console errors, CSP refusals, page errors or dialogs along the way', async () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(await cspViolations(page), []);
    assert.ok(!warnings.some((w) => /Content Security Policy|Refused/.test(w)), warnings.join('\n'));
  });
  await page.context().close();
  await driveLoadStates(browser, origin, step);
  await step('the CSP is the host\'s and the page still works under it', async () => {
    const { page: fresh } = await openPanel(browser, origin);
    const csp = await fresh.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /^default-src 'none'; img-src http:\/\/127\.0\.0\.1:\d+ https: data:; style-src http:\/\/127\.0\.0\.1:\d+ 'unsafe-inline'; font-src http:\/\/127\.0\.0\.1:\d+; script-src 'nonce-[^']+';$/);
    const adopted = await fresh.evaluate(() => document.querySelector('vscode-button')?.shadowRoot?.adoptedStyleSheets.length ?? 0);
    assert.ok(adopted > 0, 'VS Code Elements styles applied as constructable stylesheets');
    const inline = await fresh.evaluate(() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.body.append(s); return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true; });
    assert.equal(inline, false, 'an inline script without the nonce must not run');
    await fresh.context().close();
  });
  const shots = await driveScreens(browser, origin, step);
  console.log(`\nScreenshots in ${SCREENS}: ${shots.join(', ')}`);
} finally {
  await browser.close();
  server.close();
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
