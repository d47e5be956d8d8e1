/**
 * The `stages` knob every fake shares: a main pipeline of exactly `count` stages, for benchmarks
 * that build "10,000 deals in 8 stages". The fake's own open stages come first, extended with
 * generated ones ("Stage 6", …); its closed stages (won, lost) stay last while there is room.
 */
export function stagePlan<T>(open: readonly T[], closed: readonly T[], count: number, extra: (position: number) => T): T[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`stages must be a whole number of at least 1, not ${count}`);
  const openCount = Math.max(1, count - closed.length);
  const opens = Array.from({ length: openCount }, (_, i) => open[i] ?? extra(i + 1));
  return [...opens, ...closed.slice(0, count - openCount)];
}
