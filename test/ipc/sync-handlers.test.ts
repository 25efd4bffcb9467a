import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContent } from '../../shared/store-api.ts';
import { call, startTestServer, type TestServer, type TestTenant } from '../server/harness.ts';
import { type Harness, startHarness } from './services-harness.ts';

const EXAMPLE = resolve(import.meta.dirname, '..', '..', 'examples', 'default-workspace');
const STAGE = 'pipelines/PRE_AUTHENTICATION/require-verified-email.js';

/** The sync calls through the real dispatcher against a real store server (PGlite in memory). */
describe('sync calls', () => {
  let server: TestServer;
  let tenant: TestTenant;
  let studio: Harness;
  let root: string;

  beforeAll(async () => {
    server = await startTestServer({ executorPoolSize: 1 });
    tenant = await server.tenant('acme');
    studio = await startHarness();
    root = join(studio.dir, 'workspace');
    await cp(EXAMPLE, root, { recursive: true });
    await studio.call('workspace.open', { path: root });
  }, 60_000);

  afterAll(async () => {
    await studio?.close();
    await server?.close();
  });

  const head = async () =>
    (
      await call<{ revision: number; content: StoreContent }>(server.url, 'GET', '/v1/revisions/head', {
        key: tenant.admin,
      })
    ).body;

  /** A teammate's push straight through the API: one stage's code replaced. */
  async function teammateEdits(edit: (code: string) => string): Promise<number> {
    const current = await head();
    const stage = current.content.pipelines.PRE_AUTHENTICATION?.stages.find(
      (s) => s.name === 'require-verified-email',
    );
    if (!stage) throw new Error('the remote has no require-verified-email stage');
    stage.code = edit(stage.code);
    const answer = await call<{ revision: number }>(server.url, 'POST', '/v1/revisions', {
      key: tenant.admin,
      body: { content: current.content },
      headers: { 'if-match': `"${current.revision}"` },
    });
    expect(answer.status).toBe(201);
    return answer.body.revision;
  }

  it('has no remote until connected; connecting keeps the key out of the workspace', async () => {
    expect((await studio.call('sync.status')).connection).toBe('unconfigured');
    const status = await studio.call('sync.connect', {
      url: `${server.url}/`,
      tenant: 'acme',
      apiKey: tenant.admin,
    });
    expect(status.connection).toBe('online');
    expect(status.remote).toEqual({ url: server.url, tenant: 'acme', hasKey: true });
    expect(status.overall).toBe('ahead');
    const studioJson = JSON.parse(await readFile(join(root, 'studio.json'), 'utf8'));
    expect(studioJson.remote).toEqual({ url: server.url, tenant: 'acme' });
    expect(studioJson.secrets).not.toContain('REMOTE_KEY');
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      expect(await readFile(join(entry.parentPath, entry.name), 'utf8')).not.toContain(tenant.admin);
    }
    const event = await studio.nextEvent((e) => e.name === 'sync.changed');
    expect(event.name).toBe('sync.changed');
  });

  it('pushes the workspace, then is clean per stage', async () => {
    const pushed = await studio.call('sync.push');
    expect(pushed.summary).toBe('Pushed revision 1');
    expect(pushed.status.overall).toBe('clean');
    const remote = await head();
    expect(remote.content.pipelines.PRE_AUTHENTICATION?.stages.map((s) => s.name)).toEqual([
      'block-connection',
      'require-verified-email',
    ]);
  });

  it('shows a teammate change as behind, and pull writes it into the workspace', async () => {
    await teammateEdits((code) => `// reviewed by bea\n${code}`);
    const status = await studio.call('sync.status');
    expect(status.overall).toBe('behind');
    expect(status.items).toContainEqual(
      expect.objectContaining({
        kind: 'stage',
        name: 'require-verified-email',
        relPath: STAGE,
        state: 'behind',
      }),
    );
    const pulled = await studio.call('sync.pull');
    expect(pulled.changes).toContainEqual({ kind: 'changed', relPath: STAGE });
    expect(pulled.changes.map((c) => c.relPath).filter((p) => !p.endsWith('pipeline.json'))).toEqual([STAGE]);
    expect(await readFile(join(root, STAGE), 'utf8')).toMatch(/^\/\/ reviewed by bea\n/);
    expect(pulled.status.overall).toBe('clean');
  });

  it('a conflicting edit waits for a resolution; nothing is pushed until it is given', async () => {
    const local = await readFile(join(root, STAGE), 'utf8');
    await writeFile(join(root, STAGE), local.replace('// reviewed by bea', '// mine: ana'));
    const theirs = await teammateEdits((code) => code.replace('// reviewed by bea', '// theirs: bea'));

    const attempt = await studio.call('sync.push');
    expect(attempt.status.overall).toBe('conflicted');
    const [conflict] = attempt.status.conflicts;
    expect(conflict).toMatchObject({ relPath: STAGE, language: 'javascript' });
    expect(conflict?.local).toContain('// mine: ana');
    expect(conflict?.remote).toContain('// theirs: bea');
    expect(conflict?.merged).toMatch(/<<<<<<< [\s\S]*=======[\s\S]*>>>>>>> /);
    expect((await studio.fail('sync.push')).code).toBe('conflict');
    expect((await head()).revision).toBe(theirs);

    const merged = (conflict?.local ?? '').replace('// mine: ana', '// ana and bea');
    const resolved = await studio.call('sync.resolveConflict', { id: conflict?.id ?? '', text: merged });
    expect(resolved.status.conflicts).toEqual([]);
    expect(await readFile(join(root, STAGE), 'utf8')).toBe(merged);
    expect((await head()).revision).toBe(theirs);

    const pushed = await studio.call('sync.push');
    expect(pushed.summary).toBe(`Pushed revision ${theirs + 1}`);
    const stage = (await head()).content.pipelines.PRE_AUTHENTICATION?.stages.find(
      (s) => s.name === 'require-verified-email',
    );
    expect(stage?.code.split('\n')[0]).toBe('// ana and bea');
  });

  it('blocks publishing while a fixture fails, listing it', async () => {
    const file = join(root, 'fixtures/PRE_AUTHENTICATION/unverified-email-denied.json');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('"outcome": "deny"', '"outcome": "continue"'));
    const review = await studio.call('sync.publishReview');
    expect(review.gate.passed).toBe(false);
    expect(review.gate.fixtures.filter((f) => !f.pass).map((f) => f.fixtureId)).toEqual([
      'unverified-email-denied',
    ]);
    expect((await studio.fail('sync.publish', { draftHash: review.draftHash })).code).toBe('conflict');
    await writeFile(file, original);
  });

  it('reviews, publishes after confirmation, lists versions and rolls back', async () => {
    const review = await studio.call('sync.publishReview');
    expect(review.gate.passed).toBe(true);
    expect(review.publishedVersion).toBeNull();
    expect(review.needsPush).toBe(false);
    expect(review.changes.filter((c) => c.kind === 'code').length).toBeGreaterThan(0);
    const first = await studio.call('sync.publish', { draftHash: review.draftHash, note: 'first' });
    expect(first).toMatchObject({ version: 1, note: 'first' });

    // A behaviour change: the draft lets unverified addresses in; the review names the fixture.
    const local = await readFile(join(root, STAGE), 'utf8');
    await writeFile(join(root, STAGE), local.replace('user.emailVerified !== true', 'false'));
    await writeFile(
      join(root, 'fixtures/PRE_AUTHENTICATION/unverified-email-denied.json'),
      JSON.stringify({
        ...JSON.parse(
          await readFile(join(root, 'fixtures/PRE_AUTHENTICATION/unverified-email-denied.json'), 'utf8'),
        ),
        expect: { outcome: 'continue' },
      }),
    );
    const second = await studio.call('sync.publishReview');
    expect(second.gate.passed).toBe(true);
    expect(second.needsPush).toBe(true);
    expect(second.behaviour).toContainEqual(
      expect.objectContaining({ fixtureId: 'unverified-email-denied', published: 'deny', draft: 'continue' }),
    );
    expect(second.changes).toContainEqual(
      expect.objectContaining({ kind: 'code', name: 'require-verified-email' }),
    );
    const v2 = await studio.call('sync.publish', { draftHash: second.draftHash });
    expect(v2.version).toBe(2);

    const history = await studio.call('sync.versions');
    expect(history.publishedVersion).toBe(2);
    expect(history.versions.map((v) => v.version)).toEqual([2, 1]);
    const back = await studio.call('sync.rollback', { version: 1 });
    expect(back).toMatchObject({ version: 3, rollbackOf: 1 });
    expect((await studio.call('sync.status')).publishedVersion).toBe(3);
  });

  it('refuses a publish of a draft that changed after its review', async () => {
    const review = await studio.call('sync.publishReview');
    const local = await readFile(join(root, STAGE), 'utf8');
    await writeFile(join(root, STAGE), `${local}\n// late edit\n`);
    const error = await studio.fail('sync.publish', { draftHash: review.draftHash });
    expect(error.message).toMatch(/changed since the review/);
  });

  it('offline: status says so, edits are kept, push explains what to do', async () => {
    await studio.call('sync.connect', { url: 'http://127.0.0.1:9', tenant: 'acme' });
    const status = await studio.call('sync.status');
    expect(status.connection).toBe('offline');
    expect(status.overall).toBe('offline');
    expect(status.message).toContain('offline: your edits are kept; push when the server is reachable again');
    const error = await studio.fail('sync.push');
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('offline: your edits are kept; push when the server is reachable again');
    expect(await readFile(join(root, STAGE), 'utf8')).toContain('// late edit');
  });

  it('a rejected key is reported, not thrown', async () => {
    await studio.call('sync.connect', { url: server.url, tenant: 'acme', apiKey: 'not-a-key' });
    const status = await studio.call('sync.status');
    expect(status.connection).toBe('unauthorized');
    expect(status.message).toMatch(/rejected the API key/);
  });
});
