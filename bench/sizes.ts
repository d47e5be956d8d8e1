// Measure 7: the shipped bundles minified and gzipped, and the packaged .vsix, measured on the
// production copy (production-copy.ts), so the dev build in dist/ is left alone.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Target for the minified size, where the issue sets one. */
  targetBytes?: number;
}

export interface SizeResult {
  files: FileSize[];
  vsix?: { bytes: number; targetBytes: number; files: number };
  vsixError?: string;
}

const KB = 1024;
const TARGETS: Record<string, number> = { 'extension.js': 350 * KB, 'webview.js': 250 * KB, 'board.js': 250 * KB };

export function measureSizes(repoRoot: string, productionDir: string, withVsix: boolean, log: (line: string) => void): SizeResult {
  const dist = join(productionDir, 'dist');
  const files = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((file) => {
      const content = readFileSync(join(dist, file));
      return { file: `dist/${file}`, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, targetBytes: TARGETS[file] };
    });
  const result: SizeResult = { files };
  if (!withVsix) return result;
  try {
    const vsce = join(repoRoot, 'node_modules', '.bin', 'vsce');
    const out = join(productionDir, 'bench.vsix');
    const listing = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: productionDir, encoding: 'utf8', stdio: 'pipe' });
    execFileSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out], {
      cwd: productionDir,
      stdio: 'pipe',
    });
    result.vsix = { bytes: statSync(out).size, targetBytes: KB * KB, files: listing.split('\n').filter(Boolean).length };
  } catch (error) {
    const stderr = (error as { stderr?: Buffer | string }).stderr?.toString().trim();
    result.vsixError = (stderr || (error instanceof Error ? error.message : String(error))).split('\n').slice(-3).join(' ');
    log(`  the .vsix did not build: ${result.vsixError}`);
  }
  return result;
}
