/**
 * Shared helpers for `npm run bench` modules: timing, percentiles, and the tables and ratios
 * each section prints. Kept free of any benchmark's specifics so every `*-bench.ts` can use them.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';

/** Milliseconds from a monotonic clock. */
export function now(): number {
  return performance.now();
}

/**
 * The p-th percentile (0–100) of `samples`, by linear interpolation between closest ranks
 * (the same definition as NumPy's default), so p50 of an even-sized list is the mean of the middle two.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile: no samples to summarise');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile: p must be between 0 and 100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  const highValue = sorted[high] as number;
  return lowValue + (highValue - lowValue) * (rank - low);
}

export interface Summary {
  /** How many runs were measured. */
  count: number;
  /** Runs completed per second of wall time. */
  runsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
}

/** Summarises per-run latencies and the wall time the whole batch took. */
export function summarize(latenciesMs: readonly number[], wallMs: number): Summary {
  if (!(wallMs > 0)) throw new Error(`summarize: wall time must be positive, got ${wallMs}`);
  const total = latenciesMs.reduce((sum, x) => sum + x, 0);
  return {
    count: latenciesMs.length,
    runsPerSecond: (latenciesMs.length * 1000) / wallMs,
    p50Ms: percentile(latenciesMs, 50),
    p99Ms: percentile(latenciesMs, 99),
    meanMs: total / latenciesMs.length,
  };
}

/**
 * Runs `fn` `count` times one after another and records each call's latency.
 * The index lets a caller pick a different input per call.
 */
export async function measureSequential(
  count: number,
  fn: (index: number) => Promise<unknown> | unknown,
): Promise<Summary> {
  const latencies: number[] = [];
  const start = now();
  for (let i = 0; i < count; i++) {
    const t = now();
    await fn(i);
    latencies.push(now() - t);
  }
  return summarize(latencies, now() - start);
}

/** Formats a number for a table cell: enough digits to compare, no noise. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** `a / b` as "1.23×"; "n/a" when b is zero or either is not a finite number. */
export function formatRatio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return 'n/a';
  const ratio = a / b;
  if (ratio !== 0 && ratio < 0.1) return `${ratio.toPrecision(2)}×`;
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

/**
 * A plain-text table with a header rule; numeric-looking cells are right-aligned so columns of
 * figures line up.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  for (const row of rows) {
    if (row.length !== headers.length) {
      throw new Error(`formatTable: a row has ${row.length} cells but there are ${headers.length} headers`);
    }
  }
  const widths = headers.map((h, col) => Math.max(h.length, ...rows.map((row) => (row[col] ?? '').length)));
  const numeric = /^[-+]?\d[\d,.]*[×%]?$/;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, col) => {
        const width = widths[col] ?? 0;
        return numeric.test(cell) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** A section title as every bench module prints it. */
export function printSection(title: string): void {
  process.stdout.write(`\n== ${title} ==\n`);
}

/**
 * One line describing the machine, printed with every result so figures can be compared; the
 * load average says whether other work was competing for the cores while it ran.
 */
export function machineLine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = loadavg()[0] ?? 0;
  return (
    `machine: ${availableParallelism()} cores (${model}), Node ${process.version}, ` +
    `${process.platform}/${process.arch}, load average ${load.toFixed(1)} (1 min)`
  );
}
