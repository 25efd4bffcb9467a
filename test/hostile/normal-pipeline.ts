/**
 * The normal pipeline every hostile case runs afterwards. Its first stage inspects its own global
 * scope for anything a hostile run could have left behind (per-run isolation); its second does
 * ordinary work whose exact result is known.
 */
import { expect } from 'vitest';
import type { RunResult } from '../../shared/run-result.ts';

/** Hostile cases name what they plant `pwned`/`polluted`, or put "HOSTILE" in replaced functions. */
const probe = `function pipe(user, context, callback) {
  const dirty = [];
  const fnToString = Function.prototype.toString;
  const isNative = (f) => typeof f === 'function' && /\\[native code\\]/.test(fnToString.call(f));
  if (!isNative(fnToString)) dirty.push('Function.prototype.toString');
  if (typeof globalThis.pwned !== 'undefined') dirty.push('globalThis.pwned');
  if ({}.polluted !== undefined) dirty.push('Object.prototype.polluted');
  if ([].polluted !== undefined) dirty.push('Array.prototype.polluted');
  if ('toJSON' in Object.prototype) dirty.push('Object.prototype.toJSON');
  if ('toJSON' in Array.prototype) dirty.push('Array.prototype.toJSON');
  const intrinsics = {
    'JSON.stringify': JSON.stringify,
    'JSON.parse': JSON.parse,
    'Promise.prototype.then': Promise.prototype.then,
    'Promise.resolve': Promise.resolve,
    'Function.prototype.call': Function.prototype.call,
    'Function.prototype.apply': Function.prototype.apply,
    'Function.prototype.bind': Function.prototype.bind,
    'Object.keys': Object.keys,
    'Object.entries': Object.entries,
    'Object.defineProperty': Object.defineProperty,
    'Object.prototype.hasOwnProperty': Object.prototype.hasOwnProperty,
    'Array.prototype.push': Array.prototype.push,
    'Array.prototype.map': Array.prototype.map,
    'Array.prototype.join': Array.prototype.join,
    'Array.prototype[Symbol.iterator]': Array.prototype[Symbol.iterator],
    'String.prototype.split': String.prototype.split,
    'Reflect.ownKeys': Reflect.ownKeys,
    'Error.captureStackTrace': Error.captureStackTrace,
  };
  for (const name of Object.keys(intrinsics)) if (!isNative(intrinsics[name])) dirty.push(name);
  if (/HOSTILE/.test(String(Error.prepareStackTrace))) dirty.push('Error.prepareStackTrace');
  for (const key of ['user', 'context', 'result', 'error', 'message', 'outcome', 'then']) {
    if (Object.getOwnPropertyDescriptor(Object.prototype, key)) dirty.push('Object.prototype.' + key);
  }
  if (typeof Error !== 'function' || !isNative(Error)) dirty.push('Error');
  user.probe = dirty;
  callback(null, user, context);
}
`;

const work = `async function pipe(user, context, callback) {
  const _ = require('lodash');
  const { ipRangeCheck } = require('./utils');
  user.addCustomData('office', ipRangeCheck(context.request.ip, ['10.0.0.0', '10.255.255.255']));
  user.addCustomData('tags', _.sortBy(['b', 'c', 'a']));
  user.nickname = _.capitalize(user.nickname) + ' (' + env.GREETING + ')';
  log('normal stage ran for ' + user.email);
  callback(null, user, context);
}
`;

export const NORMAL_STAGES: ReadonlyArray<{ name: string; code: string }> = [
  { name: 'probe', code: probe },
  { name: 'work', code: work },
];

/** The exact result the normal pipeline must produce after any hostile run. */
export function expectNormalResult(result: RunResult): void {
  expect(result.error?.message, 'the normal run must not fail').toBeUndefined();
  expect(result.outcome).toBe('continue');
  expect(result.stages.map((s) => [s.name, s.outcome])).toEqual([
    ['probe', 'continue'],
    ['work', 'continue'],
  ]);
  expect(result.user?.probe, 'what the previous run left in the sandbox').toEqual([]);
  expect(result.user).toMatchObject({ id: 'user-1', email: 'ana@example.com', nickname: 'Ana (hello)' });
  expect(result.customData).toEqual({ office: true, tags: ['a', 'b', 'c'] });
  expect(result.stages[1]?.logs.join('\n')).toContain('normal stage ran for ana@example.com');
}
