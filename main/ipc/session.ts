/**
 * The host's one open workspace: opening and creating it, its watcher (outside changes become
 * `workspace.changed` events), and the recent list. Handlers reach the workspace through here,
 * so "no workspace open" is refused in one place.
 */
import { resolve } from 'node:path';
import type { WorkspaceSnapshot } from '../../shared/ipc/workspace-types.ts';
import {
  createWorkspace,
  openWorkspace,
  type TemplateCatalog,
  type Workspace,
  type WorkspaceWatcher,
} from '../workspace/index.ts';
import type { SecretStore } from '../workspace/types.ts';
import { CallError } from './call-error.ts';
import type { EventHub } from './event-hub.ts';
import type { RecentWorkspaces } from './recent-workspaces.ts';

export interface SessionOptions {
  events: EventHub;
  recent: RecentWorkspaces;
  /** Where a workspace's secret values live (the OS key store on the desktop). */
  secretStoreFor(root: string): SecretStore;
  templates?: TemplateCatalog;
  /** Quiet time before outside changes are reported; default the watcher's own. */
  watchDebounceMs?: number;
}

export interface Session {
  /** The open workspace, or a `no-workspace` refusal a person can act on. */
  current(): Workspace;
  readonly root: string | null;
  open(path: string): Promise<WorkspaceSnapshot>;
  create(path: string, name: string): Promise<WorkspaceSnapshot>;
  snapshot(): Promise<WorkspaceSnapshot>;
  close(): Promise<void>;
}

export function createSession(options: SessionOptions): Session {
  let workspace: Workspace | null = null;
  let watcher: WorkspaceWatcher | null = null;

  async function adopt(next: Workspace): Promise<WorkspaceSnapshot> {
    await watcher?.close();
    watcher = null;
    workspace = next;
    const snapshot = await next.read();
    watcher = await next.watch(
      (changes) => {
        if (workspace !== next) return;
        next.read().then(
          (fresh) => options.events.emit('workspace.changed', { changes, snapshot: fresh }),
          (error: unknown) =>
            options.events.emit('app.error', {
              code: 'internal',
              message: `Files changed outside the studio but the workspace could not be re-read: ${(error as Error).message}`,
            }),
        );
      },
      {
        ...(options.watchDebounceMs === undefined ? {} : { debounceMs: options.watchDebounceMs }),
        onError: (error) =>
          options.events.emit('app.error', {
            code: 'unavailable',
            message: `The studio stopped noticing outside changes (${error.message}); reopen the workspace to retry.`,
          }),
      },
    );
    await options.recent.remember(next.root, snapshot.studio.name);
    return snapshot;
  }

  const openOptions = (root: string) => ({
    secrets: options.secretStoreFor(root),
    ...(options.templates === undefined ? {} : { templates: options.templates }),
  });

  return {
    current() {
      if (workspace === null) {
        throw new CallError('no-workspace', 'No workspace is open; open or create one first.');
      }
      return workspace;
    },
    get root() {
      return workspace?.root ?? null;
    },
    async open(path) {
      const root = resolve(path);
      return adopt(await openWorkspace(root, openOptions(root)));
    },
    async create(path, name) {
      const root = resolve(path);
      return adopt(await createWorkspace(root, { ...openOptions(root), name }));
    },
    snapshot() {
      return this.current().read();
    },
    async close() {
      await watcher?.close();
      watcher = null;
      workspace = null;
    },
  };
}
