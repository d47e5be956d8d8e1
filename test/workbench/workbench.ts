// startWorkbench(): a real VS Code 1.96 (code-server) in headless Chromium with our extension
// loaded, on a fresh profile, ready to drive. Used by the integration runner, the e2e tests and
// benchmarks. close() ends every process it started (also on failure, exit and Ctrl+C).
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { viewContainerTitle } from './paths.js';
import { closeOnExit } from './process-cleanup.js';
import { startWorkbenchServer, type WorkbenchServer, type WorkbenchServerOptions } from './server.js';
import { activityBarItem } from './ui/activity-bar.js';

export interface WorkbenchOptions extends WorkbenchServerOptions {
  viewport?: { width: number; height: number };
  /** Wait for our activity-bar item before returning (default true when the extension is loaded). */
  waitForExtension?: boolean;
  /** Milliseconds for the whole start-up (default 120 s: 2 cores, cold caches). */
  startTimeoutMs?: number;
}

export interface Workbench extends WorkbenchServer {
  page: Page;
  browser: Browser;
}

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  const remaining = () => Math.max(1000, deadline - Date.now());
  const server = await startWorkbenchServer({ ...options, listenTimeoutMs: remaining() });
  let browser: Browser | undefined;
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= (async () => {
    await browser?.close().catch(() => undefined);
    await server.close();
    unregister();
  })());
  // Playwright's own 'exit' handler kills Chromium's process group; the server registered itself.
  const unregister = closeOnExit({ close, closeNow: () => undefined });

  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    recordBrowserConsole(page, join(server.profile.rootDir, 'browser-console.log'));
    await page.goto(server.url, { timeout: remaining() });
    // The DOM appears seconds before the extension host: wait for both, and for our item.
    await page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: remaining() });
    await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: remaining() });
    await server.codeServer.waitForOutput(/Launched Extension Host Process/, remaining(), 'the extension host to launch');
    if ((options.waitForExtension ?? true) && options.extensionMode !== 'none') {
      await activityBarItem(page, viewContainerTitle).waitFor({ state: 'attached', timeout: remaining() });
    }
    return { ...server, page, browser, close };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const report = `The workbench did not start: ${message}\n${server.diagnostics()}`;
    await close();
    throw new Error(report);
  }
}

/** Keeps the page's console (the extension host's console.log shows up there too) next to the logs. */
function recordBrowserConsole(page: Page, file: string): void {
  const stream = createWriteStream(file);
  page.on('console', (message) => stream.write(`[${message.type()}] ${message.text()}\n`));
  page.on('pageerror', (error) => stream.write(`[pageerror] ${error.message}\n`));
  page.on('close', () => stream.end());
}
