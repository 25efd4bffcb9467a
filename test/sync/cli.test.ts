import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../main/cli/command.ts';
import type { CliIo } from '../../main/cli/io.ts';
import { createExecutor, type Executor } from '../../main/executor/index.ts';
import { contentFixtures, requestFor } from '../../main/sync/gate.ts';
import { readLocalContent } from '../../main/sync/workspace-content.ts';
import { createEnvSecretStore, openWorkspace } from '../../main/workspace/index.ts';
import { call, startTestServer, type TestServer, type TestTenant } from '../server/harness.ts';

const EXAMPLE = join(import.meta.dirname, '../../examples/default-workspace');

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    color: false,
    stderrIsTty: false,
    env,
    cwd: process.cwd(),
  };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

async function load(name: 'status' | 'pull' | 'push' | 'publish'): Promise<Command> {
  const mod = await import(`../../main/cli/commands/sync-${name}.ts`);
  return mod.command as Command;
}

describe('CLI status|pull|push|publish on the example workspace, and the runtime deciding as replay', () => {
  let server: TestServer;
  let tenant: TestTenant;
  let root: string;
  let env: Record<string, string>;
  let executor: Executor;

  beforeAll(async () => {
    server = await startTestServer({ executorPoolSize: 1 });
    tenant = await server.tenant('example');
    root = mkdtempSync(join(tmpdir(), 'ps-cli-sync-'));
    cpSync(EXAMPLE, root, { recursive: true });
    const studio = JSON.parse(readFileSync(join(root, 'studio.json'), 'utf8'));
    writeFileSync(
      join(root, 'studio.json'),
      JSON.stringify({ ...studio, remote: { url: server.url, tenant: 'example' } }),
    );
    env = {
      PIPELINE_STUDIO_SECRET_REMOTE_KEY: tenant.admin,
      PIPELINE_STUDIO_SECRET_SLACK_WEBHOOK_URL: 'https://hooks.slack.test/x',
    };
    executor = createExecutor({ poolSize: 1 });
  });
  afterAll(async () => {
    await executor?.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('explains a missing key as bad input', async () => {
    const status = await load('status');
    await expect(status.run([root], io({}).io)).rejects.toThrow(/PIPELINE_STUDIO_SECRET_REMOTE_KEY/);
  });

  it('shows ahead, pushes, and shows clean', async () => {
    const status = await load('status');
    const first = io(env);
    expect(await status.run([root], first.io)).toBe(0);
    expect(first.out()).toMatch(/^ahead \(store revision 0, last synced 0\)/);
    expect(first.out()).toContain('PRE_REGISTER email-domain-allowlist');
    const push = await load('push');
    const pushed = io(env);
    expect(await push.run([root], pushed.io)).toBe(0);
    expect(pushed.out()).toContain('push: at store revision 1');
    const again = io(env);
    await status.run([root, '--json'], again.io);
    expect(JSON.parse(again.out())).toMatchObject({
      state: 'clean',
      remoteRevision: 1,
      baseRevision: 1,
      items: [],
    });
  });

  it('publishes with --yes after printing the review, then the runtime decides like the local replay', async () => {
    const publish = await load('publish');
    const run = io(env);
    expect(await publish.run([root, '--yes', '--note', 'example'], run.io)).toBe(0);
    expect(run.out()).toContain('Review against nothing published yet');
    expect(run.out()).toContain('Published version 1');

    const ws = await openWorkspace(root, { secrets: createEnvSecretStore(env) });
    const content = await readLocalContent(ws);
    const secrets = await ws.secretValues();
    await call(server.url, 'PUT', '/v1/secrets/SLACK_WEBHOOK_URL', {
      key: tenant.admin,
      body: { value: secrets.SLACK_WEBHOOK_URL },
    });
    // Fixtures that call no outside service decide the same in replay and at the live runtime.
    const offline = contentFixtures(content).runs.filter(
      (r) => r.fixture.http.length === 0 && r.fixture.authing.length === 0,
    );
    expect(offline.length).toBeGreaterThan(3);
    for (const fixture of offline) {
      const local = await executor.run(requestFor(content, fixture, secrets));
      const remote = await call<Record<string, unknown>>(
        server.url,
        'POST',
        `/v1/runtime/${fixture.trigger}`,
        {
          key: tenant.runtime,
          body: { user: fixture.fixture.user ?? null, context: fixture.fixture.context },
        },
      );
      expect(remote.status, fixture.id).toBe(200);
      expect(remote.body.outcome, fixture.id).toBe(local.outcome);
      expect((remote.body.error as { message?: string } | undefined)?.message, fixture.id).toBe(
        local.error?.message,
      );
      for (const field of ['user', 'context', 'idToken', 'accessToken', 'customData'] as const) {
        expect(remote.body[field], `${fixture.id} ${field}`).toEqual(local[field]);
      }
    }
  });

  it('pulls a teammate change, and reports a conflict (exit 1) that --theirs settles', async () => {
    const head = await call<{
      revision: number;
      content: {
        pipelines: Record<string, { stages: { name: string; code: string; description: string }[] }>;
      };
    }>(server.url, 'GET', '/v1/revisions/head', { key: tenant.admin });
    const teammate = structuredClone(head.body.content);
    const stage = teammate.pipelines.PRE_REGISTER?.stages[0];
    if (!stage) throw new Error('the example has no PRE_REGISTER stage');
    stage.description = 'changed by a teammate';
    await call(server.url, 'POST', '/v1/revisions', {
      key: tenant.admin,
      body: { content: teammate },
      headers: { 'if-match': `"${head.body.revision}"` },
    });
    const pull = await load('pull');
    const pulled = io(env);
    expect(await pull.run([root], pulled.io)).toBe(0);
    expect(readFileSync(join(root, 'pipelines/PRE_REGISTER/pipeline.json'), 'utf8')).toContain(
      'changed by a teammate',
    );

    stage.description = 'the store says';
    await call(server.url, 'POST', '/v1/revisions', {
      key: tenant.admin,
      body: { content: teammate },
      headers: { 'if-match': `"${head.body.revision + 1}"` },
    });
    const ws = await openWorkspace(root, { secrets: createEnvSecretStore(env) });
    await ws.setStageSettings('PRE_REGISTER', stage.name, { description: 'the workspace says' });
    const push = await load('push');
    const conflicted = io(env);
    expect(await push.run([root], conflicted.io)).toBe(1);
    expect(conflicted.err()).toContain(`description of stage ${stage.name} (PRE_REGISTER)`);
    expect(conflicted.err()).toContain('the workspace says');
    expect(conflicted.err()).toContain('the store says');
    const settled = io(env);
    expect(await push.run([root, '--theirs'], settled.io)).toBe(0);
    expect(readFileSync(join(root, 'pipelines/PRE_REGISTER/pipeline.json'), 'utf8')).toContain(
      'the store says',
    );
  });
});
