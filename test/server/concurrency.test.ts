import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, prepareBackend } from './backends.ts';
import { call, sampleContent, startTestServer, type TestServer, type TestTenant } from './harness.ts';

describe.each(BACKENDS)('concurrent pushes on %s', (backend) => {
  let server: TestServer;
  let tenant: TestTenant;
  let stopBackend: () => Promise<void>;

  beforeAll(async () => {
    const prepared = await prepareBackend(backend);
    stopBackend = prepared.stop;
    server = await startTestServer({ databaseUrl: prepared.databaseUrl });
    tenant = await server.tenant('race');
    const base = await call(server.url, 'POST', '/v1/revisions', {
      key: tenant.admin,
      body: { content: sampleContent('base') },
      headers: { 'if-match': '"0"' },
    });
    expect(base.status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    await stopBackend?.();
  });

  it('lets exactly one of 50 pushes from the same base win; the rest get 412 and the winner is stored whole', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call<{ revision?: number; error?: { currentRevision: number } }>(
          server.url,
          'POST',
          '/v1/revisions',
          {
            key: tenant.admin,
            body: { content: sampleContent(`writer-${i}`) },
            headers: { 'if-match': '"1"' },
          },
        ).then((answer) => ({ i, answer })),
      ),
    );
    const winners = answers.filter(({ answer }) => answer.status >= 200 && answer.status < 300);
    const stale = answers.filter(({ answer }) => answer.status === 412);
    expect(winners).toHaveLength(1);
    expect(stale).toHaveLength(49);
    expect(stale.every(({ answer }) => answer.body.error?.currentRevision === 2)).toBe(true);
    const winner = winners[0];
    expect(winner?.answer.body.revision).toBe(2);
    const head = await call<{ revision: number; content: unknown }>(server.url, 'GET', '/v1/revisions/head', {
      key: tenant.admin,
    });
    expect(head.body.revision).toBe(2);
    expect(head.body.content).toEqual(sampleContent(`writer-${winner?.i}`));
    const revisions = await call<{ revisions: unknown[] }>(server.url, 'GET', '/v1/revisions', {
      key: tenant.admin,
    });
    expect(revisions.body.revisions).toHaveLength(2);
    const paged = await call<{ revisions: { revision: number }[]; nextCursor: string | null }>(
      server.url,
      'GET',
      '/v1/revisions?limit=1',
      {
        key: tenant.admin,
      },
    );
    expect(paged.body.revisions.map((r) => r.revision)).toEqual([2]);
    const next = await call<{ revisions: { revision: number }[]; nextCursor: string | null }>(
      server.url,
      'GET',
      `/v1/revisions?limit=1&cursor=${paged.body.nextCursor}`,
      { key: tenant.admin },
    );
    expect(next.body).toMatchObject({ revisions: [{ revision: 1 }], nextCursor: null });
  });
});
