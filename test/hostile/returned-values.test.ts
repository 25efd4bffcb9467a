/**
 * Hostile code, part 6: what the guest hands back is a trap — proxies, getters that throw or
 * mutate, `__proto__` and `constructor.prototype` keys, exotic values, a user that is not an
 * object. Only plain JSON data may reach the host (the harness checks every run for it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../shared/run-result.ts';
import { type HostileCase, type HostileSuite, openSuite, runHostileCase } from './hostile-harness.ts';

/** A `__proto__` key may arrive as an own data property or be dropped; it must never become a prototype. */
function expectNoPrototypeChange(value: unknown, label: string): void {
  expect(value, label).toBeTypeOf('object');
  const proto = Object.getPrototypeOf(value);
  expect(proto === Object.prototype || proto === null, `${label} keeps a plain prototype`).toBe(true);
  expect((value as Record<string, unknown>).polluted, `${label}.polluted`).toBeUndefined();
}

const CASES: HostileCase[] = [
  {
    name: '__proto__ key from JSON.parse in the returned user',
    code: `function pipe(user, context, callback) {
  const next = JSON.parse('{"__proto__": {"polluted": "yes"}, "id": "user-1", "email": "ana@example.com"}');
  callback(null, next, context);
}`,
    outcome: 'continue',
    check(result) {
      expectNoPrototypeChange(result.user, 'user');
      expect(result.user?.email).toBe('ana@example.com');
    },
  },
  {
    name: '__proto__ own property on a nested context object',
    code: `function pipe(user, context, callback) {
  Object.defineProperty(context.request, '__proto__', { value: { polluted: 'yes' }, enumerable: true });
  callback(null, user, context);
}`,
    outcome: 'continue',
    check(result) {
      expectNoPrototypeChange(result.context.request, 'context.request');
      expect(result.context).toMatchObject({ request: { ip: '10.1.2.3' } });
    },
  },
  {
    name: 'constructor.prototype keys in the returned user',
    code: `function pipe(user, context, callback) {
  user.constructor = { prototype: { polluted: 'yes' } };
  callback(null, user, context);
}`,
    outcome: 'continue',
    check(result) {
      expectNoPrototypeChange(result.user, 'user');
    },
  },
  {
    name: 'addCustomData with __proto__ and constructor keys',
    code: `function pipe(user, context, callback) {
  user.addCustomData('__proto__', { polluted: 'yes' });
  user.addCustomData('constructor', { prototype: { polluted: 'yes' } });
  callback(null, user, context);
}`,
    // Refusing such keys with a clear error is as good as storing them as plain data.
    outcome: ['continue', 'error'],
    message: /__proto__|key/i,
    check(result) {
      expectNoPrototypeChange(result.customData, 'customData');
    },
  },
  {
    name: 'proxy with throwing traps as the returned user',
    code: `function pipe(user, context, callback) {
  const trap = () => { throw new Error('proxy trap sprung'); };
  const handler = { get: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, has: trap, getPrototypeOf: trap };
  callback(null, new Proxy(user, handler), context);
}`,
    outcome: 'error',
    message: /proxy trap sprung/,
  },
  {
    name: 'proxy whose ownKeys trap never returns',
    code: `function pipe(user, context, callback) {
  callback(null, new Proxy(user, { ownKeys() { for (;;) {} } }), context);
}`,
    outcome: 'timeout',
    message: /timed out|time limit|timeout/i,
  },
  {
    name: 'proxy of infinite depth as the returned context',
    code: `function pipe(user, context, callback) {
  const deep = new Proxy({}, {
    get: () => deep,
    ownKeys: () => ['again'],
    getOwnPropertyDescriptor: () => ({ value: deep, enumerable: true, configurable: true }),
  });
  callback(null, user, deep);
}`,
    // Cut as a cycle (continue) or refused (error): either way only inert JSON comes back.
    outcome: ['error', 'continue'],
    message: /circular|cycl|Maximum call stack|depth|nest/i,
  },
  {
    name: 'throwing getter on the returned user',
    code: `function pipe(user, context, callback) {
  Object.defineProperty(user, 'secret', { enumerable: true, get() { throw new Error('getter sprung'); } });
  callback(null, user, context);
}`,
    // Running the getter fails the stage with its error; never running it leaves an inert value.
    outcome: ['error', 'continue'],
    message: /getter sprung/,
    check(result) {
      if (result.outcome !== 'continue') return;
      expect(result.user?.secret).toBeTypeOf('string');
      expect(result.user?.email).toBe('ana@example.com');
    },
  },
  {
    name: 'getter that mutates the object while it is copied',
    code: `function pipe(user, context, callback) {
  let reads = 0;
  Object.defineProperty(user, 'counter', {
    enumerable: true,
    get() {
      reads += 1;
      user['extra' + reads] = reads;
      Object.prototype.polluted = 'from a getter';
      return reads;
    },
  });
  callback(null, user, context);
}`,
    outcome: 'continue',
    check(result) {
      // Read once (a number) or never run (an inert string); the rest as the guest left it.
      expect(['number', 'string']).toContain(typeof result.user?.counter);
      expect(result.user?.email).toBe('ana@example.com');
    },
  },
  {
    name: 'exotic values come back as JSON data or not at all',
    code: `function pipe(user, context, callback) {
  user.when = new Date('2026-01-02T03:04:05Z');
  user.map = new Map([['a', 1]]);
  user.set = new Set([1]);
  user.fn = function () {};
  user.nothing = undefined;
  user.nan = NaN;
  user.inf = Infinity;
  user[Symbol('hidden')] = 'symbol key';
  user.bytes = new Uint8Array([1, 2]);
  callback(null, user, context);
}`,
    // A Date becomes its ISO string under JSON; an executor may also refuse such values outright.
    outcome: ['continue', 'error'],
    check(result) {
      if (result.outcome !== 'continue') return;
      expect(result.user?.email).toBe('ana@example.com');
      expect(result.user?.fn).toBeUndefined();
    },
  },
  {
    name: 'BigInt in the returned user',
    code: `function pipe(user, context, callback) {
  user.balance = 10n ** 30n;
  callback(null, user, context);
}`,
    // JSON has no BigInt: refusing it clearly, or turning it into JSON data, are both correct.
    outcome: ['error', 'continue'],
    message: /BigInt/,
  },
  {
    name: 'a string passed to callback instead of the user',
    code: `function pipe(user, context, callback) {
  callback(null, 'not a user', context);
}`,
    outcome: 'error',
    message: /user/i,
  },
];

describe('hostile code: traps in returned values', () => {
  let suite: HostileSuite;
  beforeAll(async () => {
    suite = await openSuite();
  });
  afterAll(async () => {
    await suite?.close();
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const result: RunResult = await runHostileCase(suite, c);
      expect(result.stages.length).toBeGreaterThan(0);
    });
  }
});
