import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, runCli, tempDir, writeFiles } from './cli-process.ts';

let dir = '';
let cleanup = async () => {};

const fixture = (email: string) => ({
  name: `register ${email}`,
  trigger: 'PRE_REGISTER',
  now: '2026-11-23T09:00:00Z',
  user: null,
  context: { protocol: 'password', request: { ip: '203.0.113.7', body: { email } } },
  env: { ALLOWED_DOMAIN: 'example.com' },
});

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('exec'));
  await writeFiles(dir, {
    'check-domain.js': `async function pipe(user, context, callback) {
  log('checking', context.request.body.email);
  if (!context.request.body.email.endsWith('@' + env.ALLOWED_DOMAIN)) {
    return callback(new Error('only ' + env.ALLOWED_DOMAIN + ' may register'));
  }
  callback(null, user, context);
}
`,
    'tag.js': `function pipe(user, context, callback) {
  context.tagged = env.TAG || 'none';
  callback(null, user, context);
}
`,
    'broken.js': `function pipe(user, context, callback) {
  const settings = undefined;
  return settings.missing;
}
`,
    'ana.json': fixture('ana@example.com'),
    'eve.json': fixture('eve@evil.test'),
    'trailing-comma.json': '{\n  "name": "x",\n  "trigger": "PRE_REGISTER",\n}\n',
    'bad-field.json': { name: 'x', trigger: 'PRE_REGISTER', http: [{ request: { method: 'GET' } }] },
  });
});
afterAll(() => cleanup());

const exec = (args: string[], env?: Record<string, string>) =>
  runCli(['exec', ...args], env === undefined ? { cwd: dir } : { cwd: dir, env });

describe('pipeline-studio exec (child process)', () => {
  it('prints one JSON object in the contract shape and exits 0 for a continue', async () => {
    const r = await exec([
      'check-domain.js',
      'tag.js',
      '--trigger',
      'PRE_REGISTER',
      '--fixture',
      'ana.json',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const key of [
      'outcome',
      'error',
      'user',
      'context',
      'idToken',
      'accessToken',
      'customData',
      'stages',
    ]) {
      expect(out).toHaveProperty(key);
    }
    expect(out.outcome).toBe('continue');
    expect(out.context.tagged).toBe('none');
    expect(out.stages.map((s: { name: string }) => s.name)).toEqual(['check-domain', 'tag']);
    for (const stage of out.stages) {
      for (const key of ['name', 'outcome', 'durationMs', 'logs', 'http', 'input', 'output']) {
        expect(stage).toHaveProperty(key);
      }
    }
    expect(out.stages[0].logs.join('\n')).toContain('checking ana@example.com');
  });

  it('exits 0 for a deny and names the stage', async () => {
    const r = await exec([
      'check-domain.js',
      'tag.js',
      '--trigger',
      'PRE_REGISTER',
      '--fixture',
      'eve.json',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.outcome).toBe('deny');
    expect(out.error).toMatchObject({ message: 'only example.com may register', stage: 'check-domain' });
  });

  it('exits 0 for a fault and reports it with file, line and column in the summary', async () => {
    const r = await exec(['broken.js', '--trigger', 'PRE_REGISTER', '--fixture', 'ana.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Outcome: error/m);
    expect(r.stdout).toMatch(/broken\.js:3:\d+/);
    expect(r.stdout).toMatch(/Stages:\n\s+✗ broken\s+error/);
  });

  it('prints a readable summary: outcome, stages with logs, final user and context', async () => {
    const r = await exec(['check-domain.js', '--trigger', 'PRE_REGISTER', '--fixture', 'ana.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Outcome: continue/m);
    expect(r.stdout).toMatch(/✓ check-domain\s+continue/);
    expect(r.stdout).toContain('log checking ana@example.com');
    expect(r.stdout).toMatch(/^User:/m);
    expect(r.stdout).toMatch(/^Context:/m);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('passes secrets from PIPELINE_STUDIO_SECRET_<NAME> and keeps their values out of the output', async () => {
    const r = await exec(['tag.js', '--trigger', 'PRE_REGISTER', '--fixture', 'ana.json', '--json'], {
      PIPELINE_STUDIO_SECRET_TAG: 'very-secret-value',
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.outcome).toBe('continue');
    expect(out.context.tagged).not.toBe('none');
    expect(r.stdout).not.toContain('very-secret-value');
  });

  it('names the file, line and column of a malformed fixture (exit 2)', async () => {
    const r = await exec(['tag.js', '--trigger', 'PRE_REGISTER', '--fixture', 'trailing-comma.json']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/trailing-comma\.json:4:1: invalid JSON: .*trailing comma/);
    expect(r.stdout).toBe('');
  });

  it('names the field path of a fixture that breaks the schema (exit 2)', async () => {
    const r = await exec(['tag.js', '--trigger', 'PRE_REGISTER', '--fixture', 'bad-field.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-field\.json: invalid fixture at field http\.0\.request\.url/);
  });

  it('lists the valid triggers for an unknown one (exit 2)', async () => {
    const r = await exec(['tag.js', '--trigger', 'PRE_LOGIN', '--fixture', 'ana.json']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('unknown trigger "PRE_LOGIN"; valid triggers: PRE_REGISTER, POST_REGISTER');
  });

  it('accepts a trigger alias', async () => {
    const r = await exec(['tag.js', '--trigger', 'PRE_OIDCTOKENISSUED', '--fixture', 'ana.json', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).outcome).toBe('continue');
  });

  it.each([
    [
      ['missing.js', '--trigger', 'PRE_REGISTER', '--fixture', 'ana.json'],
      /cannot read function file missing\.js: no such file/,
    ],
    [
      ['tag.js', '--trigger', 'PRE_REGISTER', '--fixture', 'missing.json'],
      /cannot read fixture missing\.json: no such file/,
    ],
  ])('reports a missing file in one line (exit 2): %j', async (args, message) => {
    const r = await exec(args);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
