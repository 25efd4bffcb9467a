import { afterAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../main/executor/index.ts';
import { TRIGGER_INFO, TRIGGERS } from '../../shared/triggers.ts';
import { passThrough, request, stage } from './helpers.ts';

const executor = createExecutor({ poolSize: 2 });
afterAll(() => executor.close());

const addOne = (field: string) =>
  stage(
    `add-${field}`,
    passThrough(
      `  user.${field} = (user.${field} || 0) + 1;\n  context.seen = (context.seen || []).concat('${field}');`,
    ),
  );

describe('triggers', () => {
  it.each(TRIGGERS)('%s runs stages in order and passes user and context along', async (trigger) => {
    const result = await executor.run(request(trigger, [addOne('a'), addOne('b')]));
    expect(result.outcome).toBe('continue');
    expect(result.user).toMatchObject({ id: 'user-1', a: 1, b: 1 });
    expect(result.context.seen).toEqual(['a', 'b']);
    expect(result.stages.map((s) => s.outcome)).toEqual(['continue', 'continue']);
    expect(result.stages[1]?.input.user).toMatchObject({ a: 1 });
    expect(result.stages[1]?.input.user).not.toHaveProperty('b');
  });

  it('accepts the alias PRE_OIDCTOKENISSUED as the ID token trigger', async () => {
    const code = passThrough("  user.addIdToken('role', 'admin');");
    const result = await executor.run(request('PRE_OIDCTOKENISSUED', [stage('claims', code)]));
    expect(result.outcome).toBe('continue');
    expect(result.idToken).toEqual({ role: 'admin' });
  });

  it('refuses an unknown trigger with a clear message', async () => {
    const result = await executor.run(request('PRE_LUNCH', [stage('a', passThrough())]));
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toContain('unknown trigger "PRE_LUNCH"');
  });
});

describe('function styles', () => {
  it('runs plain, async and promise-awaiting functions', async () => {
    const plain = stage('plain', passThrough('  user.plain = true;'));
    const asyncFn = stage(
      'async',
      'async function pipe(user, context, callback) {\n  await Promise.resolve();\n  user.async = true;\n  callback(null, user, context);\n}',
    );
    const later = stage(
      'later',
      'async function pipe(user, context, callback) {\n  await new Promise((r) => setTimeout(r, 500));\n  user.later = Date.now();\n  callback(null, user, context);\n}',
    );
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [plain, asyncFn, later], { fixture: { now: '2026-11-23T09:00:00Z' } }),
    );
    expect(result.outcome).toBe('continue');
    expect(result.user).toMatchObject({
      plain: true,
      async: true,
      later: Date.parse('2026-11-23T09:00:00Z') + 500,
    });
  });

  it('calls a two-parameter PRE_REGISTER function as pipe(context, callback)', async () => {
    const code =
      'function pipe(context, callback) {\n  context.checked = context.protocol;\n  callback(null, context);\n}';
    const next = stage('next', passThrough('  context.userSeen = user === null ? "null" : typeof user;'));
    const result = await executor.run(
      request('PRE_REGISTER', [stage('two', code), next], { fixture: { user: null } }),
    );
    expect(result.outcome).toBe('continue');
    expect(result.context).toMatchObject({ checked: 'password', userSeen: 'null' });
    expect(result.user).toBeNull();
  });

  it('keeps the input when callback omits user or context', async () => {
    const code = 'function pipe(user, context, callback) {\n  user.changed = true;\n  callback(null);\n}';
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('omit', code)]));
    expect(result.outcome).toBe('continue');
    expect(result.user).not.toHaveProperty('changed');
  });
});

describe('deny versus fault', () => {
  const deny = stage(
    'deny',
    "function pipe(user, context, callback) {\n  callback(new Error('Sorry, not today'));\n}",
  );
  const fault = stage('fault', "function pipe(user, context, callback) {\n  throw new Error('boom');\n}");
  const after = stage('after', passThrough('  user.after = true;'));

  it('a callback(error) denies the run with its message and stage', async () => {
    const result = await executor.run(request('PRE_AUTHENTICATION', [deny, after]));
    expect(result.outcome).toBe('deny');
    expect(result.error).toMatchObject({ message: 'Sorry, not today', stage: 'deny' });
    expect(result.stages.map((s) => s.outcome)).toEqual(['deny']);
  });

  it('a throw is a fault: outcome error, message and stage', async () => {
    const result = await executor.run(request('PRE_OIDC_ID_TOKEN_ISSUED', [fault, after]));
    expect(result.outcome).toBe('error');
    expect(result.error).toMatchObject({ message: 'boom', stage: 'fault' });
    expect(result.stages).toHaveLength(1);
  });

  it('a rejected promise is a fault', async () => {
    const code =
      "async function pipe(user, context, callback) {\n  await null;\n  throw new TypeError('async boom');\n}";
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('reject', code)]));
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toBe('async boom');
  });

  it.each(['POST_REGISTER', 'POST_AUTHENTICATION'] as const)(
    '%s may not abort: deny and fault are recorded and the next stage runs on unchanged input',
    async (trigger) => {
      expect(TRIGGER_INFO[trigger].mayAbort).toBe(false);
      const changeThenDeny = stage(
        'change-deny',
        "function pipe(user, context, callback) {\n  user.mutated = true;\n  callback(new Error('no'));\n}",
      );
      const result = await executor.run(request(trigger, [changeThenDeny, fault, after]));
      expect(result.outcome).toBe('continue');
      expect(result.stages.map((s) => s.outcome)).toEqual(['deny', 'error', 'continue']);
      expect(result.stages[0]?.error?.message).toBe('no');
      expect(result.stages[1]?.error?.message).toBe('boom');
      expect(result.stages[2]?.input.user).not.toHaveProperty('mutated');
      expect(result.user).toMatchObject({ after: true });
    },
  );

  it('reports thrown non-Error values readably', async () => {
    const cases: [string, string][] = [
      ["throw 'plain string';", 'plain string'],
      ['throw 42;', 'threw a non-Error value: 42'],
      ['throw { code: 7 };', 'threw a non-Error value: {"code":7}'],
      ['throw null;', 'threw a non-Error value: null'],
      ['throw undefined;', 'threw a non-Error value: undefined'],
    ];
    for (const [body, message] of cases) {
      const result = await executor.run(
        request('PRE_AUTHENTICATION', [stage('t', `function pipe(user, context, callback) {\n  ${body}\n}`)]),
      );
      expect(result.outcome, body).toBe('error');
      expect(result.error?.message, body).toBe(message);
    }
  });
});
