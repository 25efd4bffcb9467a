import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareBackend } from './backends.ts';
import { call, sampleContent, startTestServer, type TestServer, type TestTenant } from './harness.ts';

/** ARCHITECTURE.md, Where it scales: stateless instances behind a load balancer, one PostgreSQL. */
describe('several server instances sharing one PostgreSQL', () => {
  let a: TestServer;
  let b: TestServer;
  let tenant: TestTenant;
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    const prepared = await prepareBackend('postgres');
    stopBackend = prepared.stop;
    const env = { PIPELINE_STUDIO_SERVER_KEY: 'ab'.repeat(32) };
    // Started at once: the migrations must run exactly once between them.
    [a, b] = await Promise.all([
      startTestServer({ databaseUrl: prepared.databaseUrl, env, principalCacheMs: 0, executorPoolSize: 1 }),
      startTestServer({ databaseUrl: prepared.databaseUrl, env, principalCacheMs: 0, executorPoolSize: 1 }),
    ]);
    tenant = await a.tenant('shared');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await stopBackend?.();
  });

  it('migrates once, refuses a stale push on the other instance, and runs what either published', async () => {
    const migrations = await a.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM schema_migrations',
    );
    expect(migrations[0]?.n).toBe(1);
    const first = await call(a.url, 'POST', '/v1/revisions', {
      key: tenant.admin,
      body: { content: sampleContent('A') },
      headers: { 'if-match': '"0"' },
    });
    expect(first.status).toBe(201);
    const stale = await call(b.url, 'POST', '/v1/revisions', {
      key: tenant.admin,
      body: { content: sampleContent('B') },
      headers: { 'if-match': '"0"' },
    });
    expect(stale.status).toBe(412);
    expect(
      (await call(b.url, 'POST', '/v1/versions', { key: tenant.admin, body: { revision: 1 } })).status,
    ).toBe(201);
    // A secret set through A (same server key) is injected by B's runtime.
    await call(a.url, 'PUT', '/v1/secrets/API_TOKEN', {
      key: tenant.admin,
      body: { value: 'shared-secret-1' },
    });
    const run = await call<{ outcome: string; stages: { logs: string[] }[] }>(
      b.url,
      'POST',
      '/v1/runtime/PRE_REGISTER',
      {
        key: tenant.runtime,
        body: { context: { request: { body: { email: 'x@example.com' } } } },
      },
    );
    expect(run.body.outcome).toBe('continue');
    expect(run.body.stages[2]?.logs.join('')).not.toContain('absent');
    const pushed = await call<{ revision: number }>(b.url, 'POST', '/v1/revisions', {
      key: tenant.admin,
      body: { content: sampleContent('C') },
      headers: { 'if-match': '"1"' },
    });
    await call(b.url, 'POST', '/v1/versions', {
      key: tenant.admin,
      body: { revision: pushed.body.revision },
    });
    const onA = await call<{ context: { tagged: string } }>(a.url, 'POST', '/v1/runtime/PRE_REGISTER', {
      key: tenant.runtime,
      body: { context: { request: { body: { email: 'x@example.com' } } } },
    });
    expect(onA.body.context.tagged).toBe('C');
  });
});
