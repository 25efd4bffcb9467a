import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../server/harness.ts';
import { SyncPage } from './pages/sync-page.ts';
import { setUpStudio } from './support/studio-session.ts';
import { localReplay, setUpStoreServer } from './support/sync-store.ts';

const open = setUpStudio();
const store = setUpStoreServer();
const TRIGGER = 'PRE_AUTHENTICATION';
const STAGE = `pipelines/${TRIGGER}/require-verified-email.js`;
const FIXTURES = ['unverified-email-denied', 'verified-password-login'] as const;

/** The runtime's decision for a fixture's user and context, with the tenant's runtime key. */
async function runtimeDecision(
  url: string,
  runtimeKey: string,
  fixture: { user?: unknown; context?: unknown },
) {
  const answer = await call<Record<string, unknown>>(url, 'POST', `/v1/runtime/${TRIGGER}`, {
    key: runtimeKey,
    body: { user: fixture.user ?? null, context: fixture.context ?? {} },
  });
  expect(answer.status).toBe(200);
  return answer.body;
}

/** What must agree between the runtime and the replay: the decision, not timings or traces. */
function decisionOf(result: Record<string, unknown>) {
  const error = result.error as { message?: string } | undefined;
  return {
    outcome: result.outcome,
    error: error?.message ?? null,
    user: result.user,
    context: result.context,
    idToken: result.idToken,
    accessToken: result.accessToken,
    customData: result.customData,
  };
}

async function expectRuntimeMatchesReplay(workspace: string, url: string, runtimeKey: string) {
  const outcomes: unknown[] = [];
  for (const id of FIXTURES) {
    const file = join(workspace, 'fixtures', TRIGGER, `${id}.json`);
    const fixture = JSON.parse(await readFile(file, 'utf8')) as { user?: unknown; context?: unknown };
    const local = decisionOf(await localReplay(workspace, TRIGGER, file));
    const remote = decisionOf(await runtimeDecision(url, runtimeKey, fixture));
    expect(remote, id).toEqual(local);
    outcomes.push(remote.outcome);
  }
  return outcomes;
}

describe('publishing from the studio', () => {
  it('connects, pushes, publishes after review; the runtime decides as the local replay; rollback', async () => {
    const { studio, ui } = await open();
    const server = store();
    const tenant = await server.tenant('e2e-publish');
    const workspace = studio.workspace ?? '';
    const sync = new SyncPage(ui.page);

    await sync.open();
    await ui.screenshot('sync-connect');
    await sync.connect(server.url, tenant.name, tenant.admin);
    await sync.waitForOverall('ahead');
    expect(await sync.statusBarItem().getAttribute('data-state')).toBe('ahead');
    // The key is never shown again: the form comes back empty, saying one is stored.
    await sync.byTestId('sync-edit-remote').click();
    expect(await sync.byTestId('sync-key-input').inputValue()).toBe('');
    expect(await sync.byTestId('sync-key-input').getAttribute('placeholder')).toMatch(/stored/);
    await ui.page.getByRole('button', { name: 'Cancel' }).click();
    expect(await readFile(join(workspace, 'studio.json'), 'utf8')).not.toContain(tenant.admin);

    await sync.push();
    await sync.summary().filter({ hasText: 'Pushed revision 1' }).waitFor();
    await sync.waitForOverall('clean');
    expect(await sync.itemState(TRIGGER, 'require-verified-email').getAttribute('data-state')).toBe('clean');
    await ui.screenshot('sync-clean');

    expect(await sync.startPublish()).toBe('review');
    await sync.byTestId('gate-passed').waitFor();
    expect(await sync.byTestId('content-change').count()).toBeGreaterThan(0);
    await ui.screenshot('sync-publish-review-first');
    expect(await sync.confirmPublish('first release')).toBe(1);
    await sync.closePublish();
    await sync.byTestId('version-1').locator('.tag.ok').waitFor();
    expect(await expectRuntimeMatchesReplay(workspace, server.url, tenant.runtime)).toEqual([
      'deny',
      'continue',
    ]);

    // A draft that lets unconfirmed addresses in: the review shows which fixture changes its decision.
    const code = await readFile(join(workspace, STAGE), 'utf8');
    await writeFile(
      join(workspace, STAGE),
      code.replace('user.emailVerified !== true', 'user.emailVerified === null'),
    );
    const fixtureFile = join(workspace, 'fixtures', TRIGGER, 'unverified-email-denied.json');
    const fixture = JSON.parse(await readFile(fixtureFile, 'utf8'));
    await writeFile(
      fixtureFile,
      `${JSON.stringify({ ...fixture, expect: { outcome: 'continue' } }, null, 2)}\n`,
    );
    await sync.waitForOverall('ahead');
    expect(await sync.startPublish()).toBe('review');
    const row = sync.page.locator('[data-testid="behaviour-row"][data-fixture="unverified-email-denied"]');
    await row.waitFor();
    expect(await row.textContent()).toMatch(/deny[\s\S]*continue/);
    expect(await sync.byTestId('publish-confirm').textContent()).toBe('Push and publish');
    expect(await sync.byTestId('publish-note').inputValue()).toBe('');
    await ui.screenshot('sync-publish-review-behaviour');
    expect(await sync.confirmPublish('let unconfirmed addresses in')).toBe(2);
    await sync.closePublish();
    expect(await expectRuntimeMatchesReplay(workspace, server.url, tenant.runtime)).toEqual([
      'continue',
      'continue',
    ]);

    // Roll back to version 1 (with a confirmation): the runtime denies the unconfirmed address again.
    await sync.byTestId('rollback-1').click();
    await sync.byTestId('rollback-dialog').waitFor();
    await ui.screenshot('sync-rollback-confirm');
    await sync.byTestId('rollback-confirm').click();
    await sync.byTestId('version-3').locator('.tag.ok').waitFor();
    await ui.screenshot('sync-versions');
    const again = await runtimeDecision(server.url, tenant.runtime, fixture);
    expect(again.outcome).toBe('deny');
  }, 240_000);

  it('blocks publishing while a fixture fails, and lists it', async () => {
    const { studio, ui } = await open();
    const server = store();
    const tenant = await server.tenant('e2e-gate');
    const workspace = studio.workspace ?? '';
    const sync = new SyncPage(ui.page);
    const fixtureFile = join(workspace, 'fixtures', TRIGGER, 'verified-password-login.json');
    const fixture = JSON.parse(await readFile(fixtureFile, 'utf8'));
    await writeFile(fixtureFile, `${JSON.stringify({ ...fixture, expect: { outcome: 'deny' } }, null, 2)}\n`);

    await sync.open();
    await sync.connect(server.url, tenant.name, tenant.admin);
    expect(await sync.startPublish()).toBe('blocked');
    const failing = sync.byTestId('gate-failing-fixture');
    expect(await failing.count()).toBe(1);
    expect(await failing.getAttribute('data-fixture')).toBe('verified-password-login');
    expect(await failing.textContent()).toContain('outcome: expected "deny", got "continue"');
    await ui.screenshot('sync-publish-blocked');
    await sync.closePublish();
    const versions = await call<{ versions: unknown[] }>(server.url, 'GET', '/v1/versions', {
      key: tenant.admin,
    });
    expect(versions.body.versions).toEqual([]);
  }, 120_000);
});
