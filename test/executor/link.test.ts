import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createLinkPath,
  LineReader,
  type LinkAddress,
  readHello,
  readResultLine,
  resultLine,
} from '../../main/sandbox/link.ts';

const address: LinkAddress = { path: '/unused', token: 'the-right-token', generation: 3 };
const hello = (fields: Record<string, unknown>) =>
  JSON.stringify({ type: 'hello', token: 'the-right-token', generation: 3, slot: 1, worker: 7, ...fields });

describe('the run link', () => {
  it('cuts a byte stream into lines, across chunks and inside multi-byte characters', () => {
    const lines: string[] = [];
    const reader = new LineReader();
    const bytes = Buffer.from('1\t{"a":"é€😀"}\n2\t{}\n\n3\t{"b":1}\n4\t{"c"', 'utf8');
    // Every split point, including ones inside the multi-byte characters.
    for (let cut = 0; cut <= bytes.length; cut++) {
      lines.length = 0;
      const split = new LineReader();
      split.push(bytes.subarray(0, cut), (line) => lines.push(line));
      split.push(bytes.subarray(cut), (line) => lines.push(line));
      expect(lines, `cut at byte ${cut}`).toEqual(['1\t{"a":"é€😀"}', '2\t{}', '', '3\t{"b":1}']);
    }
    // Byte by byte, then the rest of the unfinished line arrives.
    lines.length = 0;
    for (const byte of bytes) reader.push(Buffer.from([byte]), (line) => lines.push(line));
    reader.push(Buffer.from(':2}\n'), (line) => lines.push(line));
    expect(lines).toEqual(['1\t{"a":"é€😀"}', '2\t{}', '', '3\t{"b":1}', '4\t{"c":2}']);
  });

  it('reads result lines and refuses anything else', () => {
    expect(readResultLine(resultLine(42, '{"outcome":"continue"}'))).toEqual({
      id: 42,
      json: '{"outcome":"continue"}',
    });
    expect(readResultLine('{"type":"hello"}')).toBeNull();
    expect(readResultLine('\t{}')).toBeNull();
    expect(readResultLine('x1\t{}')).toBeNull();
  });

  it('accepts only the hello of a worker of this host start with the right token', () => {
    expect(readHello(hello({}), address, 2)).toMatchObject({ slot: 1, worker: 7 });
    expect(readHello(hello({ token: 'the-wrong-token' }), address, 2), 'wrong token').toBeNull();
    expect(readHello(hello({ token: 'short' }), address, 2), 'token of another length').toBeNull();
    expect(readHello(hello({ token: 5 }), address, 2), 'token not a string').toBeNull();
    expect(readHello(hello({ generation: 2 }), address, 2), 'an earlier host start').toBeNull();
    expect(readHello(hello({ slot: 2 }), address, 2), 'slot past the pool').toBeNull();
    expect(readHello(hello({ slot: -1 }), address, 2), 'negative slot').toBeNull();
    expect(readHello(hello({ worker: '7' }), address, 2), 'worker not a number').toBeNull();
    expect(readHello(hello({ type: 'result' }), address, 2), 'not a hello').toBeNull();
    expect(readHello('not json', address, 2)).toBeNull();
    expect(readHello('null', address, 2)).toBeNull();
  });

  it('makes a private place for the link and removes it', () => {
    const place = createLinkPath();
    if (process.platform !== 'win32') expect(existsSync(dirname(place.path))).toBe(true);
    place.dispose();
    expect(existsSync(dirname(place.path))).toBe(process.platform === 'win32');
  });
});
