import { describe, expect, it } from 'vitest';
import { findJsonErrorOffset, lineColumnAt } from '../../main/workspace/json-location.ts';
import { findPathOffset } from '../../main/workspace/json-path-location.ts';

const BROKEN = [
  '{"a":1,}',
  '{"a":1',
  '{\n "a": 1\n "b": 2}',
  '[1,2]x',
  '{"a": tru}',
  '{"a": "x\ny"}',
  '[01]',
  '{"a" 1}',
  '{a: 1}',
  '[1,,2]',
  '"\\q"',
  '"\\u12x4"',
  '{"a": -}',
  '{"a": [1, 2}',
  '[1.]',
  '[1.e5]',
  '[1e]',
  '[1e+]',
  '[-a]',
  '[1.5x]',
];

describe('locating JSON syntax errors', () => {
  it('finds no error in valid JSON', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, null, "\\u00e9\\n"]} ', '"x"', '0']) {
      expect(findJsonErrorOffset(text), text).toBe(-1);
    }
  });

  it('agrees with V8 wherever V8 states a position', () => {
    let compared = 0;
    for (const text of BROKEN) {
      let message = '';
      try {
        JSON.parse(text);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, text).not.toBe('');
      const stated = /at position (\d+)/.exec(message)?.[1];
      const found = findJsonErrorOffset(text);
      expect(found, text).toBeGreaterThanOrEqual(0);
      if (stated !== undefined) {
        expect(found, `${JSON.stringify(text)}: ${message}`).toBe(Number(stated));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5);
  });

  it('counts lines and columns from 1', () => {
    expect(lineColumnAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('ab', 99)).toEqual({ line: 1, column: 3 });
  });
});

describe('locating a field path in JSON text', () => {
  const text =
    '{\n  "a\\"b": 1,\n  "stages": [\n    { "name": "x" },\n    {\n      "name": "y",\n      "t": 99\n    }\n  ]\n}';
  const at = (path: PropertyKey[]) => lineColumnAt(text, findPathOffset(text, path));

  it('points at the key of a member and at an array item', () => {
    expect(at(['stages', 1, 't'])).toEqual({ line: 7, column: 7 });
    expect(at(['stages', 0])).toEqual({ line: 4, column: 5 });
    expect(at(['a"b'])).toEqual({ line: 2, column: 3 });
  });

  it('points at the object that lacks a missing field, and at the root for an empty path', () => {
    expect(at(['stages', 0, 'file'])).toEqual({ line: 4, column: 5 });
    expect(at(['missing'])).toEqual({ line: 1, column: 1 });
    expect(at([])).toEqual({ line: 1, column: 1 });
  });
});
