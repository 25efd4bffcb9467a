import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../server/db/open.ts';
import { createKey, createTenant } from '../../server/store/tenants.ts';
import { call, sampleContent } from './harness.ts';

const NODE = join(import.meta.dirname, '../../node_modules/.bin/node');
const CHILD = join(import.meta.dirname, 'crash-child.ts');
const ROUNDS = 6;

function startChild(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(NODE, [CHILD, dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.stderr?.on('data', (chunk) => {
      err += String(chunk);
    });
    child.once('exit', (code) => reject(new Error(`server child exited (${code}) before listening: ${err}`)));
  });
}

/** Checks the stored versions: numbered 1..n, each a whole copy of its revision, the live one the last. */
async function checkVersions(dir: string): Promise<number> {
  const db = await openDb({ dataDir: dir });
  try {
    const versions = await db.query<{
      number: number;
      revision: number;
      same: boolean;
      rollback_of: number | null;
    }>(
      `SELECT v.number, v.revision, v.rollback_of, (v.content = r.content) AS same
         FROM versions v JOIN revisions r ON r.tenant_id = v.tenant_id AND r.number = v.revision ORDER BY v.number`,
    );
    const all = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM versions');
    expect(versions.length).toBe(all[0]?.n);
    versions.forEach((version, i) => {
      expect(version.number).toBe(i + 1);
      expect(version.same).toBe(true);
    });
    const tenant = await db.query<{ published_version: number | null }>(
      'SELECT published_version FROM tenants',
    );
    expect(tenant[0]?.published_version ?? null).toBe(versions.length === 0 ? null : versions.length);
    const audits = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action IN ('version.publish', 'version.rollback')",
    );
    expect(audits[0]?.n).toBe(versions.length);
    return versions.length;
  } finally {
    await db.close();
  }
}

describe('a server killed with SIGKILL during publish', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ps-crash-'));
  let current: ChildProcess | undefined;
  afterAll(() => {
    if (current && current.exitCode === null) current.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves either no new version or a whole one, round after round', async () => {
    const db = await openDb({ dataDir: dir });
    await createTenant(db, 'crash');
    const { key } = await createKey(db, 'crash', 'admin');
    await db.close();

    let acknowledged = 0;
    let interrupted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { child, url } = await startChild(dir);
      current = child;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const head = await call<{ revision: number }>(url, 'GET', '/v1/revisions/head', { key });
      const pushed = await call<{ revision: number }>(url, 'POST', '/v1/revisions', {
        key,
        body: { content: sampleContent(`round-${round}`) },
        headers: { 'if-match': `"${head.body.revision}"` },
      });
      expect(pushed.status).toBe(201);
      const killAfter = 20 + Math.floor(Math.random() * 250);
      const deadline = Date.now() + killAfter;
      setTimeout(() => child.kill('SIGKILL'), killAfter);
      const publishers = Array.from({ length: 3 }, async (_, worker) => {
        let i = 0;
        while (Date.now() < deadline + 500) {
          const rollback = worker === 2 && acknowledged > 0 && i % 2 === 1;
          try {
            const answer = rollback
              ? await call(url, 'POST', '/v1/versions/1/rollback', { key, body: { note: `r${round}` } })
              : await call(url, 'POST', '/v1/versions', {
                  key,
                  body: { revision: pushed.body.revision, note: `r${round}` },
                });
            if (answer.status === 201) acknowledged++;
          } catch {
            interrupted++; // the connection died with the server: expected, that is the point
            return;
          }
          i++;
        }
      });
      await Promise.all(publishers);
      await exited;
      const stored = await checkVersions(dir);
      // Every publish the server acknowledged survived the crash.
      expect(stored).toBeGreaterThanOrEqual(acknowledged);
    }
    expect(acknowledged).toBeGreaterThan(0);
    expect(interrupted).toBeGreaterThan(0);
  }, 180_000);
});
