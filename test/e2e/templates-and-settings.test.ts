import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setUpStudio } from './support/studio-session.ts';

const open = setUpStudio();

/** Every file under `dir`, recursively, as text. */
async function allFiles(dir: string): Promise<{ path: string; text: string }[]> {
  const files: { path: string; text: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.push({ path, text: await readFile(path, 'utf8') });
  }
  return files;
}

// A cold Monaco TypeScript worker on a busy shared machine can take a while: allow it.
describe('templates, environment and secrets', { timeout: 90_000 }, () => {
  it('adds a stage from the templates gallery: function file, pipeline entry and its fixtures', async () => {
    const { studio, ui, editor } = await open();
    const root = studio.workspace ?? '';
    const fixturesBefore = await readdir(join(root, 'fixtures', 'PRE_AUTHENTICATION'));
    await ui.showView('templates');
    await ui.byTestId('template-search').fill('countries');
    await ui.byTestId('template-item-geo-country-block').waitFor();
    await ui.screenshot('templates-gallery');
    await ui.byTestId('template-item-geo-country-block').click();
    await ui.byTestId('template-preview').waitFor();
    expect(await ui.byTestId('template-code').textContent()).toContain('function pipe');
    await ui.screenshot('template-preview');

    await ui.byTestId('template-use').click();
    await ui.byTestId('add-stage-dialog').waitFor();
    await ui.byTestId('add-stage-trigger').selectOption('PRE_AUTHENTICATION');
    await ui.byTestId('add-stage-template').selectOption('geo-country-block');
    await ui.byTestId('add-stage-name').fill('block-countries');
    await ui.screenshot('add-stage-dialog');
    await ui.byTestId('add-stage-submit').click();

    const file = 'pipelines/PRE_AUTHENTICATION/block-countries.js';
    await editor.waitForFile(file);
    await ui.showView('explorer');
    await ui.treeStage('PRE_AUTHENTICATION', 'block-countries').waitFor();
    const pipeline = JSON.parse(
      await readFile(join(root, 'pipelines', 'PRE_AUTHENTICATION', 'pipeline.json'), 'utf8'),
    );
    expect(pipeline.stages.map((s: { name: string }) => s.name)).toContain('block-countries');
    expect(await readFile(join(root, file), 'utf8')).toContain('function pipe');
    const fixturesAfter = await readdir(join(root, 'fixtures', 'PRE_AUTHENTICATION'));
    expect(fixturesAfter.length).toBeGreaterThan(fixturesBefore.length);
  });

  it('adds a blank stage, renames it and deletes it after confirming', async () => {
    const { studio, ui, editor } = await open();
    const root = studio.workspace ?? '';
    await ui.byTestId('tree-trigger-POST_REGISTER').hover();
    await ui.byTestId('add-stage-POST_REGISTER').click();
    await ui.byTestId('add-stage-name').fill('audit');
    await ui.byTestId('add-stage-submit').click();
    await editor.waitForFile('pipelines/POST_REGISTER/audit.js');

    await ui.treeStage('POST_REGISTER', 'audit').click({ button: 'right' });
    await ui.byTestId('menu-rename').click();
    await ui.byTestId('rename-stage-name').fill('audit-log');
    await ui.byTestId('rename-stage-submit').click();
    await ui.treeStage('POST_REGISTER', 'audit-log').waitFor();
    await readFile(join(root, 'pipelines', 'POST_REGISTER', 'audit-log.js'), 'utf8');

    await ui.treeStage('POST_REGISTER', 'audit-log').click({ button: 'right' });
    await ui.byTestId('menu-delete').click();
    await ui.byTestId('delete-stage-dialog').waitFor();
    await ui.screenshot('delete-stage-confirm');
    await ui.byTestId('delete-stage-confirm').click();
    await ui.treeStage('POST_REGISTER', 'audit-log').waitFor({ state: 'detached' });
    const pipeline = JSON.parse(
      await readFile(join(root, 'pipelines', 'POST_REGISTER', 'pipeline.json'), 'utf8'),
    );
    expect(pipeline.stages.map((s: { name: string }) => s.name)).not.toContain('audit-log');
  });

  it('edits env.json in the key/value table', async () => {
    const { studio, ui } = await open();
    await ui.showView('env');
    await ui.byTestId('env-open-table').click();
    await ui.byTestId('env-editor').waitFor();
    await ui.byTestId('env-add').click();
    await ui.byTestId('env-key').last().fill('REGION');
    await ui.byTestId('env-value').last().fill('eu-west');
    await ui.screenshot('env-editor');
    await ui.byTestId('env-save').click();
    await expect
      .poll(async () => JSON.parse(await readFile(join(studio.workspace ?? '', 'env.json'), 'utf8')).REGION)
      .toBe('eu-west');
    await ui.page.locator('[data-testid="env-list"]', { hasText: 'REGION' }).waitFor();
  });

  it('sets a secret that is shown only as "set" and is absent from every file of the workspace', async () => {
    const { studio, ui } = await open();
    const value = `s3cret-${Date.now()}-value`;
    await ui.showView('secrets');
    await ui.byTestId('secret-name-input').fill('PARTNER_API_KEY');
    await ui.byTestId('secret-value-input').fill(value);
    await ui.byTestId('secret-save').click();
    await ui.byTestId('secret-PARTNER_API_KEY').waitFor();
    expect(await ui.byTestId('secret-PARTNER_API_KEY').textContent()).toContain('set');
    expect(await ui.byTestId('secret-value-input').inputValue()).toBe('');
    await ui.screenshot('secrets');
    expect(await ui.page.content()).not.toContain(value);
    for (const file of await allFiles(studio.workspace ?? '')) {
      expect(file.text, file.path).not.toContain(value);
    }

    await ui.byTestId('secret-replace-PARTNER_API_KEY').click();
    expect(await ui.byTestId('secret-value-input').inputValue()).toBe('');
    await ui.byTestId('secret-delete-PARTNER_API_KEY').click();
    await ui.byTestId('secret-PARTNER_API_KEY').waitFor({ state: 'detached' });
  });

  it('lists a malformed file as a problem and opens it marked at its line', async () => {
    const { studio, ui, editor } = await open();
    const fixture = 'fixtures/PRE_REGISTER/broken.json';
    await writeFile(
      join(studio.workspace ?? '', fixture),
      '{\n  "name": "broken",\n  "trigger": "PRE_REGISTER",\n  "user": {,\n}\n',
    );
    const row = ui.page.locator(
      `[data-testid="problem-row"][data-source="workspace"][data-file="${fixture}"]`,
    );
    await row.waitFor();
    expect(await row.textContent()).toContain(`${fixture}:4`);
    await ui.page.locator(`.tree-row.broken[data-path="${fixture}"]`).waitFor();
    await row.click();
    await editor.waitForFile(fixture);
    await editor.errorSquiggles().first().waitFor();
    await ui.screenshot('problem-marked');
  });
});
