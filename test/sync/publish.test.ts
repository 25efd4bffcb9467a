import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor, type Executor } from '../../main/executor/index.ts';
import { contentFixtures, requestFor } from '../../main/sync/gate.ts';
import { publishWorkspace } from '../../main/sync/publish.ts';
import type { Review } from '../../main/sync/review.ts';
import { call, startTestServer, type TestServer, type TestTenant } from '../server/harness.ts';
import { DOMAIN_CHECK, fixture, removeTeammates, TAGGER, type Teammate, teammate } from './sync-harness.ts';

describe('publish: gate, review, and the runtime deciding as the local replay', () => {
  let server: TestServer;
  let tenant: TestTenant;
  let executor: Executor;
  let ana: Teammate;

  beforeAll(async () => {
    server = await startTestServer({ executorPoolSize: 1 });
    tenant = await server.tenant('publishers');
    executor = createExecutor({ poolSize: 1 });
    ana = await teammate(server.url, tenant.name, tenant.admin, 'ana');
    await ana.ws.writeEnv({ ALLOWED_DOMAIN: 'example.com' });
    await ana.ws.addStage('PRE_REGISTER', { name: 'domain-check', code: DOMAIN_CHECK });
    await ana.ws.addStage('PRE_REGISTER', { name: 'tagger', code: TAGGER });
    await ana.ws.addFixture('PRE_REGISTER', fixture('ana@example.com', 'continue'), { id: 'corporate' });
    await ana.ws.addFixture('PRE_REGISTER', fixture('eve@evil.test', 'deny'), { id: 'outsider' });
  });
  afterAll(async () => {
    await executor?.close();
    await server?.close();
    removeTeammates();
  });

  it('refuses to publish when a stage does not compile, naming the file and line', async () => {
    await ana.ws.writeStageCode('PRE_REGISTER', 'tagger', `${TAGGER}\nfunction broken( {\n`);
    const result = await publishWorkspace(ana.sync, { executor, confirm: async () => true });
    expect(result.status).toBe('gate-failed');
    if (result.status !== 'gate-failed') return;
    expect(result.gate.compile).toEqual([
      expect.objectContaining({ file: 'pipelines/PRE_REGISTER/tagger.js', line: expect.any(Number) }),
    ]);
    expect(await ana.sync.client.published()).toBeNull();
    await ana.ws.writeStageCode('PRE_REGISTER', 'tagger', TAGGER);
  });

  it('refuses to publish when a fixture fails its expect', async () => {
    await ana.ws.writeEnv({ ALLOWED_DOMAIN: 'example.org' });
    const result = await publishWorkspace(ana.sync, { executor, confirm: async () => true });
    expect(result.status).toBe('gate-failed');
    if (result.status !== 'gate-failed') return;
    const failed = result.gate.fixtures.filter((f) => !f.pass).map((f) => f.id);
    expect(failed).toEqual(['corporate']);
    expect((await ana.sync.client.head()).revision).toBe(0);
    await ana.ws.writeEnv({ ALLOWED_DOMAIN: 'example.com' });
  });

  it('publishes after review, and the runtime decides every fixture as the local replay does', async () => {
    let seen: Review | undefined;
    const result = await publishWorkspace(ana.sync, {
      executor,
      note: 'first',
      confirm: async (review) => {
        seen = review;
        return true;
      },
    });
    expect(result.status).toBe('published');
    expect(seen?.publishedVersion).toBeNull();
    expect(seen?.triggers[0]).toMatchObject({ trigger: 'PRE_REGISTER', added: ['domain-check', 'tagger'] });
    const published = await ana.sync.client.published();
    expect(published).toMatchObject({ version: 1, note: 'first' });

    const content = await ana.sync.localContent();
    const { runs } = contentFixtures(content);
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      const local = await executor.run(requestFor(content, run, {}));
      const remote = await call<Record<string, unknown>>(server.url, 'POST', `/v1/runtime/${run.trigger}`, {
        key: tenant.runtime,
        body: { user: run.fixture.user ?? null, context: run.fixture.context },
      });
      expect(remote.status).toBe(200);
      expect(remote.body.outcome).toBe(local.outcome);
      expect(remote.body.error ? (remote.body.error as { message: string }).message : undefined).toBe(
        local.error?.message,
      );
      for (const field of ['user', 'context', 'idToken', 'accessToken', 'customData'] as const) {
        expect(remote.body[field], `${run.id} ${field}`).toEqual(local[field]);
      }
    }
  });

  it('shows the behaviour diff against the live version and publishes nothing when not confirmed', async () => {
    await ana.ws.writeStageCode('PRE_REGISTER', 'tagger', TAGGER.replace("'one'", "'two'"));
    await ana.ws.setStageSettings('PRE_REGISTER', 'tagger', { timeoutSeconds: 5 });
    await ana.ws.reorderStages('PRE_REGISTER', ['tagger', 'domain-check']);
    let seen: Review | undefined;
    const result = await publishWorkspace(ana.sync, {
      executor,
      confirm: async (review) => {
        seen = review;
        return false;
      },
    });
    expect(result.status).toBe('cancelled');
    expect(seen?.publishedVersion).toBe(1);
    // The tagger now runs first and tags differently: both fixtures' contexts change, no outcome does.
    expect(seen?.behaviour).toEqual([
      expect.objectContaining({
        id: 'corporate',
        fields: ['context'],
        published: { outcome: 'continue' },
        draft: { outcome: 'continue' },
      }),
      expect.objectContaining({
        id: 'outsider',
        fields: ['context'],
        draft: { outcome: 'deny', error: 'only example.com may register' },
      }),
    ]);
    expect(seen?.fixturesCompared).toBe(2);
    const changes = seen?.triggers[0];
    expect(changes?.order).toEqual({ before: ['domain-check', 'tagger'], after: ['tagger', 'domain-check'] });
    expect(changes?.settings).toEqual([{ stage: 'tagger', field: 'timeoutSeconds', before: 3, after: 5 }]);
    expect(changes?.code[0]?.diff).toContain("-  context.tagged = 'one';");
    expect(changes?.code[0]?.diff).toContain("+  context.tagged = 'two';");
    expect((await ana.sync.client.versions()).versions).toHaveLength(1);

    const confirmed = await publishWorkspace(ana.sync, { executor, confirm: async () => true });
    expect(confirmed).toMatchObject({ status: 'published', version: { version: 2 } });
    const run = await call<{ context: { tagged: string } }>(server.url, 'POST', '/v1/runtime/PRE_REGISTER', {
      key: tenant.runtime,
      body: { context: { request: { body: { email: 'x@example.com' } } } },
    });
    expect(run.body.context.tagged).toBe('two');
  });

  it('lists a fixture whose outcome flips between the live version and the draft', async () => {
    const probe = { ...fixture('bob@example.org', 'continue'), name: 'org probe' } as Record<string, unknown>;
    delete probe.expect;
    await ana.ws.addFixture('PRE_REGISTER', probe as never, { id: 'org-probe' });
    await ana.ws.writeStageCode(
      'PRE_REGISTER',
      'domain-check',
      DOMAIN_CHECK.replace(
        "!email.endsWith('@' + env.ALLOWED_DOMAIN)",
        "!email.endsWith('@' + env.ALLOWED_DOMAIN) && !email.endsWith('@example.org')",
      ),
    );
    let seen: Review | undefined;
    const result = await publishWorkspace(ana.sync, {
      executor,
      confirm: async (review) => {
        seen = review;
        return false;
      },
    });
    expect(result.status).toBe('cancelled');
    expect(seen?.behaviour).toEqual([
      expect.objectContaining({
        id: 'org-probe',
        published: { outcome: 'deny', error: 'only example.com may register' },
        draft: { outcome: 'continue' },
      }),
    ]);
    expect(seen?.behaviour[0]?.fields).toContain('outcome');
    expect(seen?.triggers[0]?.fixtures.added).toEqual(['org-probe']);
  });
});
