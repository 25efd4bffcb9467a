import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, prepareBackend } from './backends.ts';
import { call, sampleContent, startTestServer, type TestServer, type TestTenant } from './harness.ts';

type Operation = { parameters?: { name: string; in: string }[]; requestBody?: unknown };

/** Values that name tenant A's resources, so B's key is tried on A's actual ids. */
const PATH_VALUES: Record<string, string> = {
  revision: '1',
  version: '1',
  name: 'A_SECRET',
  trigger: 'PRE_REGISTER',
};
const BODIES: Record<string, unknown> = {
  'POST /v1/revisions': { content: sampleContent('intruder') },
  'POST /v1/versions': { revision: 1 },
  'POST /v1/versions/{version}/rollback': { note: 'intruder' },
  'PUT /v1/secrets/{name}': { value: 'intruder-value' },
  'PUT /v1/settings': { allowHosts: ['intruder.test'] },
  'POST /v1/runtime/{trigger}': { context: { request: { body: { email: 'x@example.com' } } } },
};

describe.each(BACKENDS)('tenant isolation on %s', (backend) => {
  let server: TestServer;
  let a: TestTenant;
  let b: TestTenant;
  let stopBackend: () => Promise<void>;
  const MARK = 'tenant-a-private-7731';

  beforeAll(async () => {
    const prepared = await prepareBackend(backend);
    stopBackend = prepared.stop;
    server = await startTestServer({ databaseUrl: prepared.databaseUrl, executorPoolSize: 1 });
    a = await server.tenant('tenant-a');
    b = await server.tenant('tenant-b');
    await call(server.url, 'POST', '/v1/revisions', {
      key: a.admin,
      body: { content: sampleContent(MARK) },
      headers: { 'if-match': '"0"' },
    });
    await call(server.url, 'POST', '/v1/versions', { key: a.admin, body: { revision: 1, note: MARK } });
    await call(server.url, 'PUT', '/v1/secrets/A_SECRET', { key: a.admin, body: { value: MARK } });
    await call(server.url, 'PUT', '/v1/settings', { key: a.admin, body: { allowHosts: [`${MARK}.test`] } });
    await call(server.url, 'POST', '/v1/runtime/PRE_REGISTER', {
      key: a.runtime,
      body: { context: { request: { body: { email: 'x@example.com' } } } },
    });
  });
  afterAll(async () => {
    await server?.close();
    await stopBackend?.();
  });

  it("never shows or changes tenant A's data to tenant B's keys, on every described route", async () => {
    const doc = await call<{ paths: Record<string, Record<string, Operation>> }>(
      server.url,
      'GET',
      '/openapi.json',
    );
    let tried = 0;
    for (const [path, operations] of Object.entries(doc.body.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const id = `${method.toUpperCase()} ${path}`;
        const concrete = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
          const value = PATH_VALUES[name];
          if (!value)
            throw new Error(`isolation test: no value for path parameter {${name}} of ${id}; add one`);
          return value;
        });
        const needsBody = operation.requestBody !== undefined;
        if (needsBody && !(id in BODIES))
          throw new Error(`isolation test: no request body for ${id}; add one`);
        for (const key of [b.admin, b.runtime]) {
          const answer = await call(server.url, method.toUpperCase(), concrete, {
            key,
            ...(needsBody ? { body: BODIES[id] } : {}),
            headers: { 'if-match': '"1"' },
          });
          tried++;
          const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
          expect(text, id).not.toContain(MARK);
          expect(answer.status, id).not.toBe(500);
        }
      }
    }
    expect(tried).toBeGreaterThan(30);

    // Tenant A's own data is unchanged by everything B tried.
    const head = await call<{ revision: number }>(server.url, 'GET', '/v1/revisions/head', { key: a.admin });
    expect(head.body.revision).toBe(1);
    const versions = await call<{ versions: unknown[]; publishedVersion: number }>(
      server.url,
      'GET',
      '/v1/versions',
      { key: a.admin },
    );
    expect(versions.body.versions).toHaveLength(1);
    expect(versions.body.publishedVersion).toBe(1);
    const secrets = await call<{ secrets: { name: string }[] }>(server.url, 'GET', '/v1/secrets', {
      key: a.admin,
    });
    expect(secrets.body.secrets.map((s) => s.name)).toEqual(['A_SECRET']);
    const settings = await call(server.url, 'GET', '/v1/settings', { key: a.admin });
    expect(settings.body).toMatchObject({ allowHosts: [`${MARK}.test`] });
    const logs = await call<{ entries: unknown[] }>(server.url, 'GET', '/v1/logs', { key: a.admin });
    expect(logs.body.entries).toHaveLength(1);
  });

  it("answers 404, not 403, for A's resources addressed with B's admin key", async () => {
    for (const path of ['/v1/revisions/1', '/v1/versions/1', '/v1/versions/published']) {
      expect((await call(server.url, 'GET', path, { key: b.admin })).status, path).toBe(404);
    }
    expect((await call(server.url, 'DELETE', '/v1/secrets/A_SECRET', { key: b.admin })).status).toBe(404);
    expect(
      (await call(server.url, 'POST', '/v1/versions/1/rollback', { key: b.admin, body: {} })).status,
    ).toBe(404);
    const run = await call(server.url, 'POST', '/v1/runtime/PRE_REGISTER', { key: b.runtime, body: {} });
    expect(run.status).toBe(404);
  });
});
