/**
 * What a careful first-time user ran into in the shell (QA pass): red marks on the example's
 * correct code, env keys a template wrote lost by the env table, refused names without a reason,
 * dialogs that let focus escape, missing side bar and panel shortcuts. The page must log no errors.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpStudio } from './support/studio-session.ts';

const open = setUpStudio();

/** Console errors and uncaught exceptions of the page, for the end of each test. */
function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

// A cold Monaco TypeScript worker on a busy shared machine can take a while: allow it.
describe('shell polish found in QA', { timeout: 90_000 }, () => {
  it('shows no type error on the example stages of both shapes (two-parameter PRE_REGISTER, ipRangeCheck)', async () => {
    const { ui, editor } = await open();
    const errors = collectPageErrors(ui.page);
    for (const stage of ['email-domain-allowlist', 'ip-range-allowlist']) {
      const file = `pipelines/PRE_REGISTER/${stage}.js`;
      await ui.treeStage('PRE_REGISTER', stage).click();
      await editor.waitForFile(file);
      // A known mistake at the end proves the checker has run over this file.
      await editor.appendText('\n(1).nope;\n');
      const rows = ui.page.locator(`[data-testid="problem-row"][data-source="editor"][data-file="${file}"]`);
      await rows.filter({ hasText: 'nope' }).waitFor();
      expect(await rows.allTextContents()).toEqual([expect.stringContaining("'nope' does not exist")]);
    }
    await ui.screenshot('qa-example-stage-checked');
    expect(errors).toEqual([]);
  });

  it('add-stage dialog refuses a taken name in place; env table keeps the keys a template stage added and marks a bad name', async () => {
    const { studio, ui } = await open();
    const errors = collectPageErrors(ui.page);
    await ui.showView('templates');
    await ui.byTestId('template-item-geo-country-block').click();
    // The preview's code has the editor's colours once Monaco is loaded.
    await ui.page.locator('[data-testid="template-code"] span[class*="mtk"]').first().waitFor();
    // Copying it gives the template's own text: plain spaces and line breaks.
    expect(await ui.byTestId('template-code').textContent()).toContain(
      'async function pipe(user, context, callback) {\n  const list',
    );
    await ui.byTestId('template-use').click();
    // A name the trigger already has is refused beside the field, before Add is pressed.
    await ui.byTestId('add-stage-trigger').selectOption('PRE_AUTHENTICATION');
    await ui.byTestId('add-stage-name').fill('block-connection');
    expect(await ui.byTestId('add-stage-name-problem').textContent()).toMatch(
      /already has a stage "block-connection"/,
    );
    expect(await ui.byTestId('add-stage-submit').isDisabled()).toBe(true);
    await ui.byTestId('add-stage-name').fill('block-countries');
    await ui.byTestId('add-stage-submit').click();
    await ui.page.locator('[data-testid="editor-tab"][data-tab-id$="block-countries.js"]').waitFor();

    await ui.showView('env');
    await ui.byTestId('env-open-table-button').click();
    const keys = ui.byTestId('env-key');
    const keyValues = async () => Promise.all((await keys.all()).map((k) => k.inputValue()));
    await expect.poll(keyValues).toContain('BLOCKED_COUNTRIES');
    await ui.byTestId('env-add').click();
    // The Environment tab shows the unsaved dot like a file tab.
    await ui.page.locator('[data-testid="editor-tab"][data-tab-id="view:env"][data-dirty="true"]').waitFor();
    await keys.last().fill('bad key');
    await ui.byTestId('env-problem').waitFor();
    expect(await ui.byTestId('env-problem').textContent()).toMatch(/Row \d+: "bad key" is not a valid name/);
    expect(await keys.last().getAttribute('aria-invalid')).toBe('true');
    expect(await ui.byTestId('env-save').isDisabled()).toBe(true);
    await ui.screenshot('qa-env-bad-name');
    await keys.last().fill('REGION');
    await ui.byTestId('env-problem').waitFor({ state: 'detached' });
    expect(await ui.byTestId('env-save').isDisabled()).toBe(false);

    // env.json changed outside while the table has edits: asked, not overwritten silently.
    const envFile = join(studio.workspace ?? '', 'env.json');
    const onDisk = JSON.parse(await readFile(envFile, 'utf8'));
    await writeFile(envFile, `${JSON.stringify({ ...onDisk, FROM_GIT: 'yes' }, null, 2)}\n`);
    await ui.byTestId('env-conflict').waitFor();
    await ui.screenshot('qa-env-conflict');
    await ui.byTestId('env-conflict-reload').click();
    await ui.byTestId('env-conflict').waitFor({ state: 'detached' });
    await expect.poll(keyValues).toContain('FROM_GIT');
    expect(await keyValues()).not.toContain('REGION');

    await ui.showView('secrets');
    await ui.byTestId('secret-name-input').fill('bad name');
    await ui.byTestId('secret-name-problem').waitFor();
    expect(await ui.byTestId('secret-save').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('dialogs keep focus inside and give it back; Ctrl+B and Ctrl+J hide and show the side bar and panel; F5 does not reload', async () => {
    const { ui } = await open();
    const errors = collectPageErrors(ui.page);
    // The stage menu from the keyboard: focus the row, Shift+F10, arrow down to Delete, Enter.
    const stage = ui.treeStage('POST_REGISTER', 'slack-notify');
    await stage.focus();
    await ui.page.keyboard.press('Shift+F10');
    await ui.byTestId('context-menu').waitFor();
    await ui.page.keyboard.press('ArrowDown');
    await ui.page.keyboard.press('Enter');
    const dialog = ui.byTestId('delete-stage-dialog');
    await dialog.waitFor();
    // A destructive confirmation starts on Cancel, so Enter never deletes.
    expect(await ui.page.evaluate('document.activeElement?.textContent')).toBe('Cancel');
    for (let i = 0; i < 4; i += 1) {
      await ui.page.keyboard.press('Tab');
      expect(await dialog.evaluate((d) => d.contains(d.ownerDocument.activeElement))).toBe(true);
    }
    await ui.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await stage.evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);

    await ui.byTestId('side-view-explorer').waitFor();
    await ui.page.keyboard.press('ControlOrMeta+B');
    await ui.byTestId('side-view-explorer').waitFor({ state: 'detached' });
    await ui.page.keyboard.press('ControlOrMeta+B');
    await ui.byTestId('side-view-explorer').waitFor();
    await ui.page.keyboard.press('ControlOrMeta+J');
    await ui.byTestId('bottom-panel').waitFor({ state: 'detached' });
    await ui.page.keyboard.press('ControlOrMeta+J');
    await ui.byTestId('bottom-panel').waitFor();

    // F5 away from a canvas: a hint where fixtures run, not a reload of the tab.
    await ui.page.evaluate('window.__qaMarker = 1');
    await ui.page.keyboard.press('F5');
    await ui.notices().filter({ hasText: 'Pipelines view' }).waitFor();
    expect(await ui.page.evaluate('window.__qaMarker')).toBe(1);
    expect(errors).toEqual([]);
  });

  it('says in the editor when Monaco cannot load, and a reload brings it back', async () => {
    const { ui, editor } = await open();
    // As when the studio was rebuilt after the page opened: the editor's chunk is gone.
    await ui.page.route(/\/assets\/monaco-setup-[^/]*\.js/, (route) =>
      route.fulfill({ status: 404, body: '' }),
    );
    const file = 'pipelines/PRE_AUTHENTICATION/block-connection.js';
    await ui.treeStage('PRE_AUTHENTICATION', 'block-connection').click();
    const failure = ui.byTestId('code-editor-load-error');
    await failure.waitFor();
    expect(await failure.textContent()).toMatch(/could not load .*reload the page/s);
    await ui.screenshot('qa-editor-load-error');
    await ui.page.unroute(/\/assets\/monaco-setup-[^/]*\.js/);
    await failure.getByRole('button', { name: 'Reload the page' }).click();
    await ui.waitForState('loaded');
    await ui.treeStage('PRE_AUTHENTICATION', 'block-connection').click();
    await editor.waitForFile(file);
  });
});
