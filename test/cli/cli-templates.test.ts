import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, runCli, tempDir } from './cli-process.ts';

let dir = '';
let cleanup = async () => {};

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('templates'));
  const init = await runCli(['init', 'ws'], { cwd: dir });
  if (init.code !== 0) throw new Error(`init failed: ${init.stderr}`);
});
afterAll(() => cleanup());

describe('pipeline-studio templates (child process)', () => {
  it('list prints a table of ids, categories, triggers and titles', async () => {
    const r = await runCli(['templates', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+CATEGORY\s+TRIGGERS\s+TITLE/);
    expect(r.stdout).toMatch(
      /^email-domain-allowlist\s+allow-list\s+PRE_REGISTER\s+E-mail domain allow-list/m,
    );
  });

  it('list --json and its filters', async () => {
    const all = JSON.parse((await runCli(['templates', 'list', '--json'])).stdout) as {
      id: string;
      category: string;
    }[];
    expect(all.length).toBeGreaterThan(3);
    const r = await runCli(['templates', 'list', '--json', '--category', 'allow-list']);
    const some = JSON.parse(r.stdout) as { category: string }[];
    expect(some.length).toBeGreaterThan(0);
    expect(some.length).toBeLessThan(all.length);
    expect(some.every((t) => t.category === 'allow-list')).toBe(true);
  });

  it('list rejects an unknown category (exit 2)', async () => {
    const r = await runCli(['templates', 'list', '--category', 'misc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown category "misc"; categories: allow-list/);
  });

  it('show prints the metadata, fixtures and the code', async () => {
    const r = await runCli(['templates', 'show', 'email-domain-allowlist']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('E-mail domain allow-list (email-domain-allowlist)');
    expect(r.stdout).toContain('ALLOWED_DOMAINS');
    expect(r.stdout).toMatch(/Fixtures:\n\s+\S+/);
    expect(r.stdout).toMatch(/function pipe\(/);
  });

  it('show of an unknown id suggests the nearest one (exit 2)', async () => {
    const r = await runCli(['templates', 'show', 'email-domain-alowlist']);
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toContain(
      'no template named "email-domain-alowlist" (did you mean email-domain-allowlist?)',
    );
  });

  it('add copies the stage, its fixtures and env keys into the workspace', async () => {
    const r = await runCli(
      ['templates', 'add', 'ws', 'email-domain-allowlist', '--trigger', 'PRE_REGISTER', '--name', 'domains'],
      {
        cwd: dir,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pipeline = JSON.parse(await readFile(join(dir, 'ws/pipelines/PRE_REGISTER/pipeline.json'), 'utf8'));
    expect(pipeline.stages.map((s: { name: string }) => s.name)).toEqual(['domains']);
    expect(await readFile(join(dir, 'ws/pipelines/PRE_REGISTER/domains.js'), 'utf8')).toMatch(
      /function pipe/,
    );
    const env = JSON.parse(await readFile(join(dir, 'ws/env.json'), 'utf8'));
    expect(env).toHaveProperty('ALLOWED_DOMAINS');
    expect(r.stdout).toMatch(/fixtures\/PRE_REGISTER\/\S+\.json/);
  });

  it.each([
    [
      ['templates', 'add', 'ws', 'email-domain-allowlist', '--trigger', 'PRE_REGISTER', '--name', 'domains'],
      /already has a stage "domains"/,
    ],
    [
      ['templates', 'add', 'ws', 'email-domain-allowlist', '--trigger', 'POST_REGISTER'],
      /written for PRE_REGISTER, not POST_REGISTER/,
    ],
    [['templates', 'add', 'ws', 'email-domain-allowlist', '--trigger', 'NOPE'], /unknown trigger "NOPE"/],
    [['templates', 'add', 'nowhere', 'email-domain-allowlist'], /no workspace at nowhere: no such file/],
    [['templates', 'add', 'ws'], /missing template ID/],
    [['templates', 'show', 'x', '--name', 'y'], /--name does not apply to "templates show"/],
  ])('%j is refused in one line (exit 2)', async (args, message) => {
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
