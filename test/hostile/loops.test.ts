/**
 * Hostile code, part 1: code that never stops — loops in every place the executor runs guest
 * code (the function, promises, microtasks, serialization of the result), blocking primitives,
 * and timers meant to outlive the stage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../shared/run-result.ts';
import {
  type HostileCase,
  type HostileSuite,
  hostileRequest,
  normalRequest,
  openSuite,
  runHostileCase,
} from './hostile-harness.ts';
import { expectNormalResult } from './normal-pipeline.ts';

/** What a person must read when a stage used up its time: that it timed out. */
const TIMED_OUT = /timed out|time limit|timeout/i;

/**
 * Copying a returned value may run its getters and `toJSON` (then a loop must time out) or treat
 * them as untrusted and never run them (then the stage continues with that member replaced).
 * SEMANTICS.md leaves the choice open; either way the rest of the data must be intact.
 */
const LOOP_OR_NOT_RUN = ['timeout', 'continue'] as const;
function expectNotRun(path: 'user' | 'context', key: string) {
  return (result: RunResult) => {
    if (result.outcome !== 'continue') return;
    const holder = path === 'user' ? result.user : result.context;
    expect(holder?.[key] === undefined || typeof holder?.[key] === 'string', `${path}.${key} is inert`).toBe(
      true,
    );
    expect(result.user?.email).toBe('ana@example.com');
  };
}

const CASES: HostileCase[] = [
  {
    name: 'sync while (true) after planting a global',
    code: `function pipe(user, context, callback) {
  globalThis.pwned = true;
  while (true) {}
}`,
    outcome: 'timeout',
    message: TIMED_OUT,
  },
  {
    name: 'for (;;) in an async function after polluting Object.prototype',
    code: `async function pipe(user, context, callback) {
  Object.prototype.polluted = 'yes';
  for (;;) {}
}`,
    outcome: 'timeout',
    message: TIMED_OUT,
  },
  {
    name: 'loop inside a promise executor',
    code: `function pipe(user, context, callback) {
  return new Promise(() => {
    while (true) {}
  });
}`,
    outcome: 'timeout',
    message: TIMED_OUT,
  },
  {
    name: 'endless microtask loop that never yields to the event loop (and keeps no memory)',
    code: `function pipe(user, context, callback) {
  const spin = () => {
    Promise.resolve().then(spin);
  };
  spin();
}`,
    outcome: 'timeout',
    message: TIMED_OUT,
  },
  {
    name: 'loop after awaits in an async function',
    code: `async function pipe(user, context, callback) {
  await null;
  await Promise.resolve(1);
  while (true) {}
}`,
    outcome: 'timeout',
    message: TIMED_OUT,
  },
  {
    name: 'loop in a getter of the returned user, hit while copying the result',
    code: `function pipe(user, context, callback) {
  Object.defineProperty(user, 'trap', { enumerable: true, get() { while (true) {} } });
  callback(null, user, context);
}`,
    outcome: LOOP_OR_NOT_RUN,
    message: TIMED_OUT,
    check: expectNotRun('user', 'trap'),
  },
  {
    name: 'loop in toJSON of the returned user',
    code: `function pipe(user, context, callback) {
  user.toJSON = function () { while (true) {} };
  callback(null, user, context);
}`,
    outcome: LOOP_OR_NOT_RUN,
    message: TIMED_OUT,
    check: expectNotRun('user', 'toJSON'),
  },
  {
    name: 'loop in a getter of the returned context',
    code: `async function pipe(user, context, callback) {
  const next = { ...context, get request() { for (;;) {} } };
  callback(null, user, next);
}`,
    outcome: LOOP_OR_NOT_RUN,
    message: TIMED_OUT,
    check: expectNotRun('context', 'request'),
  },
  {
    name: 'loop in the message getter of the error passed to callback',
    code: `function pipe(user, context, callback) {
  const error = new Error('never read');
  Object.defineProperty(error, 'message', { get() { while (true) {} } });
  callback(error);
}`,
    outcome: 'timeout',
    message: TIMED_OUT,
  },
  {
    name: 'Atomics.wait on a SharedArrayBuffer blocks forever',
    code: `function pipe(user, context, callback) {
  const cell = new Int32Array(new SharedArrayBuffer(16));
  Atomics.wait(cell, 0, 0);
  callback(null, user, context);
}`,
    // An executor may instead remove SharedArrayBuffer; then the stage errors naming it.
    outcome: ['timeout', 'error'],
    message: /timed out|time limit|timeout|SharedArrayBuffer|Atomics/i,
  },
  {
    name: 'WebAssembly function that loops forever',
    code: `function pipe(user, context, callback) {
  const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1,
    102, 0, 0, 10, 9, 1, 7, 0, 3, 64, 12, 0, 11, 11]);
  new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f();
  callback(null, user, context);
}`,
    // An executor may instead remove WebAssembly; then the stage errors naming it.
    outcome: ['timeout', 'error'],
    message: /timed out|time limit|timeout|WebAssembly/i,
  },
  {
    name: 'timer meant to call back after the stage timeout',
    code: `function pipe(user, context, callback) {
  setTimeout(() => callback(null, user, context), 5000);
}`,
    outcome: 'timeout',
    message: TIMED_OUT,
  },
  {
    // The virtual clock does not move for a 0 ms timer, so only the CPU budget can stop this;
    // it is spent over thousands of tiny calls into the isolate (run-driver.ts MIN_CALL_BUDGET_MS).
    name: 'zero-delay setTimeout chain that never calls back',
    code: `function pipe(user, context, callback) {
  function again() { setTimeout(again, 0); }
  again();
}`,
    outcome: 'timeout',
    message: TIMED_OUT,
  },
  {
    name: 'timers meant to fire after the callback do not change the result or the next run',
    code: `function pipe(user, context, callback) {
  setTimeout(() => { globalThis.pwned = true; user.nickname = 'late'; }, 0);
  setTimeout(() => { Object.prototype.polluted = 'late'; }, 300);
  callback(null, user, context);
}`,
    outcome: 'continue',
    check(result) {
      expect(result.outcome).toBe('continue');
      expect(result.user?.nickname).toBe('ana');
    },
  },
  {
    name: 'setInterval left running does not hold the stage open',
    code: `function pipe(user, context, callback) {
  setInterval(() => { globalThis.pwned = (globalThis.pwned || 0) + 1; }, 1);
  user.nickname = 'interval';
  callback(null, user, context);
}`,
    outcome: 'continue',
    check(result) {
      expect(result.user?.nickname).toBe('interval');
    },
  },
];

describe('hostile code: never-ending functions', () => {
  let suite: HostileSuite;
  beforeAll(async () => {
    suite = await openSuite();
  });
  afterAll(async () => {
    await suite?.close();
  });

  for (const c of CASES) {
    it(c.name, async () => {
      await runHostileCase(suite, c);
    });
  }

  it('a looping run does not disturb the runs submitted beside it', async () => {
    const loop = CASES[0] as HostileCase;
    const normal = normalRequest();
    const [looped, ...others] = await suite.executor.runMany([
      hostileRequest(suite, loop),
      normal,
      normal,
      normal,
      normal,
    ]);
    expect(looped?.stages[0]?.outcome).toBe('timeout');
    expect(others).toHaveLength(4);
    for (const result of others) expectNormalResult(result);
  });
});
