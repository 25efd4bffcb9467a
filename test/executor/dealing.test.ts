import { describe, expect, it } from 'vitest';
import { BULK_PER_LINK, dealOrder, runsPerLink } from '../../main/executor/dealing.ts';

describe('dealing runs to the workers', () => {
  it('keeps a few runs in each worker only when many wait, and live runs one at a time', () => {
    expect(runsPerLink(1000, 2, false)).toBe(BULK_PER_LINK);
    expect(runsPerLink(2 * BULK_PER_LINK, 2, false)).toBe(BULK_PER_LINK);
    expect(runsPerLink(4, 2, false)).toBe(BULK_PER_LINK / 2);
    expect(runsPerLink(3, 2, false)).toBe(1);
    expect(runsPerLink(1000, 2, true)).toBe(1);
  });

  it('deals one run per link per round, so a short batch reaches every worker', () => {
    expect(dealOrder([0, 0], 4, 4)).toEqual([0, 1, 0, 1]);
    expect(dealOrder([0, 0, 0], 1, 2)).toEqual([0, 1]);
    expect(dealOrder([1, 0], 1, 5), 'a busy link takes nothing at one run per link').toEqual([1]);
  });

  it('tops a link up only once half its runs are done, then to the limit', () => {
    expect(dealOrder([5, 0], 8, 100), 'more than half still in flight: skipped').toEqual(Array(8).fill(1));
    expect(dealOrder([4, 0], 8, 100)).toEqual([1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(dealOrder([8, 8], 8, 100)).toEqual([]);
  });

  it('never deals more runs than wait', () => {
    expect(dealOrder([0, 0], 8, 3)).toEqual([0, 1, 0]);
    expect(dealOrder([0, 0], 8, 0)).toEqual([]);
  });
});
