/**
 * The warm realm (main/sandbox/guest/harden.js): one context serves run after run. What a run
 * does works as in a fresh context, nothing of it reaches the next run, and a run that changed a
 * built-in the realm keeps open retires the context.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../main/executor/index.ts';
import { IsolateSlot } from '../../main/sandbox/isolate-slot.ts';
import { driveRun } from '../../main/sandbox/run-driver.ts';
import type { RunRequest } from '../../shared/run-request.ts';
import { passThrough, request, stage } from './helpers.ts';

const executor = createExecutor({ poolSize: 1 });
afterAll(() => executor.close());

const TRIGGER = 'PRE_AUTHENTICATION';
const run = (stages: ReturnType<typeof stage>[], extra: Partial<RunRequest> = {}) =>
  executor.run({ ...request(TRIGGER, stages), ...extra });

describe('a warm realm behaves like a fresh context within a run', () => {
  it('an implicit global of sloppy code reaches later stages, and is gone in the next run', async () => {
    const setter = passThrough('  counter = 41;\n  globalThis.shared = { n: 1 };');
    const reader = passThrough('  counter += 1;\n  context.seen = [counter, shared.n];');
    const first = await run([stage('setter', setter), stage('reader', reader)]);
    expect(first.context.seen).toEqual([42, 1]);
    const next = await run([
      stage('inspector', passThrough('  context.seen = [typeof counter, typeof shared];')),
    ]);
    expect(next.context.seen).toEqual(['undefined', 'undefined']);
  });

  it('a prototype method added in one stage works in the next, and not in the next run', async () => {
    const add = passThrough(
      "  String.prototype.shout = function () { return this.toUpperCase() + '!'; };\n  Array.prototype.last = function () { return this[this.length - 1]; };",
    );
    const use = passThrough("  context.seen = [user.email.shout(), ['a', 'b'].last()];");
    for (const isolation of [undefined, 'warm'] as const) {
      const first = await run([stage('add', add), stage('use', use)], isolation ? { isolation } : {});
      expect(first.context.seen).toEqual(['ANA@EXAMPLE.COM!', 'b']);
      const next = await run([
        stage('inspector', passThrough("  context.seen = [typeof ''.shout, typeof [].last];")),
      ]);
      expect(next.context.seen).toEqual(['undefined', 'undefined']);
    }
  });

  it('code that extends a built-in the realm freezes gets a fresh context, where it works', async () => {
    const add = passThrough(
      '  Date.prototype.isoDay = function () { return this.toISOString().slice(0, 10); };\n  Math.double = (x) => x * 2;',
    );
    const use = passThrough('  context.seen = [new Date(0).isoDay(), Math.double(21)];');
    const first = await run([stage('add', add), stage('use', use)]);
    expect(first.context.seen).toEqual(['1970-01-01', 42]);
    const inspect = passThrough('  context.seen = [typeof Date.prototype.isoDay, typeof Math.double];');
    const next = await run([stage('inspect', inspect)], { isolation: 'warm' });
    expect(next.context.seen).toEqual(['undefined', 'undefined']);
    // Forced into the warm realm, the sloppy writes are ignored (frozen), never carried over.
    const forced = await run([stage('add', add), stage('inspect', inspect)], { isolation: 'warm' });
    expect(forced.context.seen).toEqual(['undefined', 'undefined']);
  });

  it('a strict write to a frozen built-in runs again in a fresh context, where it works', async () => {
    const code = `'use strict';\nfunction pipe(user, context, callback) {\n  Reflect.helper = (x) => x * 2;\n  context.seen = Reflect.helper(21);\n  callback(null, user, context);\n}`;
    const chosen = await run([stage('strict', code)]);
    expect(chosen.outcome).toBe('continue');
    expect(chosen.context.seen).toBe(42);
    const forced = await run([stage('strict', code)], { isolation: 'warm' });
    expect(forced.outcome).toBe('error');
    expect(forced.error?.message).toMatch(/Cannot add property helper, object is not extensible/);
    expect(forced.error?.location?.line).toBe(3);
    const next = await run([stage('inspector', passThrough('  context.seen = typeof Reflect.helper;'))]);
    expect(next.context.seen).toBe('undefined');
  });

  it('code that changes lodash itself gets a context of its own', async () => {
    const code = passThrough(
      "  const _ = require('lodash');\n  _.mixin({ shout: (s) => s.toUpperCase() });\n  context.seen = _.shout('hi');",
    );
    const result = await run([stage('mixin', code)]);
    expect(result.context.seen).toBe('HI');
    const next = await run([
      stage('inspector', passThrough("  context.seen = typeof require('lodash').shout;")),
    ]);
    expect(next.context.seen).toBe('undefined');
  });
});

describe('nothing of a run reaches the next one in a warm realm', () => {
  const warm = { isolation: 'warm' } as const;

  it('the stage globals on globalThis are the run’s own; replacing one lasts only the run', async () => {
    const first = passThrough(
      '  context.seen = [typeof globalThis.log, typeof globalThis.axios.get, globalThis.env.GREETING];\n  globalThis.log = function mine() {};\n  globalThis.axios.planted = 1;',
    );
    const second = passThrough('  context.later = [globalThis.log.name, globalThis.axios.planted];');
    const a = await run([stage('first', first), stage('second', second)], {
      ...warm,
      env: { GREETING: 'hi' },
    });
    expect(a.context.seen).toEqual(['function', 'function', 'hi']);
    expect(a.context.later).toEqual(['mine', 1]);
    const inspect = passThrough(
      '  context.seen = [globalThis.log.name === "mine", globalThis.axios.planted, globalThis.env.GREETING];',
    );
    const b = await run([stage('inspect', inspect)], { ...warm, env: { GREETING: 'bye' } });
    expect(b.context.seen).toEqual([false, null, 'bye']);
  });

  it('_.uniqueId counts from 1 in every run', async () => {
    const code = passThrough(
      "  const _ = require('lodash');\n  context.seen = [_.uniqueId('x'), _.uniqueId(), _('y').uniqueId()];",
    );
    for (let i = 0; i < 3; i++) {
      const result = await run([stage('ids', code)], warm);
      expect(result.context.seen).toEqual(['x1', '2', 'y3']);
    }
  });

  it('the RegExp statics do not show the text an earlier run matched', async () => {
    const matcher = passThrough(
      '  /(secret-\\w+)/.test("token secret-abc123 here");\n  context.seen = RegExp.$1;',
    );
    const first = await run([stage('matcher', matcher)], warm);
    expect(first.context.seen).toBe('secret-abc123');
    const next = await run(
      [stage('inspector', passThrough('  context.seen = [RegExp.$1, RegExp.lastMatch, RegExp.input];'))],
      warm,
    );
    expect(next.context.seen).toEqual(['', '', '']);
  });

  it('hidden intrinsics, built-in functions and the runtime’s own objects are frozen or compared', async () => {
    const polluter = passThrough(
      [
        '  Object.getPrototypeOf(function* () {}).planted = 1;',
        '  Object.getPrototypeOf(async function () {}).planted = 1;',
        '  Object.getPrototypeOf([][Symbol.iterator]()).next = function () { return { done: true }; };',
        '  Array.prototype.map.planted = 1;',
        '  Intl.planted = 1;',
        '  user.addCustomData.planted = 1;',
        "  require('url').URL.planted = 1;",
        '  __ps.planted = 1;',
        '  Error.prepareStackTrace = () => "forged";',
      ].join('\n'),
    );
    const first = await run([stage('polluter', polluter)], warm);
    expect(first.outcome).toBe('continue');
    const inspector = passThrough(
      "  const seen = [];\n  for (const x of [1, 2]) seen.push(x);\n  context.seen = [Object.getPrototypeOf(function* () {}).planted, Object.getPrototypeOf(async function () {}).planted, seen, Array.prototype.map.planted, Intl.planted, user.addCustomData.planted, require('url').URL.planted, typeof Error.prepareStackTrace];",
    );
    const next = await run([stage('inspector', inspector)], warm);
    expect(next.context.seen).toEqual([null, null, [1, 2], null, null, null, null, 'undefined']);
  });
});

describe('the warm realm of an isolate slot', () => {
  const slot = new IsolateSlot(64);
  afterAll(() => slot.dispose());
  const drive = (code: string) =>
    driveRun(
      slot,
      { ...request(TRIGGER, [stage('s', code)]), isolation: 'warm' },
      {
        syntaxCache: new Map(),
        isCancelled: () => false,
      },
    );

  it('is kept after a clean run and retired after a run that changed a compared built-in', async () => {
    expect((await drive(passThrough('  leftover = 1;'))).outcome).toBe('continue');
    const kept = slot.warmContext;
    expect(kept).not.toBeNull();
    expect((await drive(passThrough('  context.n = 1;'))).outcome).toBe('continue');
    expect(slot.warmContext).toBe(kept);
    expect((await drive(passThrough('  Object.prototype.planted = 1;'))).outcome).toBe('continue');
    expect(slot.warmContext).toBeNull();
    expect((await drive(passThrough('  context.planted = ({}).planted;'))).context.planted).toBeUndefined();
  });

  it('is retired after a run that registered a finalizer, whose callback could run later', async () => {
    await drive(passThrough('  context.n = 1;'));
    const kept = slot.warmContext;
    expect(kept).not.toBeNull();
    const code = passThrough('  new FinalizationRegistry(() => { globalThis.late = 1; }).register({}, 1);');
    expect((await drive(code)).outcome).toBe('continue');
    expect(slot.warmContext).toBeNull();
  });

  it('is retired when a run made a global that cannot be removed', async () => {
    await drive(passThrough('  context.n = 1;'));
    expect(slot.warmContext).not.toBeNull();
    const code = passThrough("  Object.defineProperty(globalThis, 'stuck', { value: 1 });");
    expect((await drive(code)).outcome).toBe('continue');
    expect(slot.warmContext).toBeNull();
    expect((await drive(passThrough('  context.seen = typeof stuck;'))).context.seen).toBe('undefined');
  });
});
