import { describe, expect, it } from 'vitest';
import { expandSharedTraces, parseGuestJson } from '../../main/sandbox/result-json.ts';

describe('parseGuestJson', () => {
  it('parses plain answers as they are', () => {
    const text = JSON.stringify({
      k: 'D',
      t: [{ name: 'a "quoted" \\ [x] {y}', n: 1.5e10, list: [[1], { a: null }] }],
    });
    expect(parseGuestJson(text)).toEqual(JSON.parse(text));
  });

  it('drops __proto__ keys and constructor keys holding a prototype, wherever they are', () => {
    const value = parseGuestJson(
      '{"a":{"__proto__":{"polluted":1},"b":2},"constructor":{"prototype":{"x":1}},"c":[{"__proto__":1}]}',
    ) as Record<string, unknown>;
    expect(value).toEqual({ a: { b: 2 }, c: [{}] });
    expect(Object.hasOwn(value.a as object, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('turns numbers too large to be finite into null', () => {
    expect(parseGuestJson('{"a":1e999,"b":-1E+400,"c":1e-999}')).toEqual({ a: null, b: null, c: 0 });
    expect(parseGuestJson(`[${'9'.repeat(400)}]`)).toEqual([null]);
  });

  it('refuses nesting deeper than 200 levels, and brackets inside strings do not count', () => {
    expect(() => parseGuestJson(`${'['.repeat(300)}${']'.repeat(300)}`)).toThrow(/nested deeper than 200/);
    expect(parseGuestJson(JSON.stringify({ s: '['.repeat(300) }))).toEqual({ s: '['.repeat(300) });
    const deepOk = `${'['.repeat(150)}1${']'.repeat(150)}`;
    expect(parseGuestJson(deepOk)).toEqual(JSON.parse(deepOk));
    // Many brackets, little depth: counted past the limit, then measured, and accepted.
    const wide = JSON.stringify(Array.from({ length: 500 }, (_, i) => ({ i, list: [i] })));
    expect(parseGuestJson(wide)).toEqual(JSON.parse(wide));
    const deepAmongMany = `[${'[],'.repeat(300)}${'['.repeat(201)}${']'.repeat(201)}]`;
    expect(() => parseGuestJson(deepAmongMany)).toThrow(/nested deeper than 200/);
  });

  it('refuses text over its size limit and says both sizes', () => {
    const text = JSON.stringify('a'.repeat(3 * 1024 * 1024));
    expect(() => parseGuestJson(text, 2 * 1024 * 1024)).toThrow('3 MB of data; the limit is 2 MB');
    expect(parseGuestJson(text)).toHaveLength(3 * 1024 * 1024);
  });

  it('refuses what is not text or is not JSON', () => {
    expect(() => parseGuestJson(42)).toThrow(/not text/);
    expect(() => parseGuestJson('{"a":')).toThrow();
  });
});

describe('shared stage traces', () => {
  it('puts back an input that is the previous output and an output that is its own input', () => {
    const first = { user: { id: 'u' }, context: { a: 1 } };
    const changed = { user: { id: 'u', x: 1 }, context: { a: 1 } };
    const stages = [
      { name: 'a', input: first, output: '=' },
      { name: 'b', input: '^', output: changed },
      { name: 'c', input: '^', output: '=' },
    ];
    expect(expandSharedTraces(stages)).toBe(true);
    expect(stages.map((s) => [s.input, s.output])).toEqual([
      [first, first],
      [first, changed],
      [changed, changed],
    ]);
    expect(stages[2]?.input, 'the same object, not a copy').toBe(stages[1]?.output);
  });

  it('says so when a mark refers to nothing', () => {
    expect(expandSharedTraces([{ input: '^', output: '=' }])).toBe(false);
    expect(expandSharedTraces([null, { input: '^', output: {} }])).toBe(false);
    expect(expandSharedTraces(undefined)).toBe(true);
  });
});
