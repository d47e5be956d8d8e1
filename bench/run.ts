// `npm run bench` (full) and `npm run bench -- --quick` (CI, under two minutes): measures the
// extension against the floor of each measure and writes bench/results.md and bench/results.json
// (a quick run writes bench/results.quick.md and .json, so it never replaces the full results).
// Exits non-zero only when the harness itself breaks, never because a target is missed.
//
// Options: --quick; --render (results.md again from results.json); --only=economy,sizes,workbench (sections); --crm=close,twenty (economy CRMs).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join, resolve } from 'node:path';
import { runEconomy } from './economy/run-economy';
import { makeProductionCopy, type ProductionCopy } from './production-copy';
import { type BenchResults, renderMarkdown, tableRows } from './report';
import { measureSizes } from './sizes';
import { runWorkbench } from './workbench/run-workbench';

const repoRoot = resolve(__dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const listArg = (name: string): string[] | undefined => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]?.split(',');
const sections = listArg('only') ?? ['economy', 'sizes', 'workbench'];

function log(line: string): void {
  console.log(line);
}

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

/** `--render`: writes results.md again from results.json (after editing changes.md), measuring nothing. */
function renderOnly(): number {
  const jsonPath = join(repoRoot, 'bench', 'results.json');
  const previous = JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchResults;
  const markdown = renderMarkdown(previous, tableRows(previous), join(repoRoot, 'bench', 'changes.md'), '');
  writeFileSync(join(repoRoot, 'bench', 'results.md'), `${markdown}\n`);
  log('[bench] wrote bench/results.md from bench/results.json');
  return 0;
}

async function main(): Promise<number> {
  if (args.includes('--render')) return renderOnly();
  const started = Date.now();
  const results: BenchResults = {
    mode: quick ? 'quick' : 'full',
    date: new Date().toISOString(),
    commit: commit(),
    machine: {
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: os.cpus().length,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      loadAverage: os.loadavg(),
    },
    durationS: 0,
    harnessErrors: [],
  };
  const attempt = async (name: string, work: () => Promise<void> | void): Promise<void> => {
    if (!sections.includes(name)) return;
    log(`[bench] ${name}`);
    try {
      await work();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.harnessErrors.push(`${name}: ${message}`);
      log(`[bench] ${name} broke: ${message}`);
    }
  };

  await attempt('economy', async () => {
    results.economy = await runEconomy({ quick, repeats: quick ? 1 : 3, only: listArg('crm'), log });
  });
  let production: ProductionCopy | undefined;
  try {
    await attempt('sizes', () => {
      production = makeProductionCopy(repoRoot);
      results.sizes = measureSizes(repoRoot, production.dir, true, log);
    });
    await attempt('workbench', async () => {
      production ??= makeProductionCopy(repoRoot);
      results.workbench = await runWorkbench({ quick, extensionFolder: production.dir, log });
    });
  } finally {
    production?.dispose();
  }

  results.durationS = (Date.now() - started) / 1000;
  // Quick runs (CI) write beside the full results, never over them.
  const base = join(repoRoot, 'bench', quick ? 'results.quick' : 'results');
  const jsonPath = `${base}.json`;
  if (listArg('only')) keepOtherSections(results, jsonPath);
  const rows = tableRows(results);
  const markdown = renderMarkdown(results, rows, join(repoRoot, 'bench', 'changes.md'), jsonPath);
  writeFileSync(`${base}.md`, `${markdown}\n`);
  writeFileSync(jsonPath, `${JSON.stringify({ ...results, rows }, null, 2)}\n`);
  log('');
  log(markdown.split('\n').filter((line) => line.startsWith('|')).join('\n'));
  log(`\n[bench] wrote ${base}.md and .json in ${Math.round(results.durationS)} s`);
  return results.harnessErrors.length ? 1 : 0;
}

/** A partial run (--only) keeps the previous run's other sections, and says where they come from. */
function keepOtherSections(results: BenchResults, jsonPath: string): void {
  if (!existsSync(jsonPath)) return;
  const previous = JSON.parse(readFileSync(jsonPath, 'utf8')) as BenchResults;
  const kept: string[] = [];
  const keep = <K extends 'economy' | 'sizes' | 'workbench'>(section: string, key: K): void => {
    if (sections.includes(section) || previous[key] === undefined) return;
    results[key] = previous[key];
    // Where the section was really measured, through any number of partial runs.
    const origin = previous.measuredAt?.[section] ?? `${previous.date} (${previous.commit})`;
    results.measuredAt = { ...results.measuredAt, [section]: origin };
    kept.push(`${section} from the run of ${origin}`);
  };
  keep('economy', 'economy');
  keep('sizes', 'sizes');
  keep('workbench', 'workbench');
  if (kept.length) results.keptFrom = kept.join('; ');
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    process.exit(1);
  },
);
