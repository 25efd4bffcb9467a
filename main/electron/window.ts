/**
 * The studio window, locked down as Electron's security checklist asks: isolated, sandboxed,
 * no Node in the page, no new windows, no navigation away; http(s) links open in the browser.
 */
import { join } from 'node:path';
import { BrowserWindow, shell } from 'electron';
import { APP_URL, isAppUrl } from './app-url.ts';

const CLIPBOARD: ReadonlySet<string> = new Set(['clipboard-read', 'clipboard-sanitized-write']);

export interface WindowOptions {
  preloadPath: string;
  /** Dev tools are for development builds only. */
  devTools: boolean;
}

/** Opens http(s) URLs in the system browser; anything else (file:, javascript:, custom schemes) is dropped. */
export function openExternalSafely(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    console.warn(`[electron] not opening "${url}": not a URL`);
    return;
  }
  if (protocol === 'https:' || protocol === 'http:') {
    void shell.openExternal(url);
  } else {
    console.warn(`[electron] not opening "${url}": only http(s) links open outside the studio`);
  }
}

export function createStudioWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Pipeline Studio',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.devTools,
    },
  });
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url) && url.split('#')[0] === APP_URL) return;
    event.preventDefault();
    openExternalSafely(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Only the clipboard (Monaco's copy and paste), and only for our own page; everything else is refused.
  contents.session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(CLIPBOARD.has(permission) && isAppUrl(details.requestingUrl)),
  );
  contents.session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) => CLIPBOARD.has(permission) && isAppUrl(requestingOrigin),
  );
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}

/** Where the bundled preload sits beside the bundled main (scripts/build-electron.ts). */
export function preloadPathBeside(mainDir: string): string {
  return join(mainDir, 'preload.cjs');
}
