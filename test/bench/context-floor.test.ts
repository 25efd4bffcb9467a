import { describe, expect, it } from 'vitest';
import { measureContextFloor } from '../../bench/executor/context-floor.ts';

describe('context floor of the executor benchmark', () => {
  it('times both kinds of fresh context and frees what it made', () => {
    const floor = measureContextFloor(5);
    for (const ms of [floor.nodeVmMs, floor.sandboxMs]) {
      expect(Number.isFinite(ms)).toBe(true);
      expect(ms).toBeGreaterThan(0);
    }
  });
});
