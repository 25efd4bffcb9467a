import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setUpStudio } from './support/studio-session.ts';

const open = setUpStudio();
const STAGE = 'pipelines/PRE_AUTHENTICATION/require-verified-email.js';

// A cold Monaco TypeScript worker on a busy shared machine can take a while: allow it.
describe('editing pipeline code', { timeout: 90_000 }, () => {
  it('edits and saves with Ctrl+S: dirty markers, then the file on disk changes', async () => {
    const { studio, ui, editor } = await open();
    await ui.treeStage('PRE_AUTHENTICATION', 'require-verified-email').click();
    await editor.waitForFile(STAGE);
    await editor.appendText('\n// reviewed in the studio\n');
    await ui.page.locator(`[data-testid="editor-tab"][data-tab-id="${STAGE}"][data-dirty="true"]`).waitFor();
    await ui.page.locator(`[data-path="${STAGE}"][data-dirty="true"]`).waitFor();
    await ui.screenshot('unsaved-edit');
    await editor.save();
    await ui.page.locator(`[data-testid="editor-tab"][data-tab-id="${STAGE}"][data-dirty="false"]`).waitFor();
    const onDisk = await readFile(join(studio.workspace ?? '', STAGE), 'utf8');
    expect(onDisk).toContain('// reviewed in the studio');

    await editor.appendText('// saved on close\n');
    await ui.tab(STAGE).locator('[data-testid="tab-close"]').click();
    await ui.byTestId('close-tab-dialog').waitFor();
    await ui.screenshot('close-unsaved-tab');
    await ui.byTestId('close-tab-save').click();
    await ui.tab(STAGE).waitFor({ state: 'detached' });
    expect(await readFile(join(studio.workspace ?? '', STAGE), 'utf8')).toContain('// saved on close');
  });

  // `user.emial` is not an error by design: PipelineUser has an index signature for custom data.
  it('marks type errors in pipeline code (a string method that does not exist, callback with four arguments)', async () => {
    const { ui, editor } = await open();
    await ui.treeStage('PRE_AUTHENTICATION', 'require-verified-email').click();
    await editor.waitForFile(STAGE);
    await editor.replaceText(
      [
        'async function pipe(user, context, callback) {',
        '  const ip = context.request.ip.toFixed(2);',
        '  callback(1, 2, 3, 4);',
        '}',
        '',
      ].join('\n'),
    );
    const toFixed = ui.page.locator('[data-testid="problem-row"][data-source="editor"]', {
      hasText: 'toFixed',
    });
    await toFixed.waitFor();
    expect(await toFixed.textContent()).toContain(`${STAGE}:2`);
    const args = ui.page.locator('[data-testid="problem-row"][data-source="editor"]', {
      hasText: /argument/i,
    });
    await args.first().waitFor();
    expect(await args.first().textContent()).toContain(`${STAGE}:3`);
    await editor.errorSquiggles().first().waitFor();
    await ui.screenshot('type-error-marked');
  });

  it('validates pipeline.json against its JSON Schema', async () => {
    const { ui, editor } = await open();
    const file = 'pipelines/PRE_REGISTER/pipeline.json';
    await ui.treeFile(file).click({ timeout: 5000 });
    await editor.waitForFile(file);
    await editor.replaceText(
      '{\n  "stages": [\n    { "name": "slow", "file": "slow.js", "timeoutSeconds": 600 }\n  ]\n}\n',
    );
    const row = ui.page.locator(`[data-testid="problem-row"][data-source="editor"][data-file="${file}"]`);
    await row.first().waitFor({ timeout: 10_000 });
    expect(await row.first().textContent()).toContain(`${file}:3`);
    await editor.errorSquiggles().first().waitFor();
    await ui.screenshot('json-schema-marker');
  });

  it('offers IntelliSense for user, types require("./utils") and knows the globals', async () => {
    const { ui, editor } = await open();
    await ui.treeStage('PRE_AUTHENTICATION', 'require-verified-email').click();
    await editor.waitForFile(STAGE);
    await editor.replaceText('async function pipe(user, context, callback) {\n  user.');
    await editor.suggestionRow('emailVerified');
    await ui.screenshot('intellisense');

    await ui.page.keyboard.press('Escape');
    await editor.replaceText(
      "const utils = require('./utils');\nutils.ipRangeCheck(42);\nlog(axios, env.REGION, authing);\n",
    );
    const wrongArgs = ui.page.locator('[data-testid="problem-row"][data-source="editor"]', {
      hasText: /argument/i,
    });
    await wrongArgs.first().waitFor();
    expect(await wrongArgs.first().textContent()).toContain(`${STAGE}:2`);
    expect(await ui.problemRows().count()).toBe(1);
  });

  it('shows a change made outside the studio; asks when the tab has unsaved edits', async () => {
    const { studio, ui, editor } = await open();
    const file = join(studio.workspace ?? '', STAGE);
    await ui.treeStage('PRE_AUTHENTICATION', 'require-verified-email').click();
    await editor.waitForFile(STAGE);

    await writeFile(file, '// changed in another editor\nasync function pipe(user, context, callback) {}\n');
    await expect.poll(() => editor.visibleText(), { timeout: 10_000 }).toContain('changed in another editor');

    await editor.appendText('\n// my unsaved line\n');
    await writeFile(file, '// changed again outside\n');
    await ui.byTestId('conflict-bar').waitFor();
    await ui.screenshot('outside-change-conflict');
    await ui.byTestId('conflict-reload').click();
    await expect.poll(() => editor.visibleText()).toContain('changed again outside');
    expect(await editor.visibleText()).not.toContain('my unsaved line');
  });
});
