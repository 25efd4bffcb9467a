/**
 * Hostile code, part 2: resource exhaustion — memory bombs, unbounded recursion, returned values
 * that are cyclic or huge, and log floods that must be capped rather than crash anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StageTrace } from '../../shared/run-result.ts';
import {
  type HostileCase,
  type HostileSuite,
  MESSAGE_MAX_CHARS,
  openSuite,
  runHostileCase,
} from './hostile-harness.ts';

const OUT_OF_MEMORY = /memory/i;
/**
 * Near its heap limit V8 collects garbage over and over, so a memory bomb on a busy machine can
 * spend a 1 s CPU budget before it reaches the limit: memory cases get more time, so what
 * stops them is the memory limit this suite is about.
 */
const MEMORY_CASE_TIMEOUT_S = 10;
const STACK = /Maximum call stack size exceeded/;
/** Logs are for people: whatever a stage prints, the trace keeps a bounded amount. */
const LOG_CAP_CHARS = 5_000_000;

/**
 * A cycle in a returned value may fail the stage, or be cut and marked (as Node's console does):
 * SEMANTICS.md leaves it open. If cut, the cyclic member must arrive as inert JSON data.
 */
const CYCLE = ['error', 'continue'] as const;

const logSize = (stage: StageTrace) => stage.logs.reduce((sum, line) => sum + line.length, 0);

const CASES: HostileCase[] = [
  {
    name: 'array growing without bound',
    code: `function pipe(user, context, callback) {
  const hoard = [];
  while (true) hoard.push({ n: hoard.length, text: 'x'.repeat(64) + hoard.length });
}`,
    outcome: 'error',
    message: OUT_OF_MEMORY,
    timeoutSeconds: MEMORY_CASE_TIMEOUT_S,
  },
  {
    name: 'string doubling, each copy flattened and kept',
    code: `function pipe(user, context, callback) {
  let text = 'x'.repeat(1024);
  const copies = [];
  while (true) {
    text = text + text;
    copies.push(text.toUpperCase());
  }
}`,
    outcome: 'error',
    message: OUT_OF_MEMORY,
    timeoutSeconds: MEMORY_CASE_TIMEOUT_S,
  },
  {
    name: 'ArrayBuffers allocated in a loop',
    code: `function pipe(user, context, callback) {
  const buffers = [];
  while (true) buffers.push(new ArrayBuffer(8 * 1024 * 1024));
}`,
    outcome: 'error',
    message: /memory|allocation failed/i,
    timeoutSeconds: MEMORY_CASE_TIMEOUT_S,
  },
  {
    name: 'one 4 GB ArrayBuffer',
    code: `function pipe(user, context, callback) {
  const big = new Uint8Array(4 * 1024 * 1024 * 1024 - 1);
  big.fill(1);
  callback(null, user, context);
}`,
    outcome: 'error',
    message: /memory|allocation failed|invalid typed array length|array buffer/i,
    timeoutSeconds: MEMORY_CASE_TIMEOUT_S,
  },
  {
    name: 'memory bomb that swallows every allocation error',
    code: `async function pipe(user, context, callback) {
  await null;
  const hoard = [];
  for (;;) {
    try {
      hoard.push(new Array(1e6).fill(hoard.length));
    } catch (ignored) {}
  }
}`,
    outcome: 'error',
    message: OUT_OF_MEMORY,
    timeoutSeconds: MEMORY_CASE_TIMEOUT_S,
  },
  {
    name: 'unbounded recursion',
    code: `function pipe(user, context, callback) {
  function down(n) { return down(n + 1) + 1; }
  down(0);
  callback(null, user, context);
}`,
    outcome: 'error',
    message: STACK,
    line: 2,
  },
  {
    name: 'unbounded async recursion',
    code: `async function pipe(user, context, callback) {
  async function down(n) { return (await down(n + 1)) + 1; }
  await down(0);
  callback(null, user, context);
}`,
    outcome: 'error',
    message: STACK,
  },
  {
    name: 'recursion inside toJSON of the returned user',
    code: `function pipe(user, context, callback) {
  user.toJSON = function deep() { return { nested: deep() }; };
  callback(null, user, context);
}`,
    // An executor that never runs a returned value's toJSON continues with the plain data.
    outcome: ['error', 'continue'],
    message: STACK,
    check(result) {
      if (result.outcome === 'continue') expect(result.user).toMatchObject({ email: 'ana@example.com' });
    },
  },
  {
    name: 'cyclic returned user',
    code: `function pipe(user, context, callback) {
  user.self = user;
  callback(null, user, context);
}`,
    outcome: CYCLE,
    message: /circular|cycl/i,
    check(result) {
      if (result.outcome !== 'continue') return;
      expect(result.user?.self).toBeTypeOf('string');
      expect(result.user?.email).toBe('ana@example.com');
    },
  },
  {
    name: 'cyclic returned context, through an array',
    code: `function pipe(user, context, callback) {
  context.history = [{ previous: context }];
  callback(null, user, context);
}`,
    outcome: CYCLE,
    message: /circular|cycl/i,
    check(result) {
      if (result.outcome !== 'continue') return;
      expect(result.context.history).toEqual([{ previous: expect.any(String) }]);
    },
  },
  {
    name: 'huge returned value (48 MB string on the user)',
    code: `function pipe(user, context, callback) {
  user.blob = 'x'.repeat(48 * 1024 * 1024);
  callback(null, user, context);
}`,
    outcome: 'error',
    message: /memory|too large|too big|exceed|size/i,
    timeoutSeconds: MEMORY_CASE_TIMEOUT_S,
  },
  {
    name: 'three million keys on the returned context',
    code: `function pipe(user, context, callback) {
  for (let i = 0; i < 3e6; i++) context['k' + i] = i;
  callback(null, user, context);
}`,
    outcome: 'error',
    message: /memory|too large|too big|exceed|size/i,
    timeoutSeconds: MEMORY_CASE_TIMEOUT_S,
    hostMayCrash:
      'a dictionary this large can overshoot the V8 heap in one allocation, which aborts the process',
  },
  {
    name: 'an Error with a 20 MB message fails the stage with a shortened message',
    code: `function pipe(user, context, callback) {
  throw new Error('x'.repeat(20 * 1024 * 1024));
}`,
    outcome: 'error',
    message: /^x{100}/,
    line: 2,
  },
  {
    name: 'a deny with a 3 MB message is shortened',
    code: `function pipe(user, context, callback) {
  callback(new Error('no '.repeat(1024 * 1024)));
}`,
    outcome: 'deny',
    message: /^(no ){100}/,
    check(result) {
      expect(result.outcome).toBe('deny');
      expect(result.error?.message.length).toBeLessThanOrEqual(MESSAGE_MAX_CHARS);
    },
  },
  {
    name: '20 MB of log lines are capped and the stage still completes',
    code: `function pipe(user, context, callback) {
  const line = 'spam '.repeat(200);
  for (let i = 0; i < 20000; i++) log(i, line);
  callback(null, user, context);
}`,
    outcome: 'continue',
    check(result, stage) {
      expect(result.outcome).toBe('continue');
      expect(logSize(stage)).toBeLessThan(LOG_CAP_CHARS);
      expect(stage.logs.length).toBeLessThan(20000);
      expect(stage.logs.join('\n')).toMatch(/truncat|omit|limit|capped|dropped|too many/i);
    },
  },
  {
    name: 'one 30 MB log message is capped',
    code: `function pipe(user, context, callback) {
  log('x'.repeat(30 * 1024 * 1024));
  callback(null, user, context);
}`,
    outcome: 'continue',
    check(result, stage) {
      expect(result.outcome).toBe('continue');
      expect(logSize(stage)).toBeLessThan(LOG_CAP_CHARS);
      expect(stage.logs.length).toBeGreaterThan(0);
    },
  },
  {
    name: 'endless console.log flood times out with capped logs',
    code: `function pipe(user, context, callback) {
  for (;;) console.log('flood '.repeat(100));
}`,
    outcome: 'timeout',
    message: /timed out|time limit|timeout/i,
    check(_result, stage) {
      expect(logSize(stage)).toBeLessThan(LOG_CAP_CHARS);
    },
  },
  {
    name: 'logging a cyclic object does not fail the stage',
    code: `function pipe(user, context, callback) {
  const loop = { name: 'loop' };
  loop.self = loop;
  log(loop);
  callback(null, user, context);
}`,
    outcome: 'continue',
    check(result, stage) {
      expect(result.outcome).toBe('continue');
      expect(stage.logs.join('\n')).toContain('loop');
    },
  },
];

describe('hostile code: resource exhaustion', () => {
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
});
