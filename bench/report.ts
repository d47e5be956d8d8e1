// Writes bench/results.md and bench/results.json: every measure beside its floor or target, with
// the machine, date and commit, and what changed since the previous run.
import { existsSync, readFileSync } from 'node:fs';
import type { EconomyResult } from './economy/run-economy';
import type { SizeResult } from './sizes';
import { formatSpread, summarize, type Summary } from './stats';
import type { LatencyResult, WorkbenchResult } from './workbench/run-workbench';

export interface BenchResults {
  mode: 'full' | 'quick';
  date: string;
  commit: string;
  machine: { cpu: string; cores: number; memoryGb: number; os: string; node: string; loadAverage: number[] };
  durationS: number;
  economy?: EconomyResult[];
  sizes?: SizeResult;
  workbench?: WorkbenchResult;
  /** Sections a partial run (--only) took from the previous results.json, and when each was measured. */
  keptFrom?: string;
  measuredAt?: Record<string, string>;
  /** Harness failures: a measure that could not be taken. */
  harnessErrors: string[];
}

/** One row of the table, also kept in results.json for comparisons between runs. */
export interface Row {
  key: string;
  measure: string;
  scope: string;
  result: string;
  value: number | undefined;
  target: string;
  met: boolean | undefined;
  note?: string;
}

const ms = (v: number): string => `${Math.round(v)} ms`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

export function tableRows(r: BenchResults): Row[] {
  const rows: Row[] = [];
  for (const e of r.economy ?? []) {
    const last = e.runs.at(-1)!;
    const scale = e.scaledDown ? ' (N scaled down: the limit is slow)' : '';
    rows.push({
      key: `economy.${e.provider}`,
      measure: '1 Request economy R / R0',
      scope: `${e.crm}, ${e.deals.toLocaleString('en')} deals in 8 stages${scale}`,
      result: `${formatSpread(e.ratio)} — R ${last.requests}, R0 ${last.minimum}; per-deal requests ${last.perDealRequests}`,
      value: e.ratio.median,
      target: '1.00, no per-deal request',
      met: e.ratio.max <= 1.0 + 1e-9 && e.perDeal.max === 0,
    });
  }
  for (const e of r.economy ?? []) {
    const last = e.runs.at(-1)!;
    rows.push({
      key: `floor.${e.provider}`,
      measure: '2 Rate-limit floor T / T0',
      scope: `${e.crm}, limit ${e.limitText}`,
      result: `${formatSpread(e.timeRatio)} — T ${(last.ms / 1000).toFixed(1)} s, T0 ${(last.floorMs / 1000).toFixed(1)} s; 429s ${formatSpread(e.tooMany, 0)}; ${last.achievedPerSecond.toFixed(2)} req/s`,
      value: e.timeRatio.median,
      target: '≤ 1.10 and 0 × 429',
      met: e.timeRatio.median <= 1.1 && e.tooMany.max === 0,
      note: last.errors.length ? `errors: ${last.errors.join('; ')}` : undefined,
    });
  }
  const w = r.workbench;
  const lat = (key: string, measure: string, l: LatencyResult | undefined, target: string, check: (s: Summary) => boolean): void => {
    if (!l) return;
    rows.push({
      key,
      measure,
      scope: l.note,
      result: `p50 ${ms(l.summary.p50)}, p95 ${ms(l.summary.p95)} (n ${l.summary.n}, ${ms(l.summary.min)}–${ms(l.summary.max)})`,
      value: target.startsWith('p50') ? l.summary.p50 : l.summary.p95,
      target,
      met: check(l.summary),
    });
  };
  lat('tree.cold', '3 Tree: expand → first page drawn (cold)', w?.treeCold, 'p95 ≤ 150 ms', (s) => s.p95 <= 150);
  if (w?.treeCold) rows.at(-1)!.result += `; the fake's own p50 ${ms(w.treeCold.fakeMs.p50)}`;
  lat('tree.cached', '3 Tree: expand → rows drawn (cached)', w?.treeCached, 'p95 ≤ 150 ms', (s) => s.p95 <= 150);
  lat('panel', '4 Deal panel: click → fields and tasks drawn', w?.panel, 'p95 ≤ 400 ms', (s) => s.p95 <= 400);
  if (w?.panel) rows.at(-1)!.result += `; ${w.panel.requests.median} requests, the fake's own p50 ${ms(w.panel.fakeMs.p50)}`;
  lat('board', 'Board: open → every column\'s cards drawn', w?.board, 'no target set', () => true);
  if (w?.board) rows.at(-1)!.met = undefined;
  if (w?.edit) {
    lat('edit', '5 Edit round trip, minus the fake', w.edit, 'p50 ≤ 50 ms', (s) => s.p50 <= 50);
    rows.at(-1)!.result += `; gross p50 ${ms(w.edit.grossMs.p50)}, fake's own p50 ${ms(w.edit.fakeMs.p50)}`;
  }
  // Start-up: medians over fresh workbenches, not percentiles.
  const median = (key: string, measure: string, l: LatencyResult | undefined, digits: number, limitMs: number, note?: string): void => {
    if (!l) return;
    rows.push({
      key,
      measure,
      scope: l.note,
      result: `${formatSpread(l.summary, digits, ' ms')} (n ${l.summary.n})`,
      value: l.summary.median,
      target: `≤ ${limitMs} ms`,
      met: l.summary.median <= limitMs,
      note,
    });
  };
  median('startup.activate', '6 Start-up: activate()', w?.activateMs, 1, 20);
  const untilActivation = w?.firstRowsMs?.untilActivationMs;
  median('startup.firstRows', '6 Start-up: first tree rows', w?.firstRowsMs, 0, 500,
    untilActivation ? `of which ${ms(untilActivation.median)} before VS Code began activating the extension` : undefined);
  for (const f of r.sizes?.files ?? []) {
    rows.push({
      key: `size.${f.file}`,
      measure: '7 Size (minified)',
      scope: f.file,
      result: `${kb(f.bytes)} (gzip ${kb(f.gzipBytes)})`,
      value: f.bytes,
      target: f.targetBytes ? `≤ ${kb(f.targetBytes)}` : '—',
      met: f.targetBytes ? f.bytes <= f.targetBytes : undefined,
    });
  }
  if (r.sizes?.vsix) {
    rows.push({ key: 'size.vsix', measure: '7 Size', scope: `.vsix (${r.sizes.vsix.files} files)`, result: kb(r.sizes.vsix.bytes), value: r.sizes.vsix.bytes, target: `≤ ${kb(r.sizes.vsix.targetBytes)}`, met: r.sizes.vsix.bytes <= r.sizes.vsix.targetBytes });
  } else if (r.sizes?.vsixError) {
    rows.push({ key: 'size.vsix', measure: '7 Size', scope: '.vsix', result: `did not build: ${r.sizes.vsixError}`, value: undefined, target: '≤ 1 MB', met: false });
  }
  const m = w?.memory;
  if (m) {
    const growth = m.loadedBytes - m.beforeBytes;
    const left = m.removedBytes - m.beforeBytes;
    rows.push({
      key: 'memory.growth',
      measure: '8 Memory: heap growth',
      scope: `${m.deals.toLocaleString('en')} deals of a Close fake loaded (every stage to the end, ${(m.loadMs / 1000).toFixed(1)} s), after a forced GC`,
      result: mb(growth),
      value: growth,
      target: '≤ 80 MB',
      met: growth <= 80 * 2 ** 20,
    });
    rows.push({
      key: 'memory.left',
      measure: '8 Memory: left after removing the account',
      scope: 'heap after removal − heap before loading, after a forced GC',
      result: mb(left),
      value: left,
      // A few MB of the host's own churn (compiled code, inline caches) is not the account's data:
      // what is left must not grow with the deals loaded (5,000 and 50,000 leave about the same).
      target: '≈ 0: ≤ 2 MB or ≤ 10 % of the growth',
      met: left <= Math.max(2 * 2 ** 20, 0.1 * growth),
    });
  }
  return rows;
}

/** Rows whose value moved by more than 10 % against the previous results.json. */
function changesSincePrevious(rows: Row[], previousPath: string): string[] {
  if (!existsSync(previousPath)) return [];
  let previous: { rows?: Row[]; date?: string; commit?: string };
  try {
    previous = JSON.parse(readFileSync(previousPath, 'utf8'));
  } catch {
    return [];
  }
  const before = new Map((previous.rows ?? []).map((row) => [row.key, row]));
  const lines: string[] = [];
  for (const row of rows) {
    const old = before.get(row.key);
    if (!old || old.value === undefined || row.value === undefined || old.value === 0) continue;
    const change = (row.value - old.value) / Math.abs(old.value);
    if (Math.abs(change) >= 0.1) {
      lines.push(`- ${row.measure}, ${row.scope.split(',')[0]}: ${old.result.split(' — ')[0]} → ${row.result.split(' — ')[0]} (${change > 0 ? '+' : ''}${(change * 100).toFixed(0)} %)`);
    }
  }
  return lines.length ? [`Since the previous run (${previous.date ?? '?'}, ${previous.commit ?? '?'}):`, ...lines] : [];
}

export function renderMarkdown(r: BenchResults, rows: Row[], changesFile: string, previousJson: string): string {
  const busy = r.machine.loadAverage[0]! > r.machine.cores * 0.75;
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${r.mode === 'quick' ? ' -- --quick' : ''}\` (${r.mode} run, ${Math.round(r.durationS)} s). Do not edit by hand: the`,
    '"What changed a number" notes come from `bench/changes.md`.',
    '',
    `- Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB, ${r.machine.os}, Node ${r.machine.node}`,
    `- Load average at the start: ${r.machine.loadAverage.map((l) => l.toFixed(2)).join(' / ')}${busy ? ' — **the CPU was shared with other work: latencies are noisy and pessimistic**' : ''}`,
    `- Date: ${r.date}`,
    `- Commit: ${r.commit}`,
    r.keptFrom ? `- Partial run: ${r.keptFrom}` : '',
    r.mode === 'quick' ? '- Quick mode: fewer deals and runs; the numbers show the harness works, not where the extension stands.' : '',
    '',
    '| Measure | Scope | Result (median (min–max) of runs, or p50/p95) | Floor / target | Met |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.measure} | ${row.scope} | ${row.result}${row.note ? ` (${row.note})` : ''} | ${row.target} | ${row.met === undefined ? '—' : row.met ? 'yes' : '**no**'} |`),
    '',
  ];
  if (r.harnessErrors.length) lines.push('## Not measured', '', ...r.harnessErrors.map((e) => `- ${e}`), '');
  if (r.workbench?.errors.length) lines.push('## Problems the workbench run met', '', ...r.workbench.errors.map((e) => `- ${e}`), '');
  if (r.economy?.length) {
    lines.push('## Requests per CRM (last run)', '', '| CRM | Largest page | Metadata in R0 | Requests by endpoint |', '|---|---|---|---|');
    for (const e of r.economy) {
      const by = Object.entries(e.runs.at(-1)!.byEndpoint).map(([k, v]) => `${v} × \`${k}\``).join(', ');
      lines.push(`| ${e.crm} | ${e.pageText} | ${e.metadataText} | ${by} |`);
    }
    lines.push('', 'R0 = metadata calls + Σ over stages of ceil(deals in stage / largest page) (Spott: ceil(N / 50) for the one pass it must make; Hindsight: floor(deals in stage / 100) + 1, as its bare-array pages never say whether more follow).',
      'T0 = R0 / the rate the fake enforces. Stages are loaded at once, as the tree (prefetching each stage\'s first page when a pipeline opens) and the board do; the account\'s rate guard decides what goes out.', '');
  }
  lines.push('## What changed a number', '');
  const auto = changesSincePrevious(rows, previousJson);
  if (auto.length) lines.push(...auto, '');
  if (existsSync(changesFile)) lines.push(readFileSync(changesFile, 'utf8').trim(), '');
  else lines.push('Nothing recorded yet.', '');
  return lines.filter((line, i, all) => !(line === '' && all[i - 1] === '')).join('\n');
}
