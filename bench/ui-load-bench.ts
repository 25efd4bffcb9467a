/**
 * The studio's cold load (issue 4): the web host serving the built renderer with the example
 * workspace, loaded in Chromium with an empty cache several times. Prints the time to
 * `[data-app-state="loaded"]` and the JavaScript loaded before that point (gzip-compressed),
 * against the targets: ready within 1.5 s, initial JS under 400 KB gzip (Monaco loads lazily).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { EXAMPLE_WORKSPACE, ensureRendererBuilt } from '../main/web/start.ts';
import { startWebHost } from '../main/web/start-web-host.ts';
import { formatNumber, formatTable, percentile, printSection } from './helpers.ts';

const RUNS = 5;
const TARGET_READY_MS = 1500;
const TARGET_INITIAL_JS_KB = 400;
/** Runs in the page before its scripts (text, since this file is compiled without DOM types). */
const RECORD_READY_SCRIPT = `
  const observer = new MutationObserver(() => {
    if (window.__readyAt === undefined && document.querySelector('[data-app-state="loaded"]')) {
      window.__readyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
`;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
];

interface LoadSample {
  readyMs: number;
  scripts: { url: string; bytes: number; gzipBytes: number }[];
}

/** One cold load in a fresh context (empty cache): ready time from navigation start, scripts fetched by then. */
async function coldLoad(browser: Browser, url: string): Promise<LoadSample> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // Records the moment the attribute appears, in the page's own clock (ms since navigation start).
    await page.addInitScript({ content: RECORD_READY_SCRIPT });
    let ready = false;
    const pending: Promise<LoadSample['scripts'][number] | undefined>[] = [];
    page.on('response', (response) => {
      if (ready) return;
      const type = response.request().resourceType();
      const isScript = type === 'script' || /\.m?js(\?|$)/.test(response.url());
      if (!isScript) return;
      pending.push(
        response.body().then(
          (body) => ({ url: response.url(), bytes: body.length, gzipBytes: gzipSync(body).length }),
          () => undefined,
        ),
      );
    });
    await page.goto(url);
    await page.waitForSelector('[data-app-state="loaded"]', { timeout: 30_000 });
    ready = true;
    const readyMs = await page.evaluate(
      () => (globalThis as unknown as { __readyAt?: number }).__readyAt ?? NaN,
    );
    const scripts = (await Promise.all(pending)).filter((s) => s !== undefined);
    return { readyMs, scripts };
  } finally {
    await context.close();
  }
}

function shortName(url: string): string {
  return new URL(url).pathname.replace(/^\/assets\//, '');
}

export async function run(): Promise<void> {
  printSection('UI cold load (web host, Chromium)');
  ensureRendererBuilt();
  const dir = await mkdtemp(join(tmpdir(), 'studio-ui-bench-'));
  const workspace = join(dir, 'workspace');
  await cp(EXAMPLE_WORKSPACE, workspace, { recursive: true });
  const host = await startWebHost({ workspace, userDataDir: join(dir, 'user-data') });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const samples: LoadSample[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await coldLoad(browser, host.url));
    const ready = samples.map((s) => s.readyMs);
    const first = samples[0];
    if (first === undefined) throw new Error('no load was measured');
    const initialGzip = first.scripts.reduce((sum, s) => sum + s.gzipBytes, 0) / 1024;
    const initialRaw = first.scripts.reduce((sum, s) => sum + s.bytes, 0) / 1024;
    const medianReady = percentile(ready, 50);
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    process.stdout.write(
      `${formatTable(
        ['measure', 'value', 'target', 'status'],
        [
          [
            `ready, median of ${RUNS} (ms)`,
            formatNumber(medianReady),
            `≤ ${TARGET_READY_MS}`,
            verdict(medianReady <= TARGET_READY_MS),
          ],
          ['ready, fastest (ms)', formatNumber(Math.min(...ready)), '', ''],
          ['ready, slowest (ms)', formatNumber(Math.max(...ready)), '', ''],
          [
            'initial JS, gzip (KB)',
            formatNumber(initialGzip),
            `≤ ${TARGET_INITIAL_JS_KB}`,
            verdict(initialGzip <= TARGET_INITIAL_JS_KB),
          ],
          ['initial JS, raw (KB)', formatNumber(initialRaw), '', ''],
          ['scripts before ready', String(first.scripts.length), '', ''],
        ],
      )}\n`,
    );
    const largest = [...first.scripts].sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 5);
    process.stdout.write(
      `largest initial scripts (gzip KB): ${largest.map((s) => `${shortName(s.url)} ${formatNumber(s.gzipBytes / 1024)}`).join(', ')}\n`,
    );
    const monaco = first.scripts.filter((s) => /monaco|editor\.main|editor\.api/i.test(shortName(s.url)));
    process.stdout.write(
      monaco.length === 0
        ? 'Monaco: not among the initial scripts (loaded lazily)\n'
        : `Monaco: loaded before ready (${monaco.map((s) => shortName(s.url)).join(', ')})\n`,
    );
  } finally {
    await browser.close();
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
}
