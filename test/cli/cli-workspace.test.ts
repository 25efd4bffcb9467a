import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, runCli, tempDir, writeFiles } from './cli-process.ts';

let dir = '';
let cleanup = async () => {};

const CHECK = `async function pipe(user, context, callback) {
  log('checking', context.request.body.email);
  if (!context.request.body.email.endsWith('@' + env.ALLOWED_DOMAIN)) {
    return callback(new Error('only ' + env.ALLOWED_DOMAIN + ' may register'));
  }
  context.checkedBy = env.API_TOKEN ? 'token' : 'no token';
  callback(null, user, context);
}
`;
const request = (email: string) => ({
  protocol: 'password',
  request: { ip: '203.0.113.7', body: { email } },
});
const fixture = (name: string, email: string, expectation?: object) => ({
  name,
  trigger: 'PRE_REGISTER',
  now: '2026-11-23T09:00:00Z',
  user: null,
  context: request(email),
  ...(expectation === undefined ? {} : { expect: expectation }),
});

/** A workspace with two passing fixtures, one failing, and one without expect. */
const HAND_MADE = {
  'studio.json': { name: 'hand-made', secrets: ['API_TOKEN'] },
  'env.json': { ALLOWED_DOMAIN: 'example.com' },
  'pipelines/PRE_REGISTER/pipeline.json': { stages: [{ name: 'check-domain', file: 'check-domain.js' }] },
  'pipelines/PRE_REGISTER/check-domain.js': CHECK,
  'fixtures/PRE_REGISTER/ana.json': fixture('ana registers', 'ana@example.com', {
    outcome: 'continue',
    context: { checkedBy: 'no token' },
  }),
  'fixtures/PRE_REGISTER/eve.json': fixture('eve is denied', 'eve@evil.test', {
    outcome: 'deny',
    error: 'only example.com',
  }),
  'fixtures/PRE_REGISTER/wrong.json': fixture('wrong expectation <&>', 'bob@example.com', {
    outcome: 'continue',
    context: { checkedBy: 'someone else' },
  }),
  'fixtures/PRE_REGISTER/draft.json': fixture('draft without expect', 'x@evil.test'),
};

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('ws'));
  await writeFiles(join(dir, 'hand'), HAND_MADE);
  await writeFiles(join(dir, 'broken'), {
    ...HAND_MADE,
    'fixtures/PRE_REGISTER/eve.json': '{\n  "name": "eve",\n  "trigger": "PRE_REGISTER"\n  "user": null\n}\n',
  });
  await writeFiles(join(dir, 'not-a-workspace'), { 'readme.txt': 'hello' });
});
afterAll(() => cleanup());

const cli = (args: string[], env?: Record<string, string>) =>
  runCli(args, env === undefined ? { cwd: dir } : { cwd: dir, env });

describe('pipeline-studio init, templates add, then test (child process)', () => {
  it('creates a workspace, adds a template with its fixtures, and its tests pass', async () => {
    const init = await cli(['init', 'fresh', '--name', 'Fresh']);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Created workspace "Fresh"');
    const empty = await cli(['test', 'fresh']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No fixtures with an "expect"');
    const add = await cli([
      'templates',
      'add',
      'fresh',
      'email-domain-allowlist',
      '--trigger',
      'PRE_REGISTER',
    ]);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('pipelines/PRE_REGISTER/email-domain-allowlist.js');
    const test = await cli(['test', 'fresh']);
    expect(test.stderr).toBe('');
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(/\d+ fixtures: \d+ passed, 0 failed/);
  });

  it('refuses to init over an existing workspace (exit 2)', async () => {
    const r = await cli(['init', 'hand']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('already a workspace');
  });
});

describe('pipeline-studio test reporters (child process)', () => {
  it('pretty: exit 1, each fixture marked, expected and actual side by side for the failure', async () => {
    const r = await cli(['test', 'hand']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✓ ana registers');
    expect(r.stdout).toContain('✓ eve is denied');
    expect(r.stdout).toContain('✗ wrong expectation <&>');
    expect(r.stdout).not.toContain('draft without expect');
    const out = r.stdout.split('\n');
    const at = out.findIndex((l) => l.trim() === 'context.checkedBy');
    expect(at).toBeGreaterThan(0);
    expect(out[at + 1]).toMatch(/expected\s+│ actual/);
    expect(out[at + 2]).toMatch(/"someone else"\s+│ "no token"/);
    expect(r.stdout).toMatch(/3 fixtures: 2 passed, 1 failed/);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('pretty is coloured with FORCE_COLOR and plain with NO_COLOR', async () => {
    const forced = await cli(['test', 'hand'], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain('\u001b[32m✓');
    const plain = await cli(['test', 'hand'], { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it('json: one parseable document with counts and mismatches', async () => {
    const r = await cli(['test', 'hand', '--reporter', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toMatchObject({ total: 3, passed: 2, failed: 1 });
    const wrong = doc.fixtures.find((f: { id: string }) => f.id === 'wrong');
    expect(wrong.pass).toBe(false);
    expect(wrong.mismatches).toEqual([
      { path: 'context.checkedBy', expected: 'someone else', actual: 'no token' },
    ]);
  });

  it('junit: well-formed XML with a failure element for the failing fixture', async () => {
    const r = await cli(['test', 'hand', '--reporter', 'junit']);
    expect(r.code).toBe(1);
    const { tags } = parseXml(r.stdout);
    expect(tags.filter((t) => t.name === 'testcase')).toHaveLength(3);
    const failures = tags.filter((t) => t.name === 'failure');
    expect(failures).toHaveLength(1);
    expect(failures[0]?.attributes.message).toContain(
      'context.checkedBy: expected "someone else", got "no token"',
    );
    expect(tags.some((t) => t.name === 'testcase' && t.attributes.name === 'wrong expectation <&>')).toBe(
      true,
    );
  });

  it('--trigger limits the run to one trigger', async () => {
    const r = await cli(['test', 'hand', '--trigger', 'POST_REGISTER', '--reporter', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.total).toBe(0);
  });

  it('secret values come from PIPELINE_STUDIO_SECRET_<NAME>', async () => {
    const r = await cli(['test', 'hand', '--reporter', 'json'], {
      PIPELINE_STUDIO_SECRET_API_TOKEN: 'tok-123456',
    });
    const ana = JSON.parse(r.stdout).fixtures.find((f: { id: string }) => f.id === 'ana');
    expect(ana.result.context.checkedBy).toBe('token');
    expect(r.stdout).not.toContain('tok-123456');
  });
});

describe('pipeline-studio run (child process)', () => {
  it('runs a fixture by id with --json and exits 0 on deny', async () => {
    const r = await cli(['run', 'hand', '--trigger', 'PRE_REGISTER', '--fixture', 'eve', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.outcome).toBe('deny');
    expect(out.error).toMatchObject({ message: 'only example.com may register', stage: 'check-domain' });
  });

  it('runs a fixture given as a path and prints the summary', async () => {
    const r = await cli([
      'run',
      'hand',
      '--trigger',
      'PRE_REGISTER',
      '--fixture',
      'hand/fixtures/PRE_REGISTER/ana.json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Outcome: continue/m);
    expect(r.stdout).toMatch(/✓ check-domain\s+continue/);
  });

  it('lists the fixture ids when the fixture is unknown (exit 2)', async () => {
    const r = await cli(['run', 'hand', '--trigger', 'PRE_REGISTER', '--fixture', 'nobody']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain('no fixture "nobody"');
    expect(r.stderr).toContain('ana, draft, eve, wrong');
  });
});

describe('bad workspaces (child process)', () => {
  it('test names the malformed fixture with line and column (exit 2)', async () => {
    const r = await cli(['test', 'broken']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/broken\/fixtures\/PRE_REGISTER\/eve\.json:4:3/);
  });

  it('run of another fixture of that workspace still works', async () => {
    const r = await cli(['run', 'broken', '--trigger', 'PRE_REGISTER', '--fixture', 'ana', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).outcome).toBe('continue');
  });

  it.each([
    [['test', 'nowhere'], /no workspace at nowhere: no such file/],
    [['test', 'not-a-workspace'], /has no studio\.json/],
    [['test', 'hand', '--trigger', 'LOGIN'], /unknown trigger "LOGIN"; valid triggers: PRE_REGISTER/],
    [['run', 'hand', '--trigger', 'PRE_REGISTER'], /missing --fixture F/],
  ])('%j is a one-line error, exit 2', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

interface SaxParser {
  onerror: (error: Error) => void;
  onopentag: (tag: { name: string; attributes: Record<string, string> }) => void;
  write(xml: string): SaxParser;
  close(): void;
}
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean): SaxParser };

function parseXml(xml: string): { tags: { name: string; attributes: Record<string, string> }[] } {
  const parser = sax.parser(true);
  const tags: { name: string; attributes: Record<string, string> }[] = [];
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => tags.push(tag);
  parser.write(xml).close();
  return { tags };
}
