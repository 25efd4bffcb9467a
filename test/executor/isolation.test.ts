import { afterAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../main/executor/index.ts';
import { passThrough, request, stage } from './helpers.ts';

// One isolate, so run B surely reuses the isolate run A polluted.
const executor = createExecutor({ poolSize: 1 });
afterAll(() => executor.close());

// The default (the executor chooses), the warm realm forced, and a fresh context forced.
for (const isolation of [undefined, 'warm', 'fresh'] as const) {
  describe(`per-run isolation${isolation ? ` (${isolation} context)` : ''}`, () => {
    const mode = isolation ? { isolation } : {};
    it('nothing run A leaves behind is visible to run B', async () => {
      const polluter = passThrough(
        [
          '  Object.prototype.polluted = "yes";',
          '  Array.prototype.push = function () { return -1; };',
          '  globalThis.leftover = 42;',
          '  var _ = require("lodash");',
          '  _.mixin({ evil: () => "evil" });',
          '  _.map = () => "hijacked";',
          '  require("crypto").extra = 1;',
          '  JSON.stringify = () => "{}";',
          '  Math.random = () => 0.5;',
          '  Date.now = () => 0;',
          '  require("./utils").ipRangeCheck = () => true;',
        ].join('\n'),
      );
      const a = await executor.run({
        ...request('PRE_AUTHENTICATION', [stage('polluter', polluter)]),
        ...mode,
      });
      expect(a.outcome).toBe('continue');
      const inspector = passThrough(
        '  const _ = require("lodash");\n  context.seen = { polluted: ({}).polluted, leftover: typeof leftover, evil: typeof _.evil, map: _.map([1], (x) => x + 1), extra: require("crypto").extra, push: [].push(1), json: JSON.stringify({ a: 1 }), now: Date.now(), ip: require("./utils").ipRangeCheck("1.1.1.1", ["2.2.2.2", "2.2.2.3"]) };',
      );
      for (let i = 0; i < 3; i++) {
        const b = await executor.run({
          ...request('PRE_AUTHENTICATION', [stage('inspector', inspector)]),
          ...mode,
        });
        expect(b.outcome).toBe('continue');
        expect(b.context.seen).toEqual({
          leftover: 'undefined',
          evil: 'undefined',
          map: [2],
          push: 1,
          json: '{"a":1}',
          now: Date.parse('2026-01-01T00:00:00Z'),
          ip: false,
        });
      }
    });

    it('runs of one pipeline share nothing: module state, and not the function the file runs in', async () => {
      // Sloppy top-level code can reach the function its file is wrapped in (`arguments.callee`).
      const code = [
        'var calls = 0;',
        'var wrapper = arguments.callee;',
        'wrapper.seen = (wrapper.seen || 0) + 1;',
        'if (wrapper.prototype) wrapper.prototype.seen = (wrapper.prototype.seen || 0) + 1;',
        'function pipe(user, context, callback) {',
        '  calls += 1;',
        '  user.seen = [calls, wrapper.seen, wrapper.prototype && wrapper.prototype.seen];',
        '  callback(null, user, context);',
        '}',
      ].join('\n');
      const seen = [];
      for (let i = 0; i < 3; i++) {
        const result = await executor.run({
          ...request('PRE_AUTHENTICATION', [stage('callee', code)]),
          ...mode,
        });
        expect(result.outcome).toBe('continue');
        seen.push((result.user as { seen?: unknown }).seen);
      }
      expect(seen[1], 'the second run saw nothing of the first').toEqual(seen[0]);
      expect(seen[2]).toEqual(seen[0]);
      expect((seen[0] as unknown[])[0]).toBe(1);
    });

    it('pollution inside a run does not corrupt what the host reads', async () => {
      const code = passThrough(
        '  Object.defineProperty(Object.prototype, "outcome", { get() { return "continue"; }, configurable: true });\n  Object.prototype.toJSON = function () { return { hacked: true }; };\n  Array.prototype[Symbol.iterator] = function* () { yield "x"; };',
      );
      const deny = stage(
        'deny',
        "function pipe(user, context, callback) {\n  callback(new Error('denied'));\n}",
      );
      const result = await executor.run({
        ...request('PRE_AUTHENTICATION', [stage('pollute', code), deny]),
        ...mode,
      });
      expect(result.outcome).toBe('deny');
      expect(result.error?.message).toBe('denied');
      expect(result.user).toEqual({ id: 'user-1', email: 'ana@example.com', username: 'ana' });
    });
  });
}

describe('values crossing back', () => {
  it('getters, cycles, BigInt, functions, symbols and __proto__ keys are handled', async () => {
    const code = passThrough(
      [
        '  let reads = 0;',
        '  Object.defineProperty(user, "sneaky", { get() { reads++; return "x"; }, enumerable: true });',
        '  user.self = user;',
        '  user.big = 10n;',
        '  user.fn = () => 1;',
        '  user.sym = Symbol("s");',
        '  user.list = [1, () => 2, undefined];',
        '  user.when = new Date(Date.UTC(2026, 0, 2));',
        '  context.evil = JSON.parse(\'{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "ok": 1}\');',
        '  context.reads = () => reads;',
      ].join('\n'),
    );
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('odd', code)]));
    expect(result.outcome).toBe('continue');
    expect(result.user).toMatchObject({
      sneaky: '[getter]',
      self: '[Circular]',
      big: '[BigInt: 10]',
      list: [1, null, null],
      when: '2026-01-02T00:00:00.000Z',
    });
    expect(result.user).not.toHaveProperty('fn');
    expect(result.user).not.toHaveProperty('sym');
    expect(result.context.evil).toEqual({ ok: 1 });
    expect(Object.getPrototypeOf(result.context.evil)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a proxy whose traps throw fails the stage instead of the host', async () => {
    const code =
      'function pipe(user, context, callback) {\n  const p = new Proxy({}, { ownKeys() { throw new Error("trap"); } });\n  callback(null, p, context);\n}';
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('proxy', code)]));
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toBe('the user passed to callback could not be turned into JSON: trap');
  });

  it('huge and deeply nested values are refused with a clear message', async () => {
    const huge = passThrough('  user.blob = "x".repeat(3 * 1024 * 1024);');
    const a = await executor.run(request('PRE_AUTHENTICATION', [stage('huge', huge)]));
    expect(a.outcome).toBe('error');
    expect(a.error?.message).toContain('the user passed to callback is too large');
    const deep = passThrough(
      '  let o = {}; const root = o; for (let i = 0; i < 500; i++) { o.n = {}; o = o.n; }\n  user.deep = root;',
    );
    const b = await executor.run(request('PRE_AUTHENTICATION', [stage('deep', deep)]));
    expect(b.error?.message).toContain('is nested too deeply');
  });
});

describe('memory limit', () => {
  it('a run that allocates past the limit fails with outcome error; the next run works', async () => {
    const bomb = passThrough(
      '  const keep = [];\n  for (;;) keep.push(new Array(100000).fill(keep.length));',
    );
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('bomb', bomb, { timeoutSeconds: 20 })], { memoryLimitMb: 32 }),
    );
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toBe('memory limit of 32 MB exceeded in stage bomb');
    expect(result.stages[0]?.outcome).toBe('error');
    const next = await executor.run(
      request('PRE_AUTHENTICATION', [stage('fine', passThrough('  user.ok = true;'))]),
    );
    expect(next.outcome).toBe('continue');
    expect(next.user).toMatchObject({ ok: true });
  });
});

describe('error locations', () => {
  it('a runtime error carries the stage file, line and column', async () => {
    const code =
      'function pipe(user, context, callback) {\n  const a = 1;\n    user.profile.name.trim();\n  callback(null, user, context);\n}';
    const first = stage('first', passThrough('  // several\n  // lines\n  // here'));
    const result = await executor.run(request('PRE_AUTHENTICATION', [first, stage('second', code)]));
    expect(result.error?.location).toEqual({ file: 'pipelines/test/second.js', line: 3, column: 18 });
  });

  it('a syntax error names the file and line, and earlier stages still run', async () => {
    const broken = 'function pipe(user, context, callback) {\n  const x = ;\n}';
    const first = stage('first', passThrough('  log("ran");'));
    const result = await executor.run(request('PRE_AUTHENTICATION', [first, stage('broken', broken)]));
    expect(result.outcome).toBe('error');
    expect(result.stages[0]?.logs).toEqual(['ran']);
    expect(result.error?.stage).toBe('broken');
    expect(result.error?.message).toContain('SyntaxError');
    expect(result.error?.location).toMatchObject({ file: 'pipelines/test/broken.js', line: 2 });
  });

  it('a file without a pipe function says so', async () => {
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('nopipe', 'function handler() {}')]),
    );
    expect(result.error?.message).toBe('pipelines/test/nopipe.js does not define a function named pipe');
  });
});
