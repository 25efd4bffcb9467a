import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMessage } from '../../shared/ipc/wire.ts';
import { type Harness, startHarness } from './services-harness.ts';

let h: Harness;
const T = 'PRE_AUTHENTICATION' as const;

/** Denies addresses outside the allowed domain; the fixtures below pass one and fail one. */
const DOMAIN_CHECK = `async function pipe(user, context, callback) {
  if (!String(user.email).endsWith('@' + env.DOMAIN)) return callback(new Error('only ' + env.DOMAIN));
  callback(null, user, context);
}
`;

const fixture = (email: string, outcome: 'continue' | 'deny') => ({
  name: email,
  trigger: T,
  user: { email },
  expect: { outcome },
});

beforeAll(async () => {
  h = await startHarness();
  await h.call('workspace.create', { path: join(h.dir, 'ws'), name: 'Runs' });
  await h.call('env.write', { env: { DOMAIN: 'example.com' } });
  await h.call('stage.add', { trigger: T, name: 'domain', code: DOMAIN_CHECK });
  await h.call('fixture.add', { trigger: T, id: 'inside', fixture: fixture('ana@example.com', 'continue') });
  await h.call('fixture.add', { trigger: T, id: 'outside', fixture: fixture('bo@other.org', 'deny') });
  await h.call('fixture.add', {
    trigger: T,
    id: 'wrong-expect',
    fixture: fixture('cy@other.org', 'continue'),
  });
});
afterAll(async () => {
  await h?.close();
});

describe('run calls in the sandbox', () => {
  it('runs one fixture and compares it with its expectation', async () => {
    const run = await h.call('run.fixture', { trigger: T, fixtureId: 'outside' });
    expect(run.result.outcome).toBe('deny');
    expect(run.result.error?.message).toContain('only example.com');
    expect(run.expectation).toEqual({ pass: true, mismatches: [] });
    const wrong = await h.call('run.fixture', { trigger: T, fixtureId: 'wrong-expect' });
    expect(wrong.expectation?.pass).toBe(false);
    expect(wrong.expectation?.mismatches[0]).toMatchObject({
      path: 'outcome',
      expected: 'continue',
      actual: 'deny',
    });
  });

  it('runs every fixture of a trigger, streaming run.progress', async () => {
    const runId = 'all-1';
    const all = await h.call('run.all', { trigger: T, runId });
    expect(all).toMatchObject({ runId, trigger: T, cancelled: false });
    expect(all.runs.map((r) => r.fixtureId).sort()).toEqual(['inside', 'outside', 'wrong-expect']);
    const progress = h.events.filter(
      (e): e is Extract<EventMessage, { name: 'run.progress' }> =>
        e.name === 'run.progress' && e.payload.runId === runId,
    );
    expect(progress.map((e) => e.payload.done)).toEqual([1, 2, 3]);
    expect(progress.every((e) => e.payload.total === 3)).toBe(true);
    expect(all.runs.filter((r) => r.expectation?.pass).length).toBe(2);
  });

  it('runs unsaved code (what-if) without writing it', async () => {
    const stagesOverride = [{ name: 'domain', code: 'function pipe(u, c, cb) { cb(null, u, c); }' }];
    const whatIf = await h.call('run.stages', { trigger: T, stagesOverride, fixtureId: 'outside' });
    expect(whatIf.result.outcome).toBe('continue');
    const file = await h.call('file.read', { relPath: `pipelines/${T}/domain.js` });
    expect(file.text).toBe(DOMAIN_CHECK);
    const saved = await h.call('run.fixture', { trigger: T, fixtureId: 'outside' });
    expect(saved.result.outcome).toBe('deny');
  });

  it('runs an edited fixture and a disabled stage through overrides', async () => {
    const edited = await h.call('run.stages', {
      trigger: T,
      stagesOverride: [{ name: 'domain' }],
      fixture: { name: 'edited', trigger: T, user: { email: 'dee@example.com' } },
    });
    expect(edited.result.outcome).toBe('continue');
    const disabled = await h.call('run.fixture', {
      trigger: T,
      fixtureId: 'outside',
      overrides: { stages: [{ name: 'domain', enabled: false }] },
    });
    expect(disabled.result.outcome).toBe('continue');
    expect(disabled.result.stages[0]?.outcome).toBe('skipped');
    const unknown = await h.fail('run.stages', {
      trigger: T,
      stagesOverride: [{ name: 'ghost' }],
      fixtureId: 'inside',
    });
    expect(unknown).toMatchObject({ code: 'invalid-args', path: 'stagesOverride.0.code' });
  });

  it('saves the actual outcome as the expectation', async () => {
    await h.call('fixture.saveActualAsExpect', { trigger: T, id: 'wrong-expect' });
    const rerun = await h.call('run.fixture', { trigger: T, fixtureId: 'wrong-expect' });
    expect(rerun.expectation?.pass).toBe(true);
    const file = await h.call('file.read', { relPath: `fixtures/${T}/wrong-expect.json` });
    expect(JSON.parse(file.text).expect.outcome).toBe('deny');
  });

  it('cancels a run by the id the caller chose', async () => {
    await h.call('stage.add', {
      trigger: 'POST_AUTHENTICATION',
      name: 'slow',
      code: 'async function pipe(u, c, cb) { await new Promise(() => {}); }',
    });
    await h.call('stage.setSettings', {
      trigger: 'POST_AUTHENTICATION',
      name: 'slow',
      settings: { timeoutSeconds: 30 },
    });
    await h.call('fixture.add', {
      trigger: 'POST_AUTHENTICATION',
      id: 'one',
      fixture: { name: 'one', trigger: 'POST_AUTHENTICATION', user: { id: '1' } },
    });
    const running = h.services.handleCall('run.fixture', {
      trigger: 'POST_AUTHENTICATION',
      fixtureId: 'one',
      runId: 'slow-1',
    });
    // The id is registered before the call's first await, so this cancel always finds it.
    expect(await h.call('run.cancel', { runId: 'slow-1' })).toEqual({ cancelled: true });
    const outcome = await running;
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(
      (outcome.value as { result: { outcome: string; error?: { message: string } } }).result,
    ).toMatchObject({
      outcome: 'error',
      error: { message: expect.stringContaining('cancelled') },
    });
    expect(await h.call('run.cancel', { runId: 'slow-1' })).toEqual({ cancelled: false });
  });

  it('cancels a whole run.all: no progress, nothing reported as run', async () => {
    await h.call('fixture.add', {
      trigger: 'POST_AUTHENTICATION',
      id: 'two',
      fixture: { name: 'two', trigger: 'POST_AUTHENTICATION', user: { id: '2' } },
    });
    const before = h.events.length;
    const running = h.services.handleCall('run.all', { trigger: 'POST_AUTHENTICATION', runId: 'slow-all' });
    expect(await h.call('run.cancel', { runId: 'slow-all' })).toEqual({ cancelled: true });
    const outcome = await running;
    expect(outcome).toMatchObject({ ok: true, value: { runId: 'slow-all', cancelled: true, runs: [] } });
    expect(h.events.slice(before).filter((e) => e.name === 'run.progress')).toEqual([]);
  });

  it('reports the sandbox state', async () => {
    expect((await h.call('app.info')).sandbox).toBe('ready');
  });
});
