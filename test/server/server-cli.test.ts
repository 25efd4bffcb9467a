import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../server/cli/main.ts';
import { call } from './harness.ts';

const NODE = join(import.meta.dirname, '../../node_modules/.bin/node');
const BIN = join(import.meta.dirname, '../../bin/pipeline-studio.js');

async function captured(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const capture = (into: string[]) => (chunk: unknown) => {
    into.push(String(chunk));
    return true;
  };
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(capture(out));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(capture(err));
  try {
    return { code: await main(argv), out: out.join(''), err: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('pipeline-studio serve / server create-tenant / create-key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-server-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates tenants and keys (shown once), with clear errors for mistakes', async () => {
    expect((await captured(['server', 'create-tenant', 'acme', '--data', dir])).code).toBe(0);
    const again = await captured(['server', 'create-tenant', 'acme', '--data', dir]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('tenant "acme" already exists');
    const key = await captured(['server', 'create-key', 'acme', '--role', 'admin', '--data', dir]);
    expect(key.code).toBe(0);
    expect(key.out).toMatch(/^ps_[0-9a-f]{12}_\S+$/m);
    const unknown = await captured(['server', 'create-key', 'nobody', '--data', dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('create-tenant nobody');
    const role = await captured(['server', 'create-key', 'acme', '--role', 'root', '--data', dir]);
    expect(role.code).toBe(2);
    expect((await captured(['server', 'explode'])).code).toBe(2);
  }, 120_000);

  it('serves through the bin with --init, refusing admin commands on its busy data folder', async () => {
    const child = spawn(NODE, [BIN, 'serve', '--port', '0', '--data', dir, '--init', 'team'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: '' },
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += String(chunk);
        const match = /listening on (http:\/\/\S+)[\s\S]*runtime key: +(\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    try {
      const admin = /admin key: +(\S+)/.exec(out)?.[1];
      expect(statSync(join(dir, 'server.key')).mode & 0o777).toBe(0o600);
      expect((await call(url, 'GET', '/healthz')).status).toBe(200);
      const whoami = await call(url, 'GET', '/v1/whoami', { key: admin ?? '' });
      expect(whoami.body).toMatchObject({ tenant: 'team', role: 'admin' });
      const busy = await captured(['server', 'create-tenant', 'late', '--data', dir]);
      expect(busy.code).toBe(1);
      expect(busy.err).toContain('stop it first');
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 120_000);
});
