/**
 * What "the host is untouched" means for the hostile suite: the sentinel file keeps its text, no
 * file appears beside it, and this process keeps its globals, prototypes, intrinsics and env.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';

export const SENTINEL_TEXT = 'the host file, untouched';

/** Identity of the intrinsics a polluted sandbox would most like to replace in the host. */
function intrinsics(): Record<string, unknown> {
  return {
    'JSON.stringify': JSON.stringify,
    'JSON.parse': JSON.parse,
    'Promise.prototype.then': Promise.prototype.then,
    'Function.prototype.call': Function.prototype.call,
    'Function.prototype.apply': Function.prototype.apply,
    'Object.keys': Object.keys,
    'Object.defineProperty': Object.defineProperty,
    'Array.prototype.push': Array.prototype.push,
    'Array.prototype.map': Array.prototype.map,
    'Reflect.ownKeys': Reflect.ownKeys,
    'Error.captureStackTrace': Error.captureStackTrace,
  };
}
const INTRINSICS = intrinsics();

export interface HostSnapshot {
  globals: string[];
  prototypes: Record<string, string[]>;
  prepareStackTrace: unknown;
  files: string[];
  env: string;
}

export function snapshotHost(dir: string): HostSnapshot {
  const names = (o: object) => Reflect.ownKeys(o).map(String).sort();
  return {
    globals: names(globalThis),
    prototypes: {
      Object: names(Object.prototype),
      Array: names(Array.prototype),
      Function: names(Function.prototype),
      Promise: names(Promise.prototype),
      String: names(String.prototype),
    },
    prepareStackTrace: Error.prepareStackTrace,
    files: readdirSync(dir).sort(),
    env: JSON.stringify(process.env),
  };
}

export function expectHostUntouched(dir: string, sentinel: string, before: HostSnapshot): void {
  expect(readFileSync(sentinel, 'utf8'), 'the sentinel file must keep its content').toBe(SENTINEL_TEXT);
  const after = snapshotHost(dir);
  expect(after.files, 'no file may appear in the sentinel folder').toEqual(before.files);
  expect(after.globals, 'the test process globals').toEqual(before.globals);
  expect(after.prototypes, 'the test process prototypes').toEqual(before.prototypes);
  expect(after.prepareStackTrace).toBe(before.prepareStackTrace);
  expect(after.env, 'process.env of the test process').toBe(before.env);
  const current = intrinsics();

  for (const [name, original] of Object.entries(INTRINSICS)) {
    expect(current[name] === original, `${name} of the test process must be the original`).toBe(true);
  }
  const probe: Record<string, unknown> = {};
  expect(probe.polluted, 'Object.prototype of the test process').toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
}
