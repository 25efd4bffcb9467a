/**
 * Broken rather than malicious: files that do not parse or define no `pipe`, functions that throw
 * values that are not Errors, and the callback misused (never, twice). Each must fail — or, for a
 * second callback, be ignored and logged — with a message a person can act on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileCase, type HostileSuite, openSuite, runHostileCase } from './hostile-harness.ts';

/** SEMANTICS.md: a missing callback fails "once its timeout passes"; the outcome's name is the executor's. */
const NO_CALLBACK = ['timeout', 'error'] as const;

/**
 * A thrown value that is not an Error carries no stack, so JavaScript cannot tell where it was
 * thrown: these cases check the message only (an Error thrown the same way must give the line).
 */
function throws(label: string, expression: string, message: RegExp): HostileCase {
  return {
    name: `throws ${label}`,
    code: `function pipe(user, context, callback) {
  throw ${expression};
}`,
    outcome: 'error',
    message,
  };
}

const CASES: HostileCase[] = [
  {
    name: 'syntax error in the file',
    code: `function pipe(user, context, callback) {
  const broken = ;
  callback(null, user, context);
}`,
    outcome: 'error',
    message: /SyntaxError|Unexpected token/,
    line: 2,
  },
  {
    name: 'file ends in the middle of the function: the error is about the file, within it',
    code: `function pipe(user, context, callback) {
  callback(null, user, context);
`,
    outcome: 'error',
    message: /Unexpected end of input/,
    check(_result, stage) {
      const line = stage.error?.location?.line ?? 0;
      expect(line, 'the reported line lies in the 3-line file').toBeGreaterThan(0);
      expect(line).toBeLessThanOrEqual(3);
    },
  },
  {
    name: 'a file that closes its wrapper to replace the next stage is a syntax error',
    // As a file of its own this does not parse (a top-level return, unbalanced braces); pasted
    // into a wrapper it would close it and slip a second function into the pipeline.
    code: `function pipe(user, context, callback) {
  callback(null, user, context);
}
return pipe;
}), (function () {
  return function pipe(user, context, callback) { user.nickname = 'hijacked'; callback(null, user, context); };
}), (function () {
  function unused() {}`,
    after: [
      {
        name: 'victim',
        code: `function pipe(user, context, callback) {
  user.nickname = 'set by the victim stage';
  callback(null, user, context);
}`,
      },
    ],
    outcome: 'error',
    message: /SyntaxError/,
    line: 4,
    check(result) {
      expect(JSON.stringify(result)).not.toContain('hijacked');
    },
  },
  {
    name: 'no function named pipe',
    code: `function handler(user, context, callback) {
  callback(null, user, context);
}`,
    outcome: 'error',
    message: /pipe/,
  },
  { name: 'empty file', code: '', outcome: 'error', message: /pipe/ },
  {
    name: 'pipe is a number, not a function',
    code: 'var pipe = 42;\n',
    outcome: 'error',
    message: /pipe[\s\S]*function|function[\s\S]*pipe/,
  },
  {
    name: 'pipe is a class',
    code: `class pipe {
  constructor(user, context, callback) { callback(null, user, context); }
}`,
    outcome: 'error',
    message: /pipe/,
  },
  {
    name: 'pipe is a generator, so its body never runs',
    code: `function* pipe(user, context, callback) {
  callback(null, user, context);
}`,
    outcome: NO_CALLBACK,
    message: /callback/i,
  },
  {
    name: 'the file throws while loading',
    code: `throw new Error('failed while loading the file');
function pipe(user, context, callback) { callback(null, user, context); }`,
    outcome: 'error',
    message: /failed while loading the file/,
    line: 1,
  },
  {
    name: 'the file loops forever while loading',
    code: `while (true) {}
function pipe(user, context, callback) { callback(null, user, context); }`,
    outcome: 'timeout',
    message: /timed out|time limit|timeout/i,
  },
  {
    name: 'throws an Error: the message and the line in the user file',
    code: `function pipe(user, context, callback) {
  user.nickname = 'about to fail';
  throw new TypeError('the stage failed here');
}`,
    outcome: 'error',
    message: /the stage failed here/,
    line: 3,
  },
  throws('a string', "'a plain string'", /a plain string/),
  throws('a number', '42', /42/),
  throws('null', 'null', /null/),
  throws('undefined', 'undefined', /undefined/),
  throws('a plain object', "{ reason: 'nope, not an Error' }", /nope, not an Error/),
  throws('a Symbol', "Symbol('sym')", /Symbol\(sym\)/),
  {
    name: 'async function rejects with a string',
    code: `async function pipe(user, context, callback) {
  await null;
  throw 'rejected with a string';
}`,
    outcome: 'error',
    message: /rejected with a string/,
  },
  {
    name: 'plain function returns a promise rejected with a number',
    code: `function pipe(user, context, callback) {
  return Promise.reject(7);
}`,
    outcome: 'error',
    message: /\b7\b/,
  },
  {
    name: 'callback never called by a plain function',
    code: `function pipe(user, context, callback) {
  user.nickname = 'forgot to call back';
}`,
    outcome: NO_CALLBACK,
    message: /callback/i,
  },
  {
    name: 'async function settles without calling callback',
    code: `async function pipe(user, context, callback) {
  await null;
  return user;
}`,
    outcome: NO_CALLBACK,
    message: /callback/i,
  },
  {
    name: 'callback called twice: the second call is ignored and logged',
    code: `function pipe(user, context, callback) {
  user.nickname = 'first';
  callback(null, user, context);
  callback(null, { ...user, nickname: 'second' }, context);
}`,
    outcome: 'continue',
    check(result, stage) {
      expect(result.outcome).toBe('continue');
      expect(result.user?.nickname).toBe('first');
      expect(stage.logs.join('\n')).toMatch(/callback/i);
    },
  },
  {
    name: 'callback called with an error, then with success: the deny stands',
    code: `function pipe(user, context, callback) {
  callback(new Error('the first call wins'));
  callback(null, user, context);
}`,
    outcome: 'deny',
    message: /the first call wins/,
    check(result) {
      expect(result.outcome).toBe('deny');
      expect(result.error?.message).toMatch(/the first call wins/);
    },
  },
  {
    name: 'callback with a string instead of an Error is a deny with that text',
    code: `function pipe(user, context, callback) {
  callback('a string reason');
}`,
    outcome: 'deny',
    message: /a string reason/,
    check(result) {
      expect(result.outcome).toBe('deny');
    },
  },
];

describe('broken functions', () => {
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
