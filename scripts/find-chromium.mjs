// Finds the Chromium that playwright-core drives (playwright's own browser download cannot
// reach its host here; Debian's package can be installed).
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const candidatePaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const chromiumInstallHint = 'Install it with `apt-get update && apt-get install -y chromium` (as root), ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/** The Chromium executable to use; throws with install instructions when there is none. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which is not an executable file. ${chromiumInstallHint}`);
  }
  const found = candidatePaths.find(isExecutable);
  if (found) return found;
  throw new Error(`Chromium was not found (looked at ${candidatePaths.join(', ')}). ${chromiumInstallHint}`);
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(findChromium());
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
