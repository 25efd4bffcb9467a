/**
 * The desktop app's main process: one instance, one locked-down window, the services behind the
 * typed IPC, the OS key store for secrets. Bundled by scripts/build-electron.ts (Electron does
 * not strip TypeScript types) and started with `electron dist/electron/main.mjs [WORKSPACE]`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, type BrowserWindow, dialog, Menu } from 'electron';
import { eventChannel } from '../../shared/ipc/channels.ts';
import type { EventPayloads } from '../../shared/ipc/contract.ts';
import { createExecutor } from '../executor/index.ts';
import { createServices, type StudioServices } from '../ipc/create-services.ts';
import { createRecentWorkspaces } from '../ipc/recent-workspaces.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { bridgeIpc } from './ipc-bridge.ts';
import { buildMenu } from './menu.ts';
import { appPaths } from './paths.ts';
import { createSafeStorageSecretStore } from './safe-storage-secrets.ts';
import { createStudioWindow } from './window.ts';

// Tests and portable setups point userData elsewhere; it must be set before the app is ready.
const userDataOverride = process.env.PIPELINE_STUDIO_USER_DATA;
if (userDataOverride) app.setPath('userData', resolve(userDataOverride));

registerAppScheme();

const paths = appPaths(import.meta.dirname, app.isPackaged, process.resourcesPath);
const devTools = !app.isPackaged;
let window: BrowserWindow | null = null;
let services: StudioServices | null = null;

/** The workspace named on the command line: the first argument that is an existing folder. */
function workspaceFromArgs(argv: readonly string[]): string | undefined {
  return argv
    .slice(app.isPackaged ? 1 : 2)
    .filter((arg) => !arg.startsWith('-'))
    .map((arg) => resolve(arg))
    .find((path) => existsSync(join(path, 'studio.json')));
}

async function refreshMenu(userDataDir: string): Promise<void> {
  const recent = await createRecentWorkspaces(userDataDir).list();
  Menu.setApplicationMenu(buildMenu({ window: () => window, recent, devTools }));
}

async function pickFolder(): Promise<string | null> {
  const options = {
    title: 'Open a workspace folder',
    properties: ['openDirectory', 'createDirectory'] as const,
  };
  const result =
    window === null
      ? await dialog.showOpenDialog({ ...options, properties: [...options.properties] })
      : await dialog.showOpenDialog(window, { ...options, properties: [...options.properties] });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function start(): Promise<void> {
  const userDataDir = app.getPath('userData');
  serveRenderer(paths.rendererDir);
  const executor = createExecutor({ nodeBinary: paths.nodeBinary, hostEntry: paths.sandboxEntry });
  services = createServices({
    host: 'electron',
    version: app.getVersion(),
    executor,
    userDataDir,
    secretStoreFor: (root) => createSafeStorageSecretStore(userDataDir, root),
    pickFolder,
  });
  const opened = services;
  // Opening or creating a workspace changes the recent list: rebuild the menu after those calls.
  bridgeIpc({
    ...opened,
    async handleCall(name, args) {
      const outcome = await opened.handleCall(name, args);
      if (outcome.ok && (name === 'workspace.open' || name === 'workspace.create'))
        void refreshMenu(userDataDir);
      return outcome;
    },
  });
  const initial =
    workspaceFromArgs(process.argv) ?? (await createRecentWorkspaces(userDataDir).list())[0]?.path;
  if (initial !== undefined) {
    await services.openWorkspace(initial).catch((error: unknown) => {
      console.warn(`[electron] could not open ${initial}: ${(error as Error).message}`);
    });
  }
  await refreshMenu(userDataDir);
  window = createStudioWindow({ preloadPath: paths.preload, devTools });
  window.on('closed', () => {
    window = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch (`pipeline-studio ./other-workspace`) focuses this window and asks it to open that folder.
  app.on('second-instance', (_event, argv) => {
    if (window === null) return;
    if (window.isMinimized()) window.restore();
    window.focus();
    const path = workspaceFromArgs(argv);
    if (path !== undefined) {
      const payload: EventPayloads['menu.command'] = { command: 'open-recent', path };
      window.webContents.send(eventChannel('menu.command'), payload);
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (services === null) return;
    const closing = services;
    services = null;
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Pipeline Studio could not start', (error as Error).message);
      app.exit(1);
    });
}
