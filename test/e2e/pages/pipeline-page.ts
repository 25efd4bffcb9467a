import type { Locator, Page } from 'playwright-core';

/** The issue-5 views as a test sees them: pipelines side view, stage canvas, fixtures, timeline. */
export class PipelinePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  /** Opens a trigger's canvas from the Pipelines side view. */
  async openPipeline(trigger: string): Promise<void> {
    const activity = this.byTestId('activity-pipelines');
    if ((await activity.getAttribute('aria-pressed')) !== 'true') await activity.click();
    await this.byTestId(`pipeline-open-${trigger}`).click();
    await this.page.locator(`[data-testid="pipeline-view"][data-trigger="${trigger}"]`).waitFor();
  }

  stageCards(): Locator {
    return this.byTestId('stage-card');
  }

  stage(name: string): Locator {
    return this.page.locator(`[data-testid="stage-card"][data-stage="${name}"]`);
  }

  /** The stage names in lane order. */
  async stageOrder(): Promise<string[]> {
    return this.stageCards().evaluateAll((cards) => cards.map((c) => c.getAttribute('data-stage') ?? ''));
  }

  fixture(id: string): Locator {
    return this.page.locator(`[data-testid="fixture-row"][data-fixture-id="${id}"]`);
  }

  async verdict(id: string): Promise<string | null> {
    return this.fixture(id).getAttribute('data-verdict');
  }

  async outcome(id: string): Promise<string | null> {
    return this.fixture(id).getAttribute('data-outcome');
  }

  fixtureChange(id: string): Locator {
    return this.fixture(id).getByTestId('fixture-change');
  }

  /** Clicks Run all and waits until the progress bar reports the finished run. */
  async runAll(): Promise<void> {
    await this.byTestId('run-all').click();
    await this.page.locator('[data-testid="run-progress"][data-state="done"]').waitFor();
  }

  async counts(): Promise<{ pass: string | null; fail: string | null; never: string | null }> {
    return {
      pass: await this.byTestId('count-pass').textContent(),
      fail: await this.byTestId('count-fail').textContent(),
      never: await this.byTestId('count-never').textContent(),
    };
  }

  timeline(): Locator {
    return this.byTestId('run-timeline');
  }

  steps(): Locator {
    return this.byTestId('timeline-step');
  }

  async currentStep(): Promise<string | null> {
    return this.page.locator('[data-testid="timeline-step"][aria-current="step"]').getAttribute('data-stage');
  }
}
