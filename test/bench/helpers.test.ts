import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchName, listBenchModules } from '../../bench/discover.ts';
import {
  formatNumber,
  formatRatio,
  formatTable,
  measureSequential,
  percentile,
  summarize,
} from '../../bench/helpers.ts';

describe('percentile', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('interpolates between the closest ranks', () => {
    expect(percentile(oneToHundred, 50)).toBeCloseTo(50.5);
    expect(percentile(oneToHundred, 99)).toBeCloseTo(99.01);
    expect(percentile([10, 20], 50)).toBe(15);
  });

  it('gives the extremes at 0 and 100 and ignores input order', () => {
    const shuffled = [7, 3, 9, 1, 5];
    expect(percentile(shuffled, 0)).toBe(1);
    expect(percentile(shuffled, 100)).toBe(9);
    expect(percentile(shuffled, 50)).toBe(5);
    expect(shuffled).toEqual([7, 3, 9, 1, 5]);
  });

  it('handles a single sample and rejects bad input with a clear message', () => {
    expect(percentile([4], 99)).toBe(4);
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1], 101)).toThrow(/between 0 and 100/);
    expect(() => percentile([1], Number.NaN)).toThrow(/between 0 and 100/);
  });
});

describe('summarize and measureSequential', () => {
  it('derives runs per second from the wall time, not the sum of latencies', () => {
    const s = summarize([1, 2, 3, 4], 2);
    expect(s.count).toBe(4);
    expect(s.runsPerSecond).toBe(2000);
    expect(s.meanMs).toBe(2.5);
    expect(s.p50Ms).toBe(2.5);
    expect(() => summarize([1], 0)).toThrow(/positive/);
  });

  it('calls the function once per index, in order', async () => {
    const seen: number[] = [];
    const s = await measureSequential(5, async (i) => {
      seen.push(i);
    });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(s.count).toBe(5);
    expect(s.runsPerSecond).toBeGreaterThan(0);
  });
});

describe('formatting', () => {
  it('formats ratios and refuses to divide by zero', () => {
    expect(formatRatio(3, 2)).toBe('1.50×');
    expect(formatRatio(250, 10)).toBe('25.0×');
    expect(formatRatio(1, 200)).toBe('0.0050×');
    expect(formatRatio(0, 5)).toBe('0.00×');
    expect(formatRatio(1, 0)).toBe('n/a');
    expect(formatRatio(Number.NaN, 1)).toBe('n/a');
  });

  it('rounds numbers to a readable precision', () => {
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(123.4)).toBe('123');
    expect(formatNumber(12.34)).toBe('12.3');
    expect(formatNumber(1.234)).toBe('1.23');
    expect(formatNumber(0.01234)).toBe('0.012');
  });

  it('aligns columns, right-aligning figures', () => {
    const table = formatTable(
      ['variant', 'runs/s'],
      [
        ['direct', '12,000'],
        ['vm', '900'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'variant  runs/s',
      '-------  ------',
      'direct   12,000',
      'vm          900',
    ]);
    expect(() => formatTable(['a', 'b'], [['only one']])).toThrow(/1 cells but there are 2 headers/);
  });
});

describe('bench module discovery', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-discover-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const file of ['executor-bench.ts', 'ui-bench.ts', 'helpers.ts', 'run.ts', 'notes-bench.md']) {
    writeFileSync(join(dir, file), '');
  }
  mkdirSync(join(dir, 'nested-bench.ts'));

  it('lists only *-bench.ts files, sorted', () => {
    expect(listBenchModules(dir)).toEqual(['executor-bench.ts', 'ui-bench.ts']);
  });

  it('filters by a part of the name, case-insensitively', () => {
    expect(listBenchModules(dir, 'EXEC')).toEqual(['executor-bench.ts']);
    expect(listBenchModules(dir, 'nothing')).toEqual([]);
    expect(benchName('executor-bench.ts')).toBe('executor');
  });
});
