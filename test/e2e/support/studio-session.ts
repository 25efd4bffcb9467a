import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { CodeEditorPage } from '../pages/code-editor-page.ts';
import { StudioPage } from '../pages/studio-page.ts';
import {
  ensureRendererBuilt,
  launchChromium,
  SCREENSHOTS,
  type StudioHost,
  startStudioHost,
} from './studio-host.ts';

export interface OpenedStudio {
  studio: StudioHost;
  ui: StudioPage;
  editor: CodeEditorPage;
}

/**
 * Registers the hooks of an e2e file: one Chromium for the file, and for each test its own web
 * host, workspace copy, user-data folder and browser context, all closed after the test.
 */
export interface OpenStudioOptions {
  workspace?: 'example' | 'none';
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Runs on the workspace copy before the page loads it (e.g. to seed files). */
  prepare?: (workspace: string) => Promise<void>;
}

export function setUpStudio(): (options?: OpenStudioOptions) => Promise<OpenedStudio> {
  let browser: Browser | undefined;
  let studio: StudioHost | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    await ensureRendererBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  }, 120_000);

  afterEach(async ({ task }) => {
    // A failing test leaves a picture of what the page showed, beside the other screenshots.
    if (task.result?.state === 'fail' && context) {
      const page = context.pages()[0];
      const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      await page?.screenshot({ path: join(SCREENSHOTS, `failed-${name}.png`) }).catch((error: unknown) => {
        console.warn(`Could not save the failure screenshot: ${String(error)}`);
      });
    }
    await context?.close();
    await studio?.close();
    context = undefined;
    studio = undefined;
  });

  afterAll(async () => {
    await browser?.close();
  });

  return async (options = {}) => {
    if (!browser) throw new Error('setUpStudio(): the browser did not start (see beforeAll).');
    studio = await startStudioHost({ workspace: options.workspace ?? 'example' });
    await options.prepare?.(studio.workspace ?? '');
    context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 800 },
      colorScheme: options.colorScheme ?? 'light',
    });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    const ui = new StudioPage(page);
    await ui.goto(studio.host.url, options.workspace === 'none' ? 'idle' : 'loaded');
    return { studio, ui, editor: new CodeEditorPage(page) };
  };
}
