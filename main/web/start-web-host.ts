/**
 * Starts the whole web host: services (workspace, executor, secrets under userData) behind the
 * token-guarded server. Used by `npm run web`, `npm start` without Electron, and Playwright.
 */
import { join } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { createExecutor } from '../executor/index.ts';
import { createServices } from '../ipc/create-services.ts';
import { createFileSecretStore, PLAIN_CODEC } from '../ipc/file-secret-store.ts';
import { defaultUserDataDir } from '../ipc/user-data-dir.ts';
import { type RunningWebServer, serveWeb } from './web-server.ts';

export interface WebHostOptions {
  /** A workspace folder to open at once; the page can open another. */
  workspace?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Recent workspaces and secret values go here; default the OS's per-user config folder. */
  userDataDir?: string;
  /** The built renderer; default dist/renderer. */
  rendererDir?: string;
  /** Quiet time before outside changes are pushed (tests shorten it). */
  watchDebounceMs?: number;
}

export type WebHost = RunningWebServer;

export async function startWebHost(options: WebHostOptions = {}): Promise<WebHost> {
  const userDataDir = options.userDataDir ?? defaultUserDataDir();
  const services = createServices({
    host: 'web',
    version: packageJson.version,
    executor: createExecutor(),
    userDataDir,
    // The web host has no OS key store; values stay in a user-only file under userData, never in the workspace.
    secretStoreFor: (root) =>
      createFileSecretStore({ dir: join(userDataDir, 'web'), workspaceRoot: root, codec: PLAIN_CODEC }),
    ...(options.watchDebounceMs === undefined ? {} : { watchDebounceMs: options.watchDebounceMs }),
  });
  try {
    if (options.workspace !== undefined) await services.openWorkspace(options.workspace);
    const server = await serveWeb({
      services,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.rendererDir === undefined ? {} : { rendererDir: options.rendererDir }),
    });
    return {
      ...server,
      async close() {
        await server.close();
        await services.close();
      },
    };
  } catch (error) {
    await services.close();
    throw error;
  }
}
