import type { Locator, Page } from 'playwright-core';

/** The Monaco editor of the active file tab. */
export class CodeEditorPage {
  readonly page: Page;
  readonly root: Locator;

  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('code-editor');
  }

  /** Waits until Monaco has loaded and shows `relPath`. */
  async waitForFile(relPath: string): Promise<void> {
    await this.page
      .locator(`[data-testid="code-editor"][data-file="${relPath}"][data-editor-state="ready"]`)
      .waitFor();
    await this.root.locator('.view-lines').waitFor();
  }

  /**
   * Replaces the whole text as a paste, so Monaco's auto-closing brackets and auto-indent (which
   * act on typed keys) leave it exactly as given.
   */
  async replaceText(text: string): Promise<void> {
    await this.root.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.paste(text);
    await this.waitForText(text);
  }

  /** Waits until the editor shows the last non-blank line of `text` (a paste lands asynchronously). */
  private async waitForText(text: string): Promise<void> {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const last = lines[lines.length - 1]?.trim();
    if (last === undefined) return;
    const deadline = Date.now() + 10_000;
    while (!(await this.visibleText()).includes(last)) {
      if (Date.now() > deadline)
        throw new Error(`the editor never showed the pasted line ${JSON.stringify(last)}`);
      await this.page.waitForTimeout(50);
    }
  }

  private async paste(text: string): Promise<void> {
    // Monaco's input is a textarea or, where Chromium has EditContext, a focused div: the active element.
    // (A string, because the tests compile without the DOM library.)
    await this.page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ${JSON.stringify(text)});
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
  }

  /** Puts the cursor at the end of the text and types there. */
  async appendText(text: string): Promise<void> {
    await this.root.locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+End');
    await this.paste(text);
    await this.waitForText(text);
  }

  /**
   * Opens the suggestions at the cursor until a row with `label` shows. The TypeScript worker
   * answers only once it has read the pipeline types, so on a busy machine the first list may be
   * the plain word list; asking again is what a person would do too.
   */
  async suggestionRow(label: string, attempts = 4): Promise<Locator> {
    const row = this.page.locator('.suggest-widget .monaco-list-row', { hasText: label }).first();
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+Space');
      try {
        await row.waitFor({ timeout: 8_000 });
        return row;
      } catch (error) {
        if (attempt >= attempts) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+S');
  }

  /** The visible text of the editor's lines, joined (Monaco renders spaces as nbsp). */
  async visibleText(): Promise<string> {
    const text = await this.root.locator('.view-lines').textContent();
    return (text ?? '').replace(/\u00a0/g, ' ');
  }

  /** Error squiggles Monaco draws for its markers. */
  errorSquiggles(): Locator {
    return this.root.locator('.squiggly-error');
  }
}
