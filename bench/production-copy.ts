// A scratch copy of the extension built as it ships (`node esbuild.mjs --production`): the sources
// are linked, esbuild.mjs runs there, so dist/ of the working tree (the dev build other tests use)
// is never touched. The sizes are measured on it and the workbench measures load it.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const COPIED = ['esbuild.mjs', 'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'tsconfig.json', 'media'];
const LINKED = ['src', 'webview-ui', 'scripts', 'node_modules'];

export interface ProductionCopy {
  dir: string;
  dispose(): void;
}

export function makeProductionCopy(repoRoot: string): ProductionCopy {
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-prod-'));
  try {
    for (const name of COPIED) if (existsSync(join(repoRoot, name))) cpSync(join(repoRoot, name), join(dir, name), { recursive: true });
    for (const name of LINKED) symlinkSync(join(repoRoot, name), join(dir, name));
    execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: dir, stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`the production build failed: ${stderr || (error instanceof Error ? error.message : String(error))}`);
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
