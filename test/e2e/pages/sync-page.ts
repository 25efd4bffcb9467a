import type { Locator, Page } from 'playwright-core';

/** The Sync side view, its publish and rollback dialogs, and the merge view, as a test sees them. */
export class SyncPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async open(): Promise<void> {
    const button = this.byTestId('activity-sync');
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
    await this.byTestId('sync-view').waitFor();
  }

  /** Waits until the view shows this overall state (`clean`, `ahead`, `behind`, `offline`, ...). */
  async waitForOverall(state: string): Promise<void> {
    await this.page.locator(`[data-testid="sync-view"][data-sync-state="${state}"]`).waitFor();
  }

  async connect(url: string, tenant: string, apiKey: string): Promise<void> {
    await this.byTestId('sync-url-input').fill(url);
    await this.byTestId('sync-tenant-input').fill(tenant);
    await this.byTestId('sync-key-input').fill(apiKey);
    await this.byTestId('sync-connect').click();
    await this.byTestId('sync-remote').waitFor();
  }

  /** The badge of one stage (or other item) in the status list. */
  itemState(group: string, name: string): Locator {
    return this.page.locator(`[data-testid="sync-item-${group}-${name}"]`);
  }

  async pull(): Promise<void> {
    await this.byTestId('sync-pull').click();
  }

  async push(): Promise<void> {
    await this.byTestId('sync-push').click();
  }

  /** Waits until no sync action is running (the buttons are enabled again). */
  async waitIdle(): Promise<void> {
    await this.page.locator('[data-testid="sync-pull"]:not([disabled])').waitFor();
  }

  summary(): Locator {
    return this.byTestId('sync-summary');
  }

  error(): Locator {
    return this.byTestId('sync-error');
  }

  /** Clicks Publish and waits for the gate: the review, or the list of what blocks it. */
  async startPublish(): Promise<'review' | 'blocked'> {
    await this.byTestId('sync-publish').click();
    const review = this.byTestId('publish-review');
    const blocked = this.byTestId('gate-failures');
    await review.or(blocked).waitFor({ timeout: 60_000 });
    return (await review.isVisible()) ? 'review' : 'blocked';
  }

  async confirmPublish(note: string): Promise<number> {
    await this.byTestId('publish-note').fill(note);
    await this.byTestId('publish-confirm').click();
    const done = this.byTestId('publish-done');
    await done.waitFor({ timeout: 60_000 });
    return Number(await done.getAttribute('data-version'));
  }

  async closePublish(): Promise<void> {
    await this.byTestId('publish-close').click();
    await this.byTestId('publish-dialog').waitFor({ state: 'detached' });
  }

  mergeView(): Locator {
    return this.byTestId('merge-view');
  }

  /** Waits for Monaco in the merge view (diff and result editors). */
  async waitForMergeEditors(): Promise<void> {
    await this.page.locator('[data-merge-state="ready"]').waitFor();
    await this.byTestId('merge-diff').locator('.editor.original .view-lines').waitFor();
    await this.byTestId('merge-result').locator('.view-lines').waitFor();
    // The diff is computed in a worker: wait for its highlights before looking at it.
    await this.byTestId('merge-diff').locator('.char-insert, .line-insert').first().waitFor();
  }

  /** Replaces the result editor's text as a paste (typed keys would be auto-indented). */
  async setMergeResult(text: string): Promise<void> {
    const result = this.byTestId('merge-result');
    await result.locator('.view-lines').click({ position: { x: 8, y: 8 } });
    // The paste goes to the focused element: make sure it is this editor, not whatever had focus.
    await result.locator('.monaco-editor.focused').waitFor();
    await this.page.keyboard.press('ControlOrMeta+A');
    // The paste goes to whatever Monaco focused (its textarea, or its EditContext element).
    await this.page.evaluate((value) => {
      // Runs in the page; the test tsconfig has no DOM types, so what is used is named here.
      const dom = globalThis as unknown as {
        document: { activeElement: { dispatchEvent(event: unknown): boolean } | null };
        DataTransfer: new () => { setData(type: string, value: string): void };
        ClipboardEvent: new (type: string, init: object) => unknown;
      };
      const data = new dom.DataTransfer();
      data.setData('text/plain', value);
      dom.document.activeElement?.dispatchEvent(
        new dom.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, text);
  }

  statusBarItem(): Locator {
    return this.byTestId('status-sync');
  }
}
