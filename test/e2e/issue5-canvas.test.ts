import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodeEditorPage } from './pages/code-editor-page.ts';
import { PipelinePage } from './pages/pipeline-page.ts';
import { seedThreeStagePipeline, THREE_STAGE_TRIGGER } from './support/issue5-workspace.ts';
import { setUpStudio } from './support/studio-session.ts';

/** Polls for up to 10 s: the machine is shared, so a live re-run may take a while to land. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000, interval: 50 });

const openStudio = setUpStudio();

/** A web host on a copy of the example workspace plus the three-stage pipeline, its canvas open. */
async function openCanvas(
  colorScheme: 'light' | 'dark' = 'light',
  prepare?: (workspace: string) => Promise<void>,
) {
  const { studio, ui } = await openStudio({
    colorScheme,
    viewport: { width: 1360, height: 860 },
    prepare: async (workspace) => {
      await seedThreeStagePipeline(workspace);
      await prepare?.(workspace);
    },
  });
  const canvas = new PipelinePage(ui.page);
  await canvas.openPipeline(THREE_STAGE_TRIGGER);
  return { studio, ui, canvas };
}

async function savedOrder(workspace: string): Promise<string[]> {
  const text = await readFile(join(workspace, 'pipelines', THREE_STAGE_TRIGGER, 'pipeline.json'), 'utf8');
  return (JSON.parse(text) as { stages: { name: string }[] }).stages.map((s) => s.name);
}

describe('stage canvas and fixtures (issue 5)', { timeout: 90_000 }, () => {
  it('runs all fixtures with a progress bar and counts, then filters to failures', async () => {
    const { ui, canvas } = await openCanvas();
    expect(await canvas.counts()).toEqual({ pass: '0 passed', fail: '0 failed', never: '3 not run' });
    expect(await canvas.verdict('staff-completes')).toBe('never-run');
    const headerHeight = async () => (await ui.page.locator('.pipeline-header').boundingBox())?.height;
    const idleHeight = await headerHeight();
    await canvas.runAll();
    // The progress bar and counts appear without pushing the canvas down.
    expect(await headerHeight()).toBe(idleHeight);
    const bar = canvas.byTestId('run-progress');
    expect(await bar.getAttribute('aria-valuenow')).toBe('3');
    expect(await bar.getAttribute('aria-valuemax')).toBe('3');
    expect(await canvas.counts()).toEqual({ pass: '2 passed', fail: '1 failed', never: '0 not run' });
    expect(await canvas.verdict('staff-completes')).toBe('pass');
    expect(await canvas.verdict('outsider-denied')).toBe('pass');
    expect(await canvas.verdict('partner-wrong-expect')).toBe('fail');
    // Each card counts its stage's outcomes over the three runs: require-trusted stopped one.
    expect(await canvas.stage('require-trusted').getByTestId('stage-stats').textContent()).toMatch(
      /✓ 2\s*✗ 1/,
    );
    await canvas.byTestId('fixtures-failures-only').check();
    await poll(() => canvas.byTestId('fixture-row').count()).toBe(1);
    expect(await canvas.fixture('partner-wrong-expect').isVisible()).toBe(true);
    // The passing fixture that was selected is filtered out: the pane follows the list.
    await poll(() => canvas.byTestId('fixture-result').getAttribute('aria-label')).toBe(
      'Result of partner-wrong-expect',
    );
    expect(await canvas.fixture('partner-wrong-expect').getAttribute('aria-pressed')).toBe('true');
    await canvas.byTestId('fixtures-failures-only').uncheck();
    await canvas.fixture('staff-completes').click();
    await poll(() => canvas.stage('require-trusted').getAttribute('data-outcome')).toBe('continue');
    await ui.screenshot('issue5-canvas-light');
  });

  it('reorders two stages by drag and the changed fixture outcome is shown', async () => {
    const { studio, canvas } = await openCanvas();
    await canvas.runAll();
    expect(await canvas.outcome('staff-completes')).toBe('continue');
    // Dragged by its title, as a person would (a press on a checkbox or field is not a drag).
    await canvas.stage('require-trusted').dragTo(canvas.stage('mark-trusted'), {
      sourcePosition: { x: 60, y: 18 },
    });
    await poll(() => canvas.stageOrder()).toEqual(['normalize-email', 'require-trusted', 'mark-trusted']);
    expect(await savedOrder(studio.workspace ?? '')).toEqual([
      'normalize-email',
      'require-trusted',
      'mark-trusted',
    ]);
    // The live re-run follows the saved order: staff are now refused before being marked trusted.
    await poll(() => canvas.outcome('staff-completes')).toBe('deny');
    await poll(() => canvas.fixtureChange('staff-completes').textContent()).toBe('changed: continue → deny');
    expect(await canvas.verdict('staff-completes')).toBe('fail');
    // The move was written at once; Undo puts the saved order back.
    expect(await canvas.byTestId('last-move').textContent()).toContain('require-trusted moved to position 2');
    await canvas.byTestId('last-move-undo').click();
    await poll(() => savedOrder(studio.workspace ?? '')).toEqual([
      'normalize-email',
      'mark-trusted',
      'require-trusted',
    ]);
    await poll(() => canvas.byTestId('last-move').count()).toBe(0);
    await poll(() => canvas.outcome('staff-completes')).toBe('continue');
  });

  it('reorders by keyboard (Alt+Arrow, and Space to grab) with announcements', async () => {
    const { studio, ui, canvas } = await openCanvas('dark');
    await canvas.runAll();
    await canvas.stage('require-trusted').focus();
    await ui.page.keyboard.press('Alt+ArrowLeft');
    await poll(() => canvas.stageOrder()).toEqual(['normalize-email', 'require-trusted', 'mark-trusted']);
    await poll(() => canvas.byTestId('canvas-announcement').textContent()).toBe(
      'require-trusted moved to position 2 of 3.',
    );
    await poll(() => canvas.fixtureChange('staff-completes').textContent()).toBe('changed: continue → deny');
    // Focus stays on the moved card: Space grabs it, ArrowRight moves it back, Space drops.
    expect(await ui.page.evaluate("document.activeElement?.getAttribute('data-stage')")).toBe(
      'require-trusted',
    );
    await ui.page.keyboard.press('Space');
    await poll(() => canvas.byTestId('canvas-announcement').textContent()).toMatch(
      /^Grabbed require-trusted/,
    );
    await ui.page.keyboard.press('ArrowRight');
    await ui.page.keyboard.press('Space');
    await poll(() => savedOrder(studio.workspace ?? '')).toEqual([
      'normalize-email',
      'mark-trusted',
      'require-trusted',
    ]);
    await poll(() => canvas.outcome('staff-completes')).toBe('continue');
    await poll(() => canvas.fixtureChange('staff-completes').textContent()).toBe('changed: deny → continue');
    await ui.screenshot('issue5-canvas-dark');
  });

  it('disabling a stage re-runs the fixtures; the timeout is validated', async () => {
    const { studio, canvas } = await openCanvas();
    await canvas.runAll();
    // The box follows the saved pipeline, so it turns off once stage.setSettings has written it.
    const enabled = canvas.stage('require-trusted').getByTestId('stage-enabled');
    await enabled.click();
    await poll(() => enabled.isChecked()).toBe(false);
    await poll(() => canvas.outcome('outsider-denied')).toBe('continue');
    await poll(() => canvas.fixtureChange('outsider-denied').textContent()).toBe('changed: deny → continue');
    const timeout = canvas.stage('mark-trusted').getByTestId('stage-timeout');
    await timeout.fill('90');
    expect(await timeout.getAttribute('aria-invalid')).toBe('true');
    await timeout.fill('12');
    await timeout.press('Enter');
    await poll(async () => {
      const text = await readFile(
        join(studio.workspace ?? '', 'pipelines', THREE_STAGE_TRIGGER, 'pipeline.json'),
        'utf8',
      );
      return (JSON.parse(text) as { stages: { name: string; timeoutSeconds: number }[] }).stages.find(
        (s) => s.name === 'mark-trusted',
      )?.timeoutSeconds;
    }).toBe(12);
  });

  it('shows expected beside actual and accepts the actual outcome after confirmation', async () => {
    const { studio, ui, canvas } = await openCanvas();
    await canvas.runAll();
    await canvas.fixture('partner-wrong-expect').click();
    const outcomeRow = ui.page.locator('[data-testid="expect-row"][data-path="outcome"]');
    expect(await outcomeRow.getAttribute('data-differs')).toBe('true');
    expect(await outcomeRow.textContent()).toMatch(/"deny"\s*"continue"/);
    await ui.screenshot('issue5-fixtures-expectation');
    await canvas.byTestId('fixture-accept').click();
    await canvas.byTestId('accept-dialog').waitFor();
    expect(await canvas.byTestId('accept-preview').textContent()).toContain('"outcome": "continue"');
    await canvas.byTestId('accept-confirm').click();
    await poll(() => canvas.verdict('partner-wrong-expect')).toBe('pass');
    const saved = JSON.parse(
      await readFile(
        join(studio.workspace ?? '', 'fixtures', THREE_STAGE_TRIGGER, 'partner-wrong-expect.json'),
        'utf8',
      ),
    );
    expect(saved.expect.outcome).toBe('continue');
    expect(saved.expect.user.email).toBe('bo@example.com');
  });

  it('runs the selected fixture with F5 and creates a fixture from the trigger example', async () => {
    const { studio, ui, canvas } = await openCanvas();
    await canvas.fixture('outsider-denied').click();
    expect(await canvas.verdict('outsider-denied')).toBe('never-run');
    await ui.page.keyboard.press('F5');
    await poll(() => canvas.verdict('outsider-denied')).toBe('pass');
    await canvas.byTestId('fixture-new-example').click();
    // The new fixture opens in the editor (JSON schema checks there); the canvas lists it too.
    await ui.tab(`fixtures/${THREE_STAGE_TRIGGER}/example.json`).waitFor();
    await ui.tab(`pipeline:${THREE_STAGE_TRIGGER}`).click();
    await canvas.fixture('example').waitFor();
    const created = JSON.parse(
      await readFile(join(studio.workspace ?? '', 'fixtures', THREE_STAGE_TRIGGER, 'example.json'), 'utf8'),
    );
    expect(created.trigger).toBe(THREE_STAGE_TRIGGER);
  });

  it('re-runs live while a stage is edited, before it is saved (what-if)', async () => {
    const { studio, ui, canvas } = await openCanvas();
    await canvas.runAll();
    const relPath = `pipelines/${THREE_STAGE_TRIGGER}/require-trusted.js`;
    await canvas.stage('require-trusted').getByTestId('stage-open-code').click();
    const editor = new CodeEditorPage(ui.page);
    await editor.waitForFile(relPath);
    await ui.byTestId('panel-tab-fixture-results').click();
    const row = ui.page.locator('[data-testid="result-row"][data-fixture-id="outsider-denied"]');
    expect(await row.getAttribute('data-outcome')).toBe('deny');
    await editor.replaceText(
      'async function pipe(user, context, callback) {\n  callback(null, user, context);\n}\n',
    );
    await poll(() => row.getAttribute('data-outcome')).toBe('continue');
    await poll(() => row.getByTestId('result-change').textContent()).toBe('changed: deny → continue');
    expect(await row.getAttribute('data-verdict')).toBe('fail');
    // Nothing was written: the what-if ran the editor's text.
    expect(await readFile(join(studio.workspace ?? '', relPath), 'utf8')).toContain('Only trusted addresses');
    await ui.screenshot('issue5-live-rerun');
  });

  it('tries an order in what-if mode without writing it, then saves it', async () => {
    const { studio, ui, canvas } = await openCanvas();
    await canvas.runAll();
    await canvas.byTestId('what-if-toggle').check();
    await canvas.stage('require-trusted').focus();
    await ui.page.keyboard.press('Alt+ArrowLeft');
    await poll(() => canvas.stageOrder()).toEqual(['normalize-email', 'require-trusted', 'mark-trusted']);
    await poll(() => canvas.outcome('staff-completes')).toBe('deny');
    await poll(() => canvas.fixtureChange('staff-completes').textContent()).toBe('changed: continue → deny');
    expect(await savedOrder(studio.workspace ?? '')).toEqual([
      'normalize-email',
      'mark-trusted',
      'require-trusted',
    ]);
    await ui.screenshot('issue5-canvas-what-if');
    await canvas.byTestId('what-if-save').click();
    await poll(() => savedOrder(studio.workspace ?? '')).toEqual([
      'normalize-email',
      'require-trusted',
      'mark-trusted',
    ]);
    await poll(() => canvas.byTestId('what-if-toggle').isChecked()).toBe(false);
    expect(await canvas.stageOrder()).toEqual(['normalize-email', 'require-trusted', 'mark-trusted']);
  });

  it('re-runs live while a fixture is edited, and duplicates a fixture', async () => {
    const { studio, ui, canvas } = await openCanvas();
    await canvas.runAll();
    const relPath = `fixtures/${THREE_STAGE_TRIGGER}/staff-completes.json`;
    await canvas.fixture('staff-completes').click();
    await canvas.byTestId('fixture-duplicate').click();
    // The copy opens in the editor once its file is read. Wait for that before going back to the
    // canvas: a click on the canvas tab before then is undone when the copy's tab takes the front,
    // and the rows below are then hidden (that race made the double-click below time out).
    const copyTab = ui.tab(`fixtures/${THREE_STAGE_TRIGGER}/staff-completes-copy.json`);
    await poll(() => copyTab.getAttribute('aria-selected')).toBe('true');
    await ui.tab(`pipeline:${THREE_STAGE_TRIGGER}`).click();
    await poll(() => canvas.byTestId('fixture-row').count()).toBe(4);
    expect(await canvas.fixture('staff-completes-copy').getAttribute('aria-pressed')).toBe('true');
    await canvas.fixture('staff-completes').dblclick();
    const editor = new CodeEditorPage(ui.page);
    await editor.waitForFile(relPath);
    await ui.byTestId('panel-tab-fixture-results').click();
    const row = ui.page.locator('[data-testid="result-row"][data-fixture-id="staff-completes"]');
    const text = await readFile(join(studio.workspace ?? '', relPath), 'utf8');
    await editor.replaceText(text.replace('Ana@Example.com', 'ana@elsewhere.net'));
    await poll(() => row.getAttribute('data-outcome')).toBe('deny');
    await poll(() => row.getByTestId('result-change').textContent()).toBe('changed: continue → deny');
  });

  it('an empty trigger offers Add a stage… and cannot Run all without fixtures', async () => {
    const { ui, canvas } = await openCanvas();
    await canvas.openPipeline('POST_AUTHENTICATION');
    // The tab says what the header and the Pipelines list say, not the trigger id.
    expect(await ui.tab('pipeline:POST_AUTHENTICATION').textContent()).toContain('Post-authentication');
    const runAll = ui.page.locator('[data-trigger="POST_AUTHENTICATION"] [data-testid="run-all"]');
    expect(await runAll.isDisabled()).toBe(true);
    expect(await runAll.getAttribute('title')).toMatch(/^No fixtures yet/);
    await canvas.byTestId('stage-lane-add').click();
    await canvas.byTestId('add-stage-dialog').waitFor();
    expect(await canvas.byTestId('add-stage-trigger').inputValue()).toBe('POST_AUTHENTICATION');
  });

  it('shows the progress bar filling while the fixtures run', async () => {
    // A stage that computes for a while, so the run is slow enough to watch (replay fixes the
    // clock, so it counts instead of waiting).
    const slow = `async function pipe(user, context, callback) {
  let n = 0;
  for (let i = 0; i < 4e7; i++) n += i % 7;
  context.work = n > 0;
  callback(null, user, context);
}
`;
    const { canvas } = await openCanvas('light', (ws) =>
      writeFile(join(ws, 'pipelines', THREE_STAGE_TRIGGER, 'normalize-email.js'), slow),
    );
    await canvas.byTestId('run-all').click();
    const running = canvas.page.locator('[data-testid="run-progress"][data-state="running"]');
    await running.waitFor();
    expect(await running.getAttribute('aria-valuemax')).toMatch(/^[0-3]$/);
    await canvas.page.locator('[data-testid="run-progress"][data-state="done"]').waitFor();
    expect(await canvas.byTestId('run-progress').getAttribute('aria-valuenow')).toBe('3');
    expect(await canvas.byTestId('run-progress').textContent()).toBe('3 of 3 run');
  });
});
