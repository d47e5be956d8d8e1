// Headless Debian Chromium driven by playwright-core (no browser download possible here).
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../../scripts/find-chromium.mjs';

// Without the networking flags Chromium keeps trying to reach hosts this machine cannot reach.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-quic',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(headless = process.env.HEADED !== '1'): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless,
    args: chromiumArgs,
    // process-cleanup.ts ends the browser with everything else; playwright's own handlers would
    // race it and exit the process early.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}
