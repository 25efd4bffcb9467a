import { describe, expect, it } from 'vitest';
import { hitFrozen, readStatus, withDuration } from '../../main/sandbox/guest-answer.ts';

describe('guest answers', () => {
  it('reads a status line, the result once done, and the traces after it', () => {
    expect(readStatus('S2')).toEqual({ k: 'S', i: 2 });
    expect(readStatus('W0\n{"name":"a"}')).toEqual({ k: 'W', i: 0, texts: ['{"name":"a"}'] });
    expect(readStatus('D3\n{"outcome":"continue"}\n{"name":"a"}\n{"name":"b"}')).toEqual({
      k: 'D',
      i: 3,
      r: '{"outcome":"continue"}',
      texts: ['{"name":"a"}', '{"name":"b"}'],
    });
    expect(readStatus('X')).toEqual({ k: 'X', i: -1 });
  });

  it('refuses anything else', () => {
    expect(() => readStatus(42)).toThrow('not text');
    expect(() => readStatus('{"k":"S","i":1}')).toThrow('unexpected value');
    expect(() => readStatus('S')).toThrow('unexpected value');
    expect(() => readStatus('Q1')).toThrow('unexpected value');
    expect(() => readStatus('S1x')).toThrow('unexpected value');
  });

  it('adds a duration to a trace only when it is one JSON object', () => {
    expect(withDuration('{"name":"a"}', 1.5)).toBe('{"name":"a","durationMs":1.5}');
    expect(withDuration('{}', 2)).toBe('{"durationMs":2}');
    expect(withDuration('[1]', 2)).toBeNull();
  });

  it('tells a write to something frozen from other errors', () => {
    const trace = (message: string) => JSON.stringify({ name: 'a', error: { message } });
    expect(hitFrozen([trace('TypeError: Cannot add property x, object is not extensible')])).toBe(true);
    expect(hitFrozen([trace("Cannot assign to read only property 'now' of object")])).toBe(true);
    expect(hitFrozen([trace('Cannot read properties of undefined')])).toBe(false);
    expect(hitFrozen(['not json'])).toBe(false);
  });
});
