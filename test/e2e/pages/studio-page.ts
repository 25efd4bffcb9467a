import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOTS } from '../support/studio-host.ts';

/** The studio shell as a test sees it: readiness, explorer, tabs, panels, dialogs. */
export class StudioPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  async goto(url: string, state: 'loaded' | 'idle' = 'loaded'): Promise<void> {
    await this.page.goto(url);
    await this.waitForState(state);
  }

  async waitForState(state: 'loaded' | 'idle' | 'error'): Promise<void> {
    await this.page.locator(`[data-testid="app"][data-app-state="${state}"]`).waitFor();
  }

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  activity(view: 'explorer' | 'templates' | 'env' | 'secrets'): Locator {
    return this.byTestId(`activity-${view}`);
  }

  async showView(view: 'explorer' | 'templates' | 'env' | 'secrets'): Promise<void> {
    if ((await this.activity(view).getAttribute('aria-pressed')) !== 'true')
      await this.activity(view).click();
    await this.byTestId(`side-view-${view}`).waitFor();
  }

  treeStage(trigger: string, name: string): Locator {
    return this.byTestId(`tree-stage-${trigger}-${name}`);
  }

  treeFile(relPath: string): Locator {
    return this.page.locator(`[role="treeitem"][data-path="${relPath}"]`);
  }

  tab(relPath: string): Locator {
    return this.page.locator(`[data-testid="editor-tab"][data-tab-id="${relPath}"]`);
  }

  problemRows(): Locator {
    return this.byTestId('problem-row');
  }

  notices(): Locator {
    return this.byTestId('notice');
  }

  /** Saves a PNG of the whole window under artifacts/screenshots/ for people to look at. */
  async screenshot(name: string): Promise<void> {
    await mkdir(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
}
