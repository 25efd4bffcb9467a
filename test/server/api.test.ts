import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, prepareBackend } from './backends.ts';
import { call, sampleContent, startTestServer, type TestServer, type TestTenant } from './harness.ts';

const corporate = {
  protocol: 'password',
  request: { ip: '203.0.113.7', body: { email: 'ana@example.com' } },
};
const outsider = { protocol: 'password', request: { ip: '203.0.113.7', body: { email: 'eve@evil.test' } } };

describe.each(BACKENDS)('store API on %s', (backend) => {
  let server: TestServer;
  let acme: TestTenant;
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    const prepared = await prepareBackend(backend);
    stopBackend = prepared.stop;
    server = await startTestServer({ databaseUrl: prepared.databaseUrl, executorPoolSize: 1 });
    acme = await server.tenant('acme');
  });
  afterAll(async () => {
    await server?.close();
    await stopBackend?.();
  });

  it('answers 401 without a key or with a wrong one, 403 for a runtime key on admin routes', async () => {
    const missing = await call(server.url, 'GET', '/v1/revisions/head');
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await call(server.url, 'GET', '/v1/revisions/head', { key: 'ps_nope_nope' })).status).toBe(401);
    const runtime = await call(server.url, 'GET', '/v1/revisions/head', { key: acme.runtime });
    expect(runtime.status).toBe(403);
    const whoami = await call(server.url, 'GET', '/v1/whoami', { key: acme.runtime });
    expect(whoami.body).toMatchObject({
      tenant: 'acme',
      role: 'runtime',
      headRevision: 0,
      publishedVersion: null,
    });
  });

  it('pushes revisions with If-Match and refuses a stale base with the current revision', async () => {
    const head = await call(server.url, 'GET', '/v1/revisions/head', { key: acme.admin });
    expect(head.body).toMatchObject({ revision: 0, content: { env: {}, pipelines: {} } });
    const noBase = await call(server.url, 'POST', '/v1/revisions', {
      key: acme.admin,
      body: { content: sampleContent('A') },
    });
    expect(noBase.status).toBe(428);
    const first = await call(server.url, 'POST', '/v1/revisions', {
      key: acme.admin,
      body: { content: sampleContent('A') },
      headers: { 'if-match': '"0"' },
    });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ revision: 1 });
    const stale = await call(server.url, 'POST', '/v1/revisions', {
      key: acme.admin,
      body: { content: sampleContent('B') },
      headers: { 'if-match': '"0"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ error: { code: 'stale_revision', currentRevision: 1 } });
    const stored = await call<{ content: { env: Record<string, string> } }>(
      server.url,
      'GET',
      '/v1/revisions/1',
      {
        key: acme.admin,
      },
    );
    expect(stored.body.content.env.TAG).toBe('A');
    expect(stored.headers.get('etag')).toBe('"1"');
  });

  it('explains bad JSON and schema violations with field paths', async () => {
    const bad = await call(server.url, 'POST', '/v1/revisions', {
      key: acme.admin,
      rawBody: '{"content": ',
      headers: { 'if-match': '"1"' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'bad_json' } });
    const invalid = await call<{ error: { issues: { path: string }[] } }>(
      server.url,
      'POST',
      '/v1/revisions',
      {
        key: acme.admin,
        body: {
          content: {
            pipelines: {
              PRE_REGISTER: { stages: [{ name: 'x', file: 'x.js', code: '', timeoutSeconds: 99 }] },
            },
          },
        },
        headers: { 'if-match': '"1"' },
      },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues.map((issue) => issue.path)).toContain(
      'body.content.pipelines.PRE_REGISTER.stages.0.timeoutSeconds',
    );
    const unknownRoute = await call(server.url, 'GET', '/v1/nothing', { key: acme.admin });
    expect(unknownRoute.status).toBe(404);
  });

  it('publishes immutable versions, runs the live one at the runtime, and rolls back', async () => {
    const nothing = await call(server.url, 'POST', '/v1/runtime/PRE_REGISTER', {
      key: acme.runtime,
      body: { context: corporate },
    });
    expect(nothing.status).toBe(404);
    const v1 = await call(server.url, 'POST', '/v1/versions', {
      key: acme.admin,
      body: { revision: 1, note: 'first' },
    });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ version: 1, revision: 1, rollbackOf: null, note: 'first' });
    expect(
      (await call(server.url, 'POST', '/v1/versions', { key: acme.admin, body: { revision: 99 } })).status,
    ).toBe(404);

    const denied = await call(server.url, 'POST', '/v1/runtime/PRE_REGISTER', {
      key: acme.runtime,
      body: { user: null, context: outsider },
    });
    expect(denied.status).toBe(200);
    expect(denied.body).toMatchObject({
      outcome: 'deny',
      error: { message: 'only example.com may register', stage: 'domain-check' },
    });
    const allowed = await call(server.url, 'POST', '/v1/runtime/PRE_REGISTER', {
      key: acme.runtime,
      body: { context: corporate },
    });
    expect(allowed.body).toMatchObject({ outcome: 'continue', context: { tagged: 'A' } });
    expect((allowed.body as { stages: unknown[] }).stages).toHaveLength(3);

    const second = sampleContent('B');
    const pushed = await call<{ revision: number }>(server.url, 'POST', '/v1/revisions', {
      key: acme.admin,
      body: { content: second },
      headers: { 'if-match': '"1"' },
    });
    await call(server.url, 'POST', '/v1/versions', {
      key: acme.admin,
      body: { revision: pushed.body.revision },
    });
    const afterV2 = await call(server.url, 'POST', '/v1/runtime/PRE_REGISTER', {
      key: acme.runtime,
      body: { context: corporate },
    });
    expect(afterV2.body).toMatchObject({ context: { tagged: 'B' } });

    const rollback = await call(server.url, 'POST', '/v1/versions/1/rollback', { key: acme.admin, body: {} });
    expect(rollback.status).toBe(201);
    expect(rollback.body).toMatchObject({ version: 3, revision: 1, rollbackOf: 1 });
    const afterRollback = await call(server.url, 'POST', '/v1/runtime/PRE_REGISTER', {
      key: acme.runtime,
      body: { context: corporate },
    });
    expect(afterRollback.body).toMatchObject({ context: { tagged: 'A' } });
    const list = await call(server.url, 'GET', '/v1/versions', { key: acme.admin });
    expect(list.body).toMatchObject({ publishedVersion: 3 });
    expect((list.body as { versions: unknown[] }).versions).toHaveLength(3);
    const published = await call(server.url, 'GET', '/v1/versions/published', { key: acme.admin });
    expect(published.body).toMatchObject({ version: 3, content: { env: { TAG: 'A' } } });

    const unknown = await call(server.url, 'POST', '/v1/runtime/NOT_A_TRIGGER', {
      key: acme.runtime,
      body: {},
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'unknown_trigger' } });
    const alias = await call(server.url, 'POST', '/v1/runtime/PRE_OIDCTOKENISSUED', {
      key: acme.runtime,
      body: {},
    });
    expect(alias.body).toMatchObject({ outcome: 'continue', stages: [] });
  });

  it('keeps secrets write-only and encrypted, injects them and redacts them from logs', async () => {
    const value = 'tok-3f9a1c77e2';
    expect(
      (await call(server.url, 'PUT', '/v1/secrets/API_TOKEN', { key: acme.admin, body: { value } })).status,
    ).toBe(204);
    const list = await call(server.url, 'GET', '/v1/secrets', { key: acme.admin });
    expect(JSON.stringify(list.body)).not.toContain(value);
    expect(list.body).toMatchObject({ secrets: [{ name: 'API_TOKEN' }] });
    const rows = await server.server.db.query<{ ciphertext: string }>('SELECT ciphertext FROM secrets');
    expect(rows[0]?.ciphertext).toMatch(/^v1:/);
    expect(JSON.stringify(rows)).not.toContain(value);

    const run = await call(server.url, 'POST', '/v1/runtime/PRE_REGISTER', {
      key: acme.runtime,
      body: { context: corporate },
    });
    const logs = (run.body as { stages: { name: string; logs: string[] }[] }).stages.find(
      (s) => s.name === 'log-secret',
    )?.logs;
    expect(logs?.join('\n')).toContain('secret is');
    expect(logs?.join('\n')).not.toContain('absent');
    expect(JSON.stringify(run.body)).not.toContain(value);
    const stored = await call(server.url, 'GET', '/v1/logs?limit=1', { key: acme.admin });
    expect(JSON.stringify(stored.body)).toContain('secret is');
    expect(JSON.stringify(stored.body)).not.toContain(value);

    expect((await call(server.url, 'DELETE', '/v1/secrets/API_TOKEN', { key: acme.admin })).status).toBe(204);
    expect((await call(server.url, 'DELETE', '/v1/secrets/API_TOKEN', { key: acme.admin })).status).toBe(404);
  });

  it('pages execution logs by cursor and filters them by trigger', async () => {
    await call(server.url, 'POST', '/v1/runtime/POST_REGISTER', {
      key: acme.runtime,
      body: { context: corporate },
    });
    const all: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { entries: { id: number }[]; nextCursor: string | null } } = await call(
        server.url,
        'GET',
        `/v1/logs?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { key: acme.admin },
      );
      expect(page.body.entries.length).toBeLessThanOrEqual(2);
      all.push(...page.body.entries.map((entry) => entry.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort((a, b) => b - a)).toEqual(all);
    const filtered = await call<{ entries: { trigger: string }[] }>(
      server.url,
      'GET',
      '/v1/logs?trigger=POST_REGISTER',
      {
        key: acme.admin,
      },
    );
    expect(filtered.body.entries.length).toBe(1);
    expect(filtered.body.entries.every((entry) => entry.trigger === 'POST_REGISTER')).toBe(true);
    const badQuery = await call(server.url, 'GET', '/v1/logs?limit=0', { key: acme.admin });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body).toMatchObject({ error: { issues: [{ path: 'query.limit' }] } });
  });

  it('records who did what in the audit log, and keeps settings', async () => {
    const settings = await call(server.url, 'PUT', '/v1/settings', {
      key: acme.admin,
      body: { allowHosts: ['api.example.com'] },
    });
    expect(settings.body).toEqual({ allowHosts: ['api.example.com'], memoryLimitMb: 64 });
    expect((await call(server.url, 'GET', '/v1/settings', { key: acme.admin })).body).toMatchObject({
      allowHosts: ['api.example.com'],
    });
    const whoami = await call<{ keyId: string }>(server.url, 'GET', '/v1/whoami', { key: acme.admin });
    const audit = await call<{ entries: { action: string; keyId: string | null }[] }>(
      server.url,
      'GET',
      '/v1/audit?limit=100',
      {
        key: acme.admin,
      },
    );
    const actions = audit.body.entries.map((entry) => entry.action);
    for (const action of [
      'revision.push',
      'version.publish',
      'version.rollback',
      'secret.put',
      'secret.delete',
      'settings.update',
    ]) {
      expect(actions).toContain(action);
    }
    expect(audit.body.entries.find((entry) => entry.action === 'version.rollback')?.keyId).toBe(
      whoami.body.keyId,
    );
  });

  it('serves health, Prometheus metrics and an OpenAPI document describing every route', async () => {
    expect((await call(server.url, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    const metrics = await call<string>(server.url, 'GET', '/metrics');
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.body).toMatch(
      /pipeline_studio_http_requests_total\{method="POST",route="\/v1\/runtime\/:trigger",status="200"\} \d+/,
    );
    expect(metrics.body).toContain('pipeline_studio_http_request_duration_seconds_bucket');
    expect(metrics.body).toMatch(
      /pipeline_studio_runtime_runs_total\{trigger="PRE_REGISTER",outcome="deny"\} \d+/,
    );
    const doc = await call<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      server.url,
      'GET',
      '/openapi.json',
    );
    expect(doc.body.openapi).toMatch(/^3\./);
    const described = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const served = server.server.app.printRoutes({ commonPrefix: false });
    for (const def of server.server.routes) {
      expect(described).toContain(`${def.method} ${def.url.replace(/:(\w+)/g, '{$1}')}`);
    }
    expect(described.length).toBe(server.server.routes.length);
    expect(served).toContain('runtime/');
  });
});
