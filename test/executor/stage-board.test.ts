import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StageBoard, stageMarker } from '../../main/sandbox/stage-board.ts';

describe('the stage board', () => {
  it('keeps the last stage each worker marked, slot by slot', () => {
    const board = new StageBoard(2);
    try {
      expect(board.read()).toEqual([]);
      const first = stageMarker(board.path, 0);
      const second = stageMarker(board.path, 1);
      first(7, 0);
      first(7, 3);
      second(123456789, 1);
      expect(board.read()).toEqual([
        { runId: 7, stageIndex: 3 },
        { runId: 123456789, stageIndex: 1 },
      ]);
      first(8, 0);
      expect(board.read()).toContainEqual({ runId: 8, stageIndex: 0 });
    } finally {
      board.dispose();
    }
    expect(existsSync(board.path)).toBe(false);
  });

  it('skips a slot it cannot read and marks nothing without a board', () => {
    const board = new StageBoard(2);
    try {
      writeFileSync(board.path, `${'[1,'.padEnd(48, ' ')}${'[2,0]'.padEnd(48, ' ')}`);
      expect(board.read()).toEqual([{ runId: 2, stageIndex: 0 }]);
      expect(() => stageMarker(undefined, 0)(1, 1)).not.toThrow();
    } finally {
      board.dispose();
    }
    expect(board.read()).toEqual([]);
  });
});
