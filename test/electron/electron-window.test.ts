/**
 * The desktop window's security settings and a smoke run, through Playwright's `_electron`.
 * They need the Electron binary; where it was never downloaded they are skipped, saying why.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../main/electron/electron-binary.ts';
import { createWorkspace } from '../../main/workspace/index.ts';
import { buildElectron } from '../../scripts/build-electron.ts';

const electron = findElectronBinary();
const reason = 'missing' in electron ? electron.missing : '';
if (reason !== '') console.log(`[test/electron] skipped: ${reason}. Install Electron's binary to run them.`);

describe.skipIf(reason !== '')(`Electron window${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let dir: string;
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    if (!('path' in electron)) return;
    dir = await mkdtemp(join(tmpdir(), 'studio-electron-'));
    const workspace = join(dir, 'ws');
    await createWorkspace(workspace, { name: 'Electron test' });
    await buildElectron();
    app = await _electron.launch({
      executablePath: electron.path,
      args: [join(import.meta.dirname, '..', '..', 'dist', 'electron', 'main.mjs'), workspace],
      env: { ...process.env, PIPELINE_STUDIO_USER_DATA: join(dir, 'user-data') },
    });
    page = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('isolates and sandboxes the page, without Node', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const window = BrowserWindow.getAllWindows()[0];
      // Not in Electron's typings, but present at runtime: the preferences the page was created with.
      const contents = window?.webContents as unknown as {
        getLastWebPreferences(): { contextIsolation?: boolean; sandbox?: boolean; nodeIntegration?: boolean };
      };
      const p = contents.getLastWebPreferences();
      return {
        contextIsolation: p?.contextIsolation,
        sandbox: p?.sandbox,
        nodeIntegration: p?.nodeIntegration,
      };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    // The isolated page sees the bridge's methods, never ipcRenderer itself.
    expect(await page.evaluate(() => 'ipcRenderer' in globalThis)).toBe(false);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  });

  it('serves the page with a strict Content-Security-Policy', async () => {
    const csp = await app.evaluate(async ({ net }) => {
      const response = await net.fetch('app://studio/index.html');
      return response.headers.get('content-security-policy');
    });
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('denies window.open', async () => {
    const opened = await page.evaluate(
      () => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/') === null,
    );
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  it('blocks navigation away from the app', async () => {
    const before = page.url();
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    // A second round trip: the page is still ours and still answers.
    expect(
      await page.evaluate(() => (globalThis as unknown as { location: { href: string } }).location.href),
    ).toBe(before);
    expect(page.url()).toBe(before);
    expect(before.startsWith('app://studio/')).toBe(true);
  });

  it('loads the studio and answers calls through the preload', async () => {
    await page.waitForSelector('[data-app-state="loaded"]');
    const info = await page.evaluate(() =>
      (globalThis as unknown as { studio: { api: { 'app.info'(): Promise<{ host: string }> } } }).studio.api[
        'app.info'
      ](),
    );
    expect(info.host).toBe('electron');
  });
});
