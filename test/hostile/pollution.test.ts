/**
 * Hostile code, part 5: the guest replaces or poisons what the executor's own code might read
 * (prototypes, JSON, Promise, Function.prototype.call, setters on Object.prototype) before
 * handing back its result. The run must still report the true data, or fail clearly — and the
 * host and the next run must never see the poison.
 */
import { expect } from 'vitest';
import type { RunResult } from '../../shared/run-result.ts';
import { describeInEachContext, type HostileCase } from './hostile-harness.ts';

/** The stage continued and the host received the true user the guest passed to callback. */
function expectTrueUser(nickname = 'ana') {
  return (result: RunResult) => {
    expect(result.outcome).toBe('continue');
    expect(result.user).toMatchObject({ id: 'user-1', email: 'ana@example.com', nickname });
    expect(result.user?.admin).toBeUndefined();
  };
}

/**
 * Where JSON's own rules make the poison part of the data (a `toJSON` the guest installed), the
 * executor may refuse the result; if it accepts it, the host must still hold the true user.
 */
function expectTrueUserOrClearError(result: RunResult): void {
  if (result.outcome === 'continue') expectTrueUser()(result);
}

const CASES: HostileCase[] = [
  {
    name: 'Object.prototype.toJSON installed before callback',
    code: `function pipe(user, context, callback) {
  Object.prototype.toJSON = function HOSTILE() { return 'hijacked'; };
  callback(null, user, context);
}`,
    outcome: ['continue', 'error'],
    message: /user|object|hijacked/i,
    check: expectTrueUserOrClearError,
  },
  {
    name: 'JSON.stringify replaced with a forger',
    code: `function pipe(user, context, callback) {
  JSON.stringify = function HOSTILE() {
    return '{"id":"user-1","email":"ana@example.com","nickname":"ana","admin":true}';
  };
  user.nickname = 'honest';
  callback(null, user, context);
}`,
    outcome: 'continue',
    check: expectTrueUser('honest'),
  },
  {
    name: 'JSON.parse replaced',
    code: `function pipe(user, context, callback) {
  JSON.parse = function HOSTILE() { return { admin: true, email: 'evil@attacker.test' }; };
  callback(null, user, context);
}`,
    outcome: 'continue',
    check: expectTrueUser(),
  },
  {
    name: 'Promise.prototype.then replaced in an async function',
    code: `async function pipe(user, context, callback) {
  Promise.prototype.then = function HOSTILE() { return this; };
  user.nickname = 'then replaced';
  callback(null, user, context);
}`,
    outcome: 'continue',
    check: expectTrueUser('then replaced'),
  },
  {
    name: 'Function.prototype.call, apply and bind replaced before callback',
    code: `function pipe(user, context, callback) {
  Function.prototype.call = function HOSTILE() { throw new Error('HOSTILE call'); };
  Function.prototype.apply = function HOSTILE() { throw new Error('HOSTILE apply'); };
  Function.prototype.bind = function HOSTILE() { throw new Error('HOSTILE bind'); };
  user.nickname = 'call replaced';
  callback(null, user, context);
}`,
    outcome: 'continue',
    check: expectTrueUser('call replaced'),
  },
  {
    name: 'Object.keys, Object.entries, Reflect.ownKeys and Object.defineProperty replaced',
    code: `function pipe(user, context, callback) {
  Object.keys = function HOSTILE() { return ['admin']; };
  Object.entries = function HOSTILE() { return [['admin', true]]; };
  Reflect.ownKeys = function HOSTILE() { return ['admin']; };
  Object.defineProperty = function HOSTILE() { throw new Error('HOSTILE defineProperty'); };
  callback(null, user, context);
}`,
    outcome: 'continue',
    check: expectTrueUser(),
  },
  {
    name: 'Array.prototype push, map, join and the iterator replaced, then logging',
    code: `function pipe(user, context, callback) {
  Array.prototype.push = function HOSTILE() { throw new Error('HOSTILE push'); };
  Array.prototype.map = function HOSTILE() { throw new Error('HOSTILE map'); };
  Array.prototype.join = function HOSTILE() { throw new Error('HOSTILE join'); };
  Array.prototype[Symbol.iterator] = function HOSTILE() { throw new Error('HOSTILE iterator'); };
  log('still logging', 'after arrays were replaced');
  user.nickname = 'arrays replaced';
  callback(null, user, context);
}`,
    outcome: 'continue',
    check(result, stage) {
      expectTrueUser('arrays replaced')(result);
      expect(stage.logs.join('\n')).toContain('still logging');
    },
  },
  {
    name: 'accessors on Object.prototype for names an executor might write',
    code: `function pipe(user, context, callback) {
  const names = ['user', 'context', 'result', 'error', 'message', 'outcome', 'customData', 'idToken', 'logs'];
  for (const key of names) {
    Object.defineProperty(Object.prototype, key, {
      configurable: true,
      get() { return 'HOSTILE'; },
      set(value) { globalThis.pwned = value; },
    });
  }
  callback(null, user, context);
}`,
    outcome: 'continue',
    check(result) {
      expectTrueUser()(result);
      expect(result.customData).toEqual({});
    },
  },
  {
    name: 'a thenable Object.prototype',
    code: `function pipe(user, context, callback) {
  Object.prototype.then = function HOSTILE(resolve) { resolve('hijacked'); };
  callback(null, user, context);
}`,
    outcome: 'continue',
    check: expectTrueUser(),
  },
  {
    name: 'module state (lodash, ./utils, crypto) and env changed for whoever runs next',
    code: `function pipe(user, context, callback) {
  const _ = require('lodash');
  _.mixin({ capitalize: function HOSTILE() { return 'PWNED'; } });
  _.sortBy = function HOSTILE() { return ['pwned']; };
  require('./utils').ipRangeCheck = function HOSTILE() { return false; };
  require('crypto').pwned = true;
  env.GREETING = 'pwned';
  user.nickname = _.capitalize('x');
  callback(null, user, context);
}`,
    outcome: 'continue',
    check(result) {
      // Within its own stage the change is the guest's business; the next runs must not see it.
      expect(result.user?.nickname).toBe('PWNED');
    },
    warmCheck(result) {
      // Frozen there: the mixin and the other writes are ignored (sloppy code), lodash is intact.
      expect(result.user?.nickname).toBe('X');
    },
  },
  {
    name: 'Error replaced with a forger before throwing',
    code: `function pipe(user, context, callback) {
  const RealError = Error;
  globalThis.Error = function HOSTILE(message) { return { message: 'forged: ' + message }; };
  throw new RealError('the real failure');
}`,
    outcome: 'error',
    message: /the real failure/,
    line: 4,
  },
  {
    name: 'Function.prototype.toString replaced to hide the poison',
    code: `function pipe(user, context, callback) {
  Function.prototype.toString = function HOSTILE() { return 'function () { [native code] }'; };
  JSON.stringify = function HOSTILE() { return '{"admin":true}'; };
  callback(null, user, context);
}`,
    outcome: 'continue',
    check: expectTrueUser(),
  },
];

describeInEachContext('hostile code: poisoning what the executor reads', CASES);
