import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../server/harness.ts';
import { SyncPage } from './pages/sync-page.ts';
import { setUpStudio } from './support/studio-session.ts';
import { remoteHead, remoteStageCode, setUpStoreServer, teammatePush } from './support/sync-store.ts';

const open = setUpStudio();
const store = setUpStoreServer();
const TRIGGER = 'PRE_AUTHENTICATION';
const NAME = 'require-verified-email';
const STAGE = `pipelines/${TRIGGER}/${NAME}.js`;

/** Replaces the first line of one stage's code on the server, as a teammate's push. */
function teammateFirstLine(url: string, key: string, line: string): Promise<number> {
  return teammatePush(url, key, (content) => {
    const stage = content.pipelines[TRIGGER]?.stages.find((s) => s.name === NAME);
    if (!stage) throw new Error(`the server has no stage ${NAME}`);
    stage.code = stage.code.replace(/^.*\n/, `${line}\n`);
  });
}

describe('pulling and merging in the studio', () => {
  it("pulls a teammate's change: the stage shows behind, then the open editor shows their line", async () => {
    const { studio, ui, editor } = await open();
    const server = store();
    const tenant = await server.tenant('e2e-pull');
    const sync = new SyncPage(ui.page);
    await sync.open();
    await sync.connect(server.url, tenant.name, tenant.admin);
    await sync.push();
    await sync.waitForOverall('clean');

    await ui.showView('explorer');
    await ui.treeStage(TRIGGER, NAME).click();
    await editor.waitForFile(STAGE);
    await teammateFirstLine(server.url, tenant.admin, '// bea: reviewed for the audit');
    await sync.open();
    await sync.byTestId('sync-refresh').click();
    await sync.waitForOverall('behind');
    expect(await sync.itemState(TRIGGER, NAME).getAttribute('data-state')).toBe('behind');
    expect(await sync.statusBarItem().getAttribute('data-state')).toBe('behind');
    await ui.screenshot('sync-behind');

    await sync.pull();
    await sync.summary().filter({ hasText: 'Pulled revision 2: 1 file updated' }).waitFor();
    await sync.waitForOverall('clean');
    await expect.poll(() => editor.visibleText()).toContain('// bea: reviewed for the audit');
    expect(await readFile(join(studio.workspace ?? '', STAGE), 'utf8')).toMatch(/^\/\/ bea: reviewed/);
    await ui.screenshot('sync-pulled');
  }, 120_000);

  it('a conflicting edit opens the merge view; nothing is pushed until it is resolved', async () => {
    // In the dark theme, so the screenshots show the merge view's colours there too.
    const { studio, ui } = await open({ colorScheme: 'dark' });
    const server = store();
    const tenant = await server.tenant('e2e-merge');
    const workspace = studio.workspace ?? '';
    const sync = new SyncPage(ui.page);
    await sync.open();
    await sync.connect(server.url, tenant.name, tenant.admin);
    await sync.push();
    await sync.waitForOverall('clean');

    const code = await readFile(join(workspace, STAGE), 'utf8');
    await writeFile(join(workspace, STAGE), code.replace(/^.*\n/, '// ana: stricter check\n'));
    // The studio notices the outside edit on its own; then a teammate pushes the same line.
    await sync.waitForOverall('ahead');
    const theirs = await teammateFirstLine(server.url, tenant.admin, '// bea: looser check');
    await sync.byTestId('sync-refresh').click();
    await sync.waitForOverall('diverged');
    await ui.screenshot('sync-diverged-dark');

    await sync.push();
    await sync.mergeView().waitFor();
    await sync.waitForMergeEditors();
    expect(await sync.mergeView().getAttribute('data-conflict')).toBe(`${TRIGGER}/stage/${NAME}/code`);
    // Monaco renders spaces as no-break spaces, and may draw the lines again as the view settles:
    // the text is read until both sides' first lines are there (or the wait fails the test).
    const diffText = async () =>
      (await sync.byTestId('merge-diff').textContent())?.replace(/\u00a0/g, ' ') ?? '';
    await expect.poll(diffText, { timeout: 15_000 }).toContain('ana: stricter check');
    await expect.poll(diffText, { timeout: 15_000 }).toContain('bea: looser check');
    expect(await sync.byTestId('merge-save').isDisabled()).toBe(true);
    expect(await sync.byTestId('sync-push').isDisabled()).toBe(true);
    await sync.byTestId('sync-conflicts').waitFor();
    await ui.screenshot('sync-merge-view-dark');
    expect((await remoteHead(server.url, tenant.admin)).revision).toBe(theirs);

    await sync.setMergeResult(code.replace(/^.*\n/, '// ana and bea: agreed check\n'));
    await sync.page.locator('[data-testid="merge-save"]:not([disabled])').waitFor();
    await sync.byTestId('merge-save').click();
    await sync.mergeView().waitFor({ state: 'detached' });
    await sync.waitForOverall('ahead');
    expect(await readFile(join(workspace, STAGE), 'utf8')).toMatch(/^\/\/ ana and bea: agreed check\n/);
    expect((await remoteHead(server.url, tenant.admin)).revision).toBe(theirs);

    await sync.push();
    await sync
      .summary()
      .filter({ hasText: `Pushed revision ${theirs + 1}` })
      .waitFor();
    await sync.waitForOverall('clean');
    const head = await remoteHead(server.url, tenant.admin);
    expect(remoteStageCode(head.content, TRIGGER, NAME)?.split('\n')[0]).toBe('// ana and bea: agreed check');
    await ui.screenshot('sync-merged-pushed-dark');
  }, 120_000);

  it('offline: badges say so, the edit is kept, a push explains what to do', async () => {
    const { studio, ui } = await open();
    // A server of its own, stopped after the first push, so this test cannot disturb the others.
    const own = await startTestServer({ executorPoolSize: 1 });
    const tenant = await own.tenant('e2e-offline');
    const sync = new SyncPage(ui.page);
    await sync.open();
    await sync.connect(own.url, tenant.name, tenant.admin);
    await sync.push();
    await sync.waitForOverall('clean');
    await own.close();

    const file = join(studio.workspace ?? '', STAGE);
    await writeFile(file, `${await readFile(file, 'utf8')}\n// edited on the train\n`);
    await sync.waitForOverall('offline');
    expect(await sync.itemState(TRIGGER, NAME).getAttribute('data-state')).toBe('ahead');
    expect(await sync.itemState(TRIGGER, 'block-connection').getAttribute('data-state')).toBe('offline');
    // Said once, in one sentence: what failed, where, and that the edits are kept.
    const statusText = (await sync.byTestId('sync-status-message').textContent()) ?? '';
    expect(statusText).toMatch(
      /^Cannot reach the pipeline store at \S+ \([^)]+\)\. Your edits stay in the workspace; push when it is reachable again\.$/,
    );
    await sync.push();
    await sync.error().waitFor();
    const errorText = (await sync.error().textContent()) ?? '';
    expect(errorText).toMatch(
      /annot reach the pipeline store at \S+ \([^)]+\)\. Your edits stay in the workspace; push when it is reachable again\.$/,
    );
    expect(errorText.match(/reachable/g)).toHaveLength(1);
    expect(await sync.statusBarItem().getAttribute('data-state')).toBe('offline');
    expect(await readFile(file, 'utf8')).toContain('// edited on the train');
    await ui.screenshot('sync-offline');
  }, 120_000);

  it('a refused key: items are unknown, and the advice points at Change remote or key', async () => {
    const { ui } = await open();
    const server = store();
    const tenant = await server.tenant('e2e-bad-key');
    const sync = new SyncPage(ui.page);
    await sync.open();
    await sync.connect(server.url, tenant.name, `${tenant.admin.slice(0, -4)}xxxx`);
    await sync.waitForOverall('unauthorized');
    // Nothing is known about the server: no item claims to be clean.
    expect(await sync.itemState(TRIGGER, NAME).getAttribute('data-state')).toBe('unknown');
    const message = (await sync.byTestId('sync-status-message').textContent()) ?? '';
    expect(message).toContain('Change remote or key');
    expect(message).not.toContain('REMOTE_KEY');
    // The way out is the primary action, not Publish.
    expect(await sync.byTestId('sync-edit-remote').getAttribute('class')).toContain('button');
    expect(await sync.byTestId('sync-publish').getAttribute('class')).toContain('secondary');
    await ui.screenshot('sync-key-rejected');
  }, 120_000);
});
