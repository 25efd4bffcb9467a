import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestTenant } from '../server/harness.ts';
import { DOMAIN_CHECK, fixture, removeTeammates, TAGGER, teammate } from './sync-harness.ts';

describe('sync: status, push, pull and three-way merge', () => {
  let server: TestServer;
  let tenant: TestTenant;
  let n = 0;

  beforeAll(async () => {
    server = await startTestServer();
  });
  beforeEach(async () => {
    tenant = await server.tenant(`team-${n++}`);
  });
  afterAll(async () => {
    await server?.close();
    removeTeammates();
  });

  async function pair() {
    const ana = await teammate(server.url, tenant.name, tenant.admin, 'ana');
    await ana.ws.writeEnv({ ALLOWED_DOMAIN: 'example.com' });
    await ana.ws.addStage('PRE_REGISTER', { name: 'domain-check', code: DOMAIN_CHECK });
    await ana.ws.addStage('PRE_REGISTER', { name: 'tagger', code: TAGGER });
    await ana.ws.addFixture('PRE_REGISTER', fixture('ana@example.com', 'continue'), { id: 'corporate' });
    expect((await ana.sync.status()).state).toBe('ahead');
    const pushed = await ana.sync.push();
    expect(pushed).toMatchObject({ status: 'ok', revision: 1, pushed: true });
    const bob = await teammate(server.url, tenant.name, tenant.admin, 'bob');
    const status = await bob.sync.status();
    expect(status.state).toBe('behind');
    expect(status.items.filter((i) => i.kind === 'stage').map((i) => [i.name, i.state])).toEqual([
      ['domain-check', 'behind'],
      ['tagger', 'behind'],
    ]);
    expect(await bob.sync.pull()).toMatchObject({ status: 'ok', revision: 1 });
    expect((await bob.sync.status()).state).toBe('clean');
    return { ana, bob };
  }

  it('reports clean, ahead, behind and diverged per stage', async () => {
    const { ana, bob } = await pair();
    expect((await ana.sync.status()).state).toBe('clean');
    await ana.ws.writeStageCode('PRE_REGISTER', 'tagger', TAGGER.replace("'one'", "'ana'"));
    const ahead = await ana.sync.status();
    expect(ahead.state).toBe('ahead');
    expect(ahead.items).toEqual([
      {
        kind: 'stage',
        trigger: 'PRE_REGISTER',
        name: 'tagger',
        state: 'ahead',
        local: 'changed',
        remote: 'unchanged',
      },
    ]);
    await ana.sync.push();
    await bob.ws.setStageSettings('PRE_REGISTER', 'domain-check', { timeoutSeconds: 5 });
    const diverged = await bob.sync.status();
    expect(diverged.state).toBe('diverged');
    expect(diverged.items.map((i) => [i.name, i.state])).toEqual([
      ['domain-check', 'ahead'],
      ['tagger', 'behind'],
    ]);
  });

  it('merges code line by line and settings by field when both changed different parts', async () => {
    const { ana, bob } = await pair();
    await ana.ws.writeStageCode('PRE_REGISTER', 'tagger', TAGGER.replace("'one'", "'ana'"));
    await ana.ws.setStageSettings('PRE_REGISTER', 'tagger', { description: 'tags' });
    expect(await ana.sync.push()).toMatchObject({ status: 'ok', revision: 2 });
    // Lines apart from Ana's change (adjacent changes conflict, as in git).
    await bob.ws.writeStageCode(
      'PRE_REGISTER',
      'tagger',
      TAGGER.replace('  callback(', "  log('bob');\n  callback("),
    );
    await bob.ws.setStageSettings('PRE_REGISTER', 'tagger', { timeoutSeconds: 7 });
    await bob.ws.reorderStages('PRE_REGISTER', ['tagger', 'domain-check']);
    const pushed = await bob.sync.push();
    expect(pushed).toMatchObject({ status: 'ok', revision: 3 });
    const code = readFileSync(join(bob.root, 'pipelines/PRE_REGISTER/tagger.js'), 'utf8');
    expect(code).toContain("context.tagged = 'ana'");
    expect(code).toContain("log('bob');");
    const head = await bob.sync.client.head();
    const stages = head.content.pipelines.PRE_REGISTER?.stages ?? [];
    expect(stages.map((s) => s.name)).toEqual(['tagger', 'domain-check']);
    expect(stages[0]).toMatchObject({ description: 'tags', timeoutSeconds: 7 });
    expect(stages[0]?.code).toBe(code);
    await ana.sync.pull();
    expect(readFileSync(join(ana.root, 'pipelines/PRE_REGISTER/tagger.js'), 'utf8')).toBe(code);
    expect((await ana.sync.status()).state).toBe('clean');
  });

  it('reports a real conflict with both sides and writes nothing until it is resolved', async () => {
    const { ana, bob } = await pair();
    await ana.ws.writeStageCode('PRE_REGISTER', 'tagger', TAGGER.replace("'one'", "'ana'"));
    await ana.sync.push();
    const bobCode = TAGGER.replace("'one'", "'bob'");
    await bob.ws.writeStageCode('PRE_REGISTER', 'tagger', bobCode);
    await bob.ws.setStageSettings('PRE_REGISTER', 'domain-check', { timeoutSeconds: 9 });
    await ana.ws.setStageSettings('PRE_REGISTER', 'domain-check', { timeoutSeconds: 4 });
    await ana.sync.push();

    const attempt = await bob.sync.push();
    expect(attempt.status).toBe('conflict');
    if (attempt.status !== 'conflict') return;
    const ids = attempt.conflicts.map((c) => c.id).sort();
    expect(ids).toEqual(['PRE_REGISTER/stage/domain-check/timeoutSeconds', 'PRE_REGISTER/stage/tagger/code']);
    const code = attempt.conflicts.find((c) => c.kind === 'code');
    expect(code).toMatchObject({ local: bobCode, file: 'pipelines/PRE_REGISTER/tagger.js' });
    expect(String(code?.remote)).toContain("'ana'");
    expect(code?.merged).toContain('<<<<<<< local');
    // Nothing written: the store is still at Ana's revision, Bob's file is his own.
    expect((await bob.sync.client.head()).revision).toBe(3);
    expect(readFileSync(join(bob.root, 'pipelines/PRE_REGISTER/tagger.js'), 'utf8')).toBe(bobCode);
    expect((await bob.sync.pull()).status).toBe('conflict');

    const resolved = `${bobCode}// merged by bob\n`;
    const done = await bob.sync.push({
      resolutions: {
        'PRE_REGISTER/stage/tagger/code': { value: resolved },
        'PRE_REGISTER/stage/domain-check/timeoutSeconds': { take: 'remote' },
      },
    });
    expect(done).toMatchObject({ status: 'ok', revision: 4 });
    const head = await bob.sync.client.head();
    const stages = head.content.pipelines.PRE_REGISTER?.stages ?? [];
    expect(stages.find((s) => s.name === 'tagger')?.code).toBe(resolved);
    expect(stages.find((s) => s.name === 'domain-check')?.timeoutSeconds).toBe(4);
    expect(readFileSync(join(bob.root, 'pipelines/PRE_REGISTER/tagger.js'), 'utf8')).toBe(resolved);
  });

  it('never pushes conflict markers', async () => {
    const { ana } = await pair();
    await ana.ws.writeStageCode(
      'PRE_REGISTER',
      'tagger',
      `<<<<<<< local\na\n=======\nb\n>>>>>>> remote\n${TAGGER}`,
    );
    await expect(ana.sync.push()).rejects.toThrow(/conflict markers/);
    expect((await ana.sync.client.head()).revision).toBe(1);
  });

  it('keeps offline edits and pushes them once the store is reachable again', async () => {
    const { ana } = await pair();
    await ana.ws.writeStageCode('PRE_REGISTER', 'tagger', TAGGER.replace("'one'", "'offline'"));
    await ana.ws.addFixture('PRE_REGISTER', fixture('eve@evil.test', 'deny'), { id: 'outsider' });
    const { openSync } = await import('../../main/sync/sync-service.ts');
    const offline = await openSync(ana.root, {
      workspace: ana.ws,
      fetch: async () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      },
    });
    const status = await offline.status();
    expect(status).toMatchObject({ reachable: false, state: 'ahead', baseRevision: 1 });
    expect(status.unreachableReason).toContain('ECONNREFUSED');
    await expect(offline.push()).rejects.toThrow(/cannot reach the pipeline store/);
    expect(readFileSync(join(ana.root, 'pipelines/PRE_REGISTER/tagger.js'), 'utf8')).toContain("'offline'");
    const later = await ana.sync.push();
    expect(later).toMatchObject({ status: 'ok', revision: 2, pushed: true });
    const head = await ana.sync.client.head();
    expect(Object.keys(head.content.pipelines.PRE_REGISTER?.fixtures ?? {}).sort()).toEqual([
      'corporate',
      'outsider',
    ]);
  });

  it('pulls deletions and new stages, and refuses a key of another tenant', async () => {
    const { ana, bob } = await pair();
    await ana.ws.deleteStage('PRE_REGISTER', 'tagger');
    await ana.ws.addStage('POST_REGISTER', { name: 'welcome', code: TAGGER });
    await ana.sync.push();
    expect(await bob.sync.pull()).toMatchObject({ status: 'ok', revision: 2 });
    const snapshot = await bob.ws.read();
    const names = snapshot.pipelines.flatMap((p) => p.stages.map((s) => `${p.trigger}/${s.name}`));
    expect(names.sort()).toEqual(['POST_REGISTER/welcome', 'PRE_REGISTER/domain-check']);
    const other = await server.tenant(`other-${n++}`);
    const wrong = await teammate(server.url, tenant.name, other.admin, 'wrong');
    await expect(wrong.sync.push()).rejects.toThrow(/belongs to tenant/);
  });
});
