import { afterAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../main/executor/index.ts';
import { passThrough, request, stage } from './helpers.ts';

const executor = createExecutor({ poolSize: 2 });
afterAll(() => executor.close());

const after = stage('after', passThrough('  user.after = true;'));
const spin = 'function pipe(user, context, callback) {\n  for (;;) {}\n}';
const sleepy = (ms: number) =>
  `function pipe(user, context, callback) {\n  setTimeout(() => callback(null, user, context), ${ms});\n}`;

describe('timeouts', () => {
  it('an endless loop times out; terminateOnTimeout false skips the stage and the flow goes on', async () => {
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('spin', spin, { timeoutSeconds: 1 }), after]),
    );
    expect(result.outcome).toBe('continue');
    expect(result.stages.map((s) => s.outcome)).toEqual(['timeout', 'continue']);
    expect(result.stages[0]?.error?.message).toContain('timed out after 1 s');
    expect(result.user).toMatchObject({ after: true });
  });

  it('terminateOnTimeout true aborts the run with outcome error', async () => {
    const spinStage = stage('spin', spin, { timeoutSeconds: 1, terminateOnTimeout: true });
    const result = await executor.run(request('PRE_AUTHENTICATION', [spinStage, after]));
    expect(result.outcome).toBe('error');
    expect(result.error).toMatchObject({ stage: 'spin' });
    expect(result.error?.message).toContain('timed out');
    expect(result.stages).toHaveLength(1);
  });

  it('an endless loop inside a promise chain is stopped too', async () => {
    const code = 'async function pipe(user, context, callback) {\n  await null;\n  while (true) {}\n}';
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('micro', code, { timeoutSeconds: 1 }), after]),
    );
    expect(result.stages[0]?.outcome).toBe('timeout');
    expect(result.stages[1]?.outcome).toBe('continue');
  });

  it('virtual timers: a wait within the timeout completes, one beyond it times out', async () => {
    const ok = await executor.run(
      request('PRE_AUTHENTICATION', [stage('wait', sleepy(2500), { timeoutSeconds: 3 })]),
    );
    expect(ok.outcome).toBe('continue');
    expect(ok.stages[0]?.outcome).toBe('continue');
    const late = await executor.run(
      request('PRE_AUTHENTICATION', [
        stage('wait', sleepy(5000), { timeoutSeconds: 3, terminateOnTimeout: true }),
      ]),
    );
    expect(late.outcome).toBe('error');
    expect(late.stages[0]?.outcome).toBe('timeout');
    expect(late.error?.message).toContain('timed out after 3 s');
  });

  it('pending timers are dropped when the stage ends', async () => {
    const code =
      "function pipe(user, context, callback) {\n  setTimeout(() => log('late'), 10);\n  setInterval(() => log('tick'), 1);\n  callback(null, user, context);\n}";
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('timers', code), after]));
    expect(result.outcome).toBe('continue');
    expect(result.stages[0]?.logs).toEqual([]);
    expect(result.stages[1]?.logs).toEqual([]);
  });
});

describe('callback discipline', () => {
  it('a function that returns without calling callback fails with a clear message', async () => {
    const code = 'function pipe(user, context, callback) {\n  user.x = 1;\n}';
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('forgot', code), after]));
    expect(result.stages[0]?.outcome).toBe('timeout');
    expect(result.stages[0]?.error?.message).toContain('returned without calling callback');
    expect(result.outcome).toBe('continue');
    const strict = await executor.run(
      request('PRE_AUTHENTICATION', [stage('forgot', code, { terminateOnTimeout: true }), after]),
    );
    expect(strict.outcome).toBe('error');
    expect(strict.error?.message).toContain('returned without calling callback');
  });

  it('an async function whose promise settles without callback fails the same way', async () => {
    const code = 'async function pipe(user, context, callback) {\n  await null;\n  return user;\n}';
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('forgot', code, { terminateOnTimeout: true })]),
    );
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toContain('returned without calling callback');
  });

  it('a second callback call is ignored and logged', async () => {
    const code =
      "function pipe(user, context, callback) {\n  user.first = true;\n  callback(null, user, context);\n  callback(new Error('second'));\n}";
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('twice', code), after]));
    expect(result.outcome).toBe('continue');
    expect(result.user).toMatchObject({ first: true, after: true });
    expect(result.stages[0]?.logs.join('\n')).toContain('callback was called more than once');
  });
});

describe('asynchronous and disabled stages', () => {
  it('an async stage does not block: the next stage gets the unchanged input, its outcome is only logged', async () => {
    const background = stage(
      'background',
      "function pipe(user, context, callback) {\n  log('working');\n  user.fromAsync = true;\n  callback(new Error('async failure'));\n}",
      { async: true },
    );
    const result = await executor.run(request('PRE_AUTHENTICATION', [background, after]));
    expect(result.outcome).toBe('continue');
    expect(result.stages[0]?.outcome).toBe('async');
    expect(result.stages[0]?.logs).toEqual(['working']);
    expect(result.stages[0]?.error?.message).toBe('async failure');
    expect(result.stages[1]?.input.user).not.toHaveProperty('fromAsync');
    expect(result.user).not.toHaveProperty('fromAsync');
  });

  it('an async stage does not move the clock for the stages after it', async () => {
    const background = stage('background', sleepy(2000), { async: true });
    const stamp = stage('stamp', passThrough('  user.at = Date.now();'));
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [background, stamp], { fixture: { now: '2026-11-23T09:00:00Z' } }),
    );
    expect(result.user).toMatchObject({ at: Date.parse('2026-11-23T09:00:00Z') });
  });

  it('a disabled stage is skipped', async () => {
    const off = stage('off', "function pipe() {\n  throw new Error('must not run');\n}", { enabled: false });
    const result = await executor.run(request('PRE_AUTHENTICATION', [off, after]));
    expect(result.outcome).toBe('continue');
    expect(result.stages.map((s) => s.outcome)).toEqual(['skipped', 'continue']);
    expect(result.stages[0]?.error).toBeUndefined();
  });
});
