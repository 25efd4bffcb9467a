import { afterAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../main/executor/index.ts';
import { passThrough, request, stage } from './helpers.ts';

const executor = createExecutor({ poolSize: 2 });
afterAll(() => executor.close());

describe('user methods', () => {
  it('addCustomData is recorded per stage and for the run', async () => {
    const a = stage(
      'a',
      passThrough("  user.addCustomData('plan', 'pro');\n  user.addCustomData('score', { n: 3 });"),
    );
    const b = stage('b', passThrough("  user.addCustomData('plan', 'team');"));
    const result = await executor.run(request('POST_AUTHENTICATION', [a, b]));
    expect(result.stages[0]?.customData).toEqual({ plan: 'pro', score: { n: 3 } });
    expect(result.stages[1]?.customData).toEqual({ plan: 'team' });
    expect(result.customData).toEqual({ plan: 'team', score: { n: 3 } });
  });

  it('methods never appear in the serialized user, even after spreading', async () => {
    const code = passThrough(
      "  context.keys = Object.keys(user).join(',');\n  context.plain = require('lodash').isPlainObject(user);\n  user = { ...user, copied: true };",
    );
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('keys', code)]));
    expect(result.context.keys).toBe('id,email,username');
    expect(result.context.plain).toBe(true);
    expect(Object.keys(result.user ?? {})).toEqual(['id', 'email', 'username', 'copied']);
    expect(JSON.stringify(result)).not.toContain('addCustomData');
  });

  it('ID token claims can be added and removed in the ID token trigger', async () => {
    const a = stage('a', passThrough("  user.addIdToken('role', 'admin');\n  user.addIdToken('tmp', 1);"));
    const b = stage('b', passThrough("  user.removeIdToken('tmp');"));
    const result = await executor.run(request('PRE_OIDC_ID_TOKEN_ISSUED', [a, b]));
    expect(result.outcome).toBe('continue');
    expect(result.idToken).toEqual({ role: 'admin' });
    expect(result.stages[0]?.idToken).toEqual({ role: 'admin', tmp: 1 });
    expect(result.stages[1]?.idTokenRemoved).toEqual(['tmp']);
  });

  it('access token claims work in the access token trigger', async () => {
    const a = stage('a', passThrough("  user.addAccessToken('scope2', 'read');"));
    const result = await executor.run(request('PRE_OIDC_ACCESS_TOKEN_ISSUED', [a]));
    expect(result.accessToken).toEqual({ scope2: 'read' });
  });

  it.each([
    ['addIdToken', 'PRE_AUTHENTICATION', 'PRE_OIDC_ID_TOKEN_ISSUED'],
    ['removeIdToken', 'PRE_OIDC_ACCESS_TOKEN_ISSUED', 'PRE_OIDC_ID_TOKEN_ISSUED'],
    ['addAccessToken', 'PRE_OIDC_ID_TOKEN_ISSUED', 'PRE_OIDC_ACCESS_TOKEN_ISSUED'],
    ['removeAccessToken', 'PRE_REGISTER', 'PRE_OIDC_ACCESS_TOKEN_ISSUED'],
  ])('%s in %s fails, naming the trigger where it works', async (method, trigger, where) => {
    const code = passThrough(`  user.${method}('k'${method.startsWith('add') ? ", 'v'" : ''});`);
    const result = await executor.run(request(trigger, [stage('m', code)]));
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toContain(`user.${method} is only available in the ${where} trigger`);
    expect(result.error?.message).toContain(trigger);
    expect(result.idToken).toEqual({});
    expect(result.accessToken).toEqual({});
  });

  it('the access token trigger runs for a machine account with user null', async () => {
    const code =
      "function pipe(user, context, callback) {\n  context.who = user === null ? context.accessTokenTarget : 'person';\n  callback(null, user, context);\n}";
    const result = await executor.run(
      request('PRE_OIDC_ACCESS_TOKEN_ISSUED', [stage('m2m', code)], {
        fixture: { user: null, context: { accessTokenTarget: 'programmaticAccount' } },
      }),
    );
    expect(result.outcome).toBe('continue');
    expect(result.user).toBeNull();
    expect(result.context.who).toBe('programmaticAccount');
  });
});

describe('context and env', () => {
  it('mirrors request.ip and request.geo as context.ip and context.geo', async () => {
    const code = passThrough(
      '  context.echo = context.ip + "/" + context.geo.country + "/" + context.request.ip;',
    );
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('ip', code)]));
    expect(result.context.echo).toBe('203.0.113.7/FR/203.0.113.7');
  });

  it('env holds workspace env, fixture env (winning) and secrets', async () => {
    const code = passThrough('  context.env = { a: env.A, b: env.B, key: env.API_KEY.length };');
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('env', code)], {
        env: { A: 'workspace', B: 'workspace' },
        fixture: { env: { B: 'fixture' } },
        secrets: { API_KEY: 's3cr3t-value' },
      }),
    );
    expect(result.context.env).toEqual({ a: 'workspace', b: 'fixture', key: 12 });
  });

  it('changes to env do not reach the next stage', async () => {
    const a = stage('a', passThrough("  env.A = 'changed';"));
    const b = stage('b', passThrough('  context.a = env.A;'));
    const result = await executor.run(request('PRE_AUTHENTICATION', [a, b], { env: { A: 'original' } }));
    expect(result.context.a).toBe('original');
  });

  it('secrets are redacted from logs, outputs, http and error messages', async () => {
    const code =
      "async function pipe(user, context, callback) {\n  log('key is', env.API_KEY);\n  user.token = env.API_KEY;\n  try { await axios.get('https://api.example.com/x?k=' + env.API_KEY); } catch (e) {}\n  callback(new Error('bad key ' + env.API_KEY));\n}";
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('leak', code)], {
        secrets: { API_KEY: 'hunter2-very-secret' },
        fixture: {
          http: [
            {
              request: { method: 'GET', url: 'https://api.example.com/x?k=hunter2-very-secret' },
              response: { status: 200, body: { echo: 'hunter2-very-secret' } },
            },
          ],
        },
      }),
    );
    const text = JSON.stringify(result);
    expect(text).not.toContain('hunter2-very-secret');
    expect(result.stages[0]?.logs[0]).toBe('key is [secret:API_KEY]');
    expect(result.error?.message).toBe('bad key [secret:API_KEY]');
    expect(result.stages[0]?.http[0]?.url).toBe('https://api.example.com/x?k=[secret:API_KEY]');
  });
});

describe('logs', () => {
  it('captures log and console.* with levels, formatting objects as JSON', async () => {
    const code = passThrough(
      "  log('a', 1, { b: [2] });\n  console.warn('careful');\n  console.error(new Error('oops').message);",
    );
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('logs', code)]));
    expect(result.stages[0]?.logs).toEqual(['a 1 {"b":[2]}', '[warn] careful', '[error] oops']);
  });

  it('caps the volume per stage and says how many lines were dropped', async () => {
    const code = passThrough("  for (let i = 0; i < 5000; i++) console.log('line ' + i);");
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('noisy', code)]));
    const logs = result.stages[0]?.logs ?? [];
    expect(logs).toHaveLength(1001);
    expect(logs[999]).toBe('line 999');
    expect(logs[1000]).toContain('4000 lines dropped');
  });
});

describe('stage traces', () => {
  it('each stage shows what it received and what it passed on, through disabled and async stages', async () => {
    const stages = [
      stage('rename', passThrough("  user.nickname = 'Ana';")),
      stage('unchanged', passThrough('')),
      stage('off', passThrough('  user.never = true;'), { enabled: false }),
      stage('background', passThrough('  user.fromAsync = true;'), { async: true }),
      stage('tag', passThrough('  context.tagged = env.TOKEN;')),
    ];
    const result = await executor.run(
      request('POST_AUTHENTICATION', stages, {
        env: { TOKEN: 's3cret-value' },
        secrets: { TOKEN: 's3cret-value' },
      }),
    );
    expect(result.outcome).toBe('continue');
    const fixtureUser = { id: 'user-1', email: 'ana@example.com', username: 'ana' };
    const renamed = { ...fixtureUser, nickname: 'Ana' };
    const summary = result.stages.map((s) => ({
      name: s.name,
      in: (s.input.user as { nickname?: string } | null)?.nickname ?? null,
      out: (s.output.user as { nickname?: string } | null)?.nickname ?? null,
      tagged: (s.output.context as { tagged?: string }).tagged,
    }));
    expect(summary).toEqual([
      { name: 'rename', in: null, out: 'Ana', tagged: undefined },
      { name: 'unchanged', in: 'Ana', out: 'Ana', tagged: undefined },
      { name: 'off', in: 'Ana', out: 'Ana', tagged: undefined },
      { name: 'background', in: 'Ana', out: 'Ana', tagged: undefined },
      { name: 'tag', in: 'Ana', out: 'Ana', tagged: '[secret:TOKEN]' },
    ]);
    expect(result.stages[0]?.input.user).toEqual(fixtureUser);
    for (const s of result.stages.slice(1, 4)) expect(s.output.user).toEqual(renamed);
    expect(result.stages[3]?.output.user, 'an async stage passes nothing on').not.toHaveProperty('fromAsync');
    expect(result.stages[4]?.input.context).not.toHaveProperty('tagged');
    // Each trace, as JSON, holds its input and output in full.
    const copy = JSON.parse(JSON.stringify(result)) as typeof result;
    expect(copy.stages[2]?.input).toEqual(result.stages[1]?.output);
  });

  it('without secrets too', async () => {
    const stages = [
      stage('one', passThrough('  user.n = 1;')),
      stage('two', passThrough('')),
      stage('three', passThrough('  user.n = 3;')),
    ];
    const result = await executor.run(request('POST_AUTHENTICATION', stages));
    expect(
      result.stages.map((s) => [(s.input.user as { n?: number }).n, (s.output.user as { n?: number }).n]),
    ).toEqual([
      [undefined, 1],
      [1, 1],
      [1, 3],
    ]);
    expect(result.stages.map((s) => typeof s.input + typeof s.output)).toEqual(Array(3).fill('objectobject'));
  });
});
