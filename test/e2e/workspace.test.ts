import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StudioPage } from './pages/studio-page.ts';
import {
  ensureRendererBuilt,
  launchChromium,
  type StudioHost,
  startStudioHost,
} from './support/studio-host.ts';

let browser: Browser;
let studio: StudioHost | undefined;
let context: BrowserContext | undefined;

beforeAll(async () => {
  await ensureRendererBuilt();
  browser = await launchChromium();
}, 120_000);

afterEach(async () => {
  await context?.close();
  await studio?.close();
  context = undefined;
  studio = undefined;
});

afterAll(async () => {
  await browser?.close();
});

async function openStudio(workspace: 'example' | 'none', colorScheme: 'light' | 'dark' = 'light') {
  studio = await startStudioHost({ workspace });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
  return { studio, ui: new StudioPage(await context.newPage()) };
}

// A cold Monaco TypeScript worker on a busy shared machine can take a while: allow it.
describe('workspaces in the web host', { timeout: 90_000 }, () => {
  it('opens the example workspace: explorer with triggers, stages and fixtures; a stage in the editor', async () => {
    const { studio, ui } = await openStudio('example');
    await ui.goto(studio.host.url);
    const studioJson = JSON.parse(await readFile(join(studio.workspace ?? '', 'studio.json'), 'utf8'));
    await expect.poll(() => ui.byTestId('workspace-name').textContent()).toBe(studioJson.name);
    await ui.byTestId('tree-trigger-PRE_REGISTER').waitFor();
    const stage = ui.treeStage('PRE_REGISTER', 'email-domain-allowlist');
    await stage.click();
    await ui.tab('pipelines/PRE_REGISTER/email-domain-allowlist.js').waitFor();
    await ui.page.locator('[data-testid="code-editor"][data-editor-state="ready"] .view-lines').waitFor();
    await expect.poll(() => ui.byTestId('status-workspace').textContent()).toBe(studio.workspace);
    await ui.screenshot('explorer-and-editor');

    const before = await ui.byTestId('bottom-panel').boundingBox();
    const handle = await ui.byTestId('panel-splitter').boundingBox();
    if (!before || !handle) throw new Error('the bottom panel or its splitter is not laid out');
    await ui.page.mouse.move(handle.x + 200, handle.y + 2);
    await ui.page.mouse.down();
    await ui.page.mouse.move(handle.x + 200, handle.y + 2 - 100, { steps: 5 });
    await ui.page.mouse.up();
    const after = await ui.byTestId('bottom-panel').boundingBox();
    expect(Math.round(after?.height ?? 0)).toBe(Math.round(before.height + 100));
  });

  it('follows a dark system theme, Monaco included', async () => {
    const { studio, ui } = await openStudio('example', 'dark');
    await ui.goto(studio.host.url);
    expect(await ui.byTestId('app').getAttribute('data-theme')).toBe('dark');
    await ui.treeStage('PRE_REGISTER', 'email-domain-allowlist').click();
    await ui.page.locator('.monaco-editor.vs-dark').waitFor();
    await ui.screenshot('explorer-and-editor-dark');
    await ui.showView('templates');
    await ui.byTestId('template-item-geo-country-block').click();
    await ui.byTestId('template-preview').waitFor();
    await ui.byTestId('template-use').click();
    await ui.byTestId('add-stage-dialog').waitFor();
    await ui.screenshot('templates-and-dialog-dark');
  });

  it('creates a new workspace from the welcome screen', async () => {
    const { studio, ui } = await openStudio('none');
    await ui.goto(studio.host.url, 'idle');
    await ui.screenshot('welcome');
    await ui.byTestId('welcome-create').click();
    const folder = join(studio.scratch, 'brand-new');
    await ui.byTestId('workspace-path').fill(folder);
    await ui.byTestId('workspace-name-input').fill('Brand new pipelines');
    await ui.screenshot('create-workspace-dialog');
    await ui.byTestId('workspace-submit').click();
    await ui.waitForState('loaded');
    await expect.poll(() => ui.byTestId('workspace-name').textContent()).toBe('Brand new pipelines');
    await ui.screenshot('new-workspace');
    const written = JSON.parse(await readFile(join(folder, 'studio.json'), 'utf8'));
    expect(written.name).toBe('Brand new pipelines');

    await ui.byTestId('explorer-open-workspace').click();
    const recent = ui.byTestId('workspace-dialog').locator('.recent', { hasText: 'Brand new pipelines' });
    await recent.waitFor();
    expect(await recent.textContent()).toContain(folder);
  });

  it('says why a folder cannot be opened, in the dialog', async () => {
    const { studio, ui } = await openStudio('none');
    await ui.goto(studio.host.url, 'idle');
    await ui.byTestId('welcome-open').click();
    await ui.byTestId('workspace-path').fill(join(studio.scratch, 'does-not-exist'));
    await ui.byTestId('workspace-submit').click();
    const error = ui.byTestId('workspace-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('does-not-exist');
    await ui.waitForState('idle');
  });
});
