import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelinePage } from './pages/pipeline-page.ts';
import { seedThreeStagePipeline, THREE_STAGE_TRIGGER } from './support/issue5-workspace.ts';
import { setUpStudio } from './support/studio-session.ts';

/** Polls for up to 10 s: the machine is shared, so a live re-run may take a while to land. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 10_000, interval: 50 });

const openStudio = setUpStudio();

/** Opens the three-stage canvas and steps through one fixture's run. */
async function stepThrough(fixtureId: string, colorScheme: 'light' | 'dark' = 'light') {
  const { studio, ui } = await openStudio({
    colorScheme,
    viewport: { width: 1360, height: 900 },
    prepare: seedThreeStagePipeline,
  });
  const view = new PipelinePage(ui.page);
  await view.openPipeline(THREE_STAGE_TRIGGER);
  await view.fixture(fixtureId).click();
  await view.byTestId('fixture-step-through').click();
  await view.timeline().waitFor();
  await poll(() => view.steps().count()).toBe(3);
  return { studio, ui, view };
}

function diffEntry(view: PipelinePage, path: string) {
  return view.page.locator(`[data-testid="diff-entry"][data-path="${path}"]`);
}

describe('step-through run timeline (issue 5)', { timeout: 90_000 }, () => {
  it('steps through a three-stage run forward and back, with its diff and log lines', async () => {
    const { ui, view } = await stepThrough('staff-completes');
    expect(await view.currentStep()).toBe('normalize-email');
    expect(await view.byTestId('step-position').textContent()).toBe('Step 1 of 3');
    expect(await diffEntry(view, 'user.email').getAttribute('data-kind')).toBe('changed');
    expect(await diffEntry(view, 'user.email').textContent()).toContain('"ana@example.com"');
    expect(await diffEntry(view, 'context.normalized').getAttribute('data-kind')).toBe('added');
    await view.byTestId('step-tab-logs').click();
    expect(await view.byTestId('step-logs').textContent()).toBe('normalized ana@example.com');

    await view.byTestId('step-forward').click();
    expect(await view.currentStep()).toBe('mark-trusted');
    expect(await diffEntry(view, 'context.trusted').getAttribute('data-kind')).toBe('added');
    await view.byTestId('step-tab-data').click();
    expect(await view.byTestId('step-data').textContent()).toContain('trustedDomain');
    await view.page.locator('[data-testid="step-code"][data-editor-state="ready"] .view-lines').waitFor();

    // Keys step while the timeline has focus: ArrowRight forward, ArrowLeft and Shift+F10 back.
    await view.byTestId('step-position').click();
    await ui.page.keyboard.press('ArrowRight');
    await poll(() => view.currentStep()).toBe('require-trusted');
    expect(await view.byTestId('step-forward').isDisabled()).toBe(true);
    await ui.page.keyboard.press('ArrowLeft');
    await poll(() => view.currentStep()).toBe('mark-trusted');
    await ui.page.keyboard.press('Shift+F10');
    await poll(() => view.currentStep()).toBe('normalize-email');
    await ui.page.keyboard.press('F10');
    await poll(() => view.currentStep()).toBe('mark-trusted');
    await view.byTestId('step-tab-diff').click();
    await ui.screenshot('issue5-timeline-light');

    // In a smaller window: every detail tab stays inside the strip (it wraps), and the step bar
    // stays in view when the timeline is scrolled down to the timing waterfall.
    await ui.page.setViewportSize({ width: 1180, height: 620 });
    const strip = await ui.page.locator('.detail-tabs').boundingBox();
    const lastTab = await ui.page.locator('.detail-tabs [role="tab"]').last().boundingBox();
    expect((lastTab?.x ?? 0) + (lastTab?.width ?? 0)).toBeLessThanOrEqual(
      (strip?.x ?? 0) + (strip?.width ?? 0),
    );
    const timeline = view.timeline();
    await timeline.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    expect(await timeline.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    const top = (await timeline.boundingBox())?.y ?? 0;
    expect((await view.byTestId('step-forward').boundingBox())?.y).toBeGreaterThanOrEqual(top);
  });

  it('shows a deny with its line highlighted and opens the code at that line', async () => {
    const { ui, view } = await stepThrough('outsider-denied', 'dark');
    await view.steps().nth(2).click();
    expect(await view.currentStep()).toBe('require-trusted');
    expect(await view.byTestId('step-error').textContent()).toContain(
      'Only trusted addresses may complete their profile.',
    );
    const location = view.byTestId('step-error-location');
    expect(await location.textContent()).toBe(`pipelines/${THREE_STAGE_TRIGGER}/require-trusted.js:3:21`);
    await poll(() => view.byTestId('step-code').getAttribute('data-error-line')).toBe('3');
    await view.page
      .locator('[data-testid="step-code"][data-editor-state="ready"] .code-error-line')
      .first()
      .waitFor();
    expect(await view.byTestId('waterfall-row').count()).toBe(3);
    await ui.screenshot('issue5-timeline-dark');
    await location.click();
    await ui.tab(`pipelines/${THREE_STAGE_TRIGGER}/require-trusted.js`).waitFor();
  });

  it('re-runs from a step with edited input, then saves that run as a fixture', async () => {
    const { studio, ui, view } = await stepThrough('staff-completes');
    await view.steps().nth(2).click();
    // Escape in the input cancels the form, as in the dialogs.
    await view.byTestId('rerun-from-step').click();
    await view.byTestId('rerun-input').press('Escape');
    await view.byTestId('rerun-form').waitFor({ state: 'detached' });
    await view.byTestId('rerun-from-step').click();
    const input = view.byTestId('rerun-input');
    const edited = JSON.parse(await input.inputValue());
    expect(edited.context.trusted).toBe(true);
    edited.context.trusted = false;
    await input.fill('{ "user": ');
    await view.byTestId('rerun-submit').click();
    expect(await view.byTestId('rerun-error').textContent()).toMatch(/^The input is not valid JSON/);
    await input.fill(JSON.stringify(edited, null, 2));
    await view.byTestId('rerun-submit').click();
    await poll(() => view.steps().count()).toBe(1);
    expect(await view.currentStep()).toBe('require-trusted');
    expect(await view.byTestId('timeline-outcome').textContent()).toBe('deny');
    expect(await view.byTestId('history-row').count()).toBe(2);
    expect(await view.byTestId('history-row').first().textContent()).toContain('from require-trusted');

    await view.byTestId('run-save-fixture').click();
    await view.byTestId('save-run-dialog').waitFor();
    await view.byTestId('save-run-id').fill('staff-untrusted');
    await view.byTestId('save-run-submit').click();
    await view.byTestId('save-run-dialog').waitFor({ state: 'detached' });
    const saved = JSON.parse(
      await readFile(
        join(studio.workspace ?? '', 'fixtures', THREE_STAGE_TRIGGER, 'staff-untrusted.json'),
        'utf8',
      ),
    );
    expect(saved.context.trusted).toBe(false);
    expect(saved.user.email).toBe('ana@example.com');
    expect(saved.expect).toEqual({
      outcome: 'deny',
      error: 'Only trusted addresses may complete their profile.',
    });

    // The older run is still there to reopen.
    await view.byTestId('history-row').nth(1).click();
    await poll(() => view.steps().count()).toBe(3);
    await ui.screenshot('issue5-timeline-history');
  });

  it('shows the HTTP exchanges and management calls of a step', async () => {
    const { ui } = await openStudio({ viewport: { width: 1360, height: 900 } });
    const view = new PipelinePage(ui.page);
    await view.openPipeline('POST_REGISTER');
    await view.fixture('staff-joins-group').click();
    await view.byTestId('fixture-step-through').click();
    await view.timeline().waitFor();
    expect(await view.currentStep()).toBe('add-to-group-by-domain');
    await view.byTestId('step-tab-http').click();
    expect(await view.byTestId('step-http').textContent()).toContain('groups.addUsers');
    await view.steps().nth(1).click();
    expect(await view.currentStep()).toBe('slack-notify');
    expect(await view.steps().nth(1).getByTestId('badge-HTTP').textContent()).toBe('HTTP 1');
    await view.byTestId('step-tab-http').click();
    const http = await view.byTestId('step-http').textContent();
    expect(http).toContain('POST');
    expect(http).toContain('https://hooks.slack.com/services/T000/B000/XXXX');
    await ui.screenshot('issue5-timeline-http');
  });
});
