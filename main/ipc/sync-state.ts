/**
 * What the sync handlers keep between calls for the open workspace: conflicts waiting for a
 * choice, the choices so far, and the last passed review. Reset when another workspace opens.
 */
import type { SyncStatus } from '../../shared/ipc/sync-types.ts';
import type { Conflict, Resolutions } from '../sync/conflicts.ts';
import { StoreRequestError } from '../sync/store-client.ts';
import { openSync, REMOTE_KEY_SECRET, type SyncService } from '../sync/sync-service.ts';
import { SyncError } from '../sync/workspace-content.ts';
import { CallError } from './call-error.ts';
import type { EventHub } from './event-hub.ts';
import type { Session } from './session.ts';
import { detachedStatus, OFFLINE_NOTE, toSyncConflict, toSyncItem } from './sync-mapping.ts';

export interface PendingSync {
  conflicts: Conflict[];
  resolutions: Resolutions;
  review: { draftHash: string; passed: boolean } | undefined;
}

export interface SyncState {
  /** The sync service of the open workspace; refuses with a clear message without remote or key. */
  open(): Promise<SyncService>;
  pending(): PendingSync;
  /** Forgets conflicts and choices (the remote changed). */
  reset(): void;
  /** Asks the remote, emits `sync.changed`, and answers the status. Offline is a status, not an error. */
  publishStatus(): Promise<SyncStatus>;
}

export function createSyncState(deps: {
  session: Session;
  events: EventHub;
  fetch?: typeof fetch;
}): SyncState {
  let root: string | null = null;
  let pending: PendingSync = { conflicts: [], resolutions: {}, review: undefined };

  const pendingFor = (): PendingSync => {
    const current = deps.session.current().root;
    if (current !== root) {
      root = current;
      pending = { conflicts: [], resolutions: {}, review: undefined };
    }
    return pending;
  };

  async function open(): Promise<SyncService> {
    const workspace = deps.session.current();
    try {
      return await openSync(workspace.root, { workspace, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
    } catch (error) {
      if (error instanceof SyncError) {
        throw new CallError('unavailable', `${error.message}. Connect the remote in the Sync view.`);
      }
      throw error;
    }
  }

  async function status(): Promise<SyncStatus> {
    const ws = deps.session.current();
    const snapshot = await ws.read();
    const named = snapshot.studio.remote;
    if (!named) {
      return detachedStatus({ remote: null, connection: 'unconfigured', message: null });
    }
    const hasKey = (await ws.secretStore.get(REMOTE_KEY_SECRET)) !== undefined;
    const remote = { ...named, hasKey };
    if (!hasKey) {
      return detachedStatus({
        remote,
        connection: 'unauthorized',
        message: `No API key is stored for ${named.url}; enter an admin key of ${named.tenant}.`,
      });
    }
    const waiting = pendingFor().conflicts;
    try {
      const sync = await open();
      const result = await sync.status();
      const who = result.reachable ? await sync.client.whoami() : undefined;
      const items = result.items.map((item) => toSyncItem(item, snapshot));
      const conflicts = waiting.map(toSyncConflict);
      return {
        remote,
        connection: result.reachable ? 'online' : 'offline',
        overall: conflicts.length > 0 ? 'conflicted' : result.reachable ? result.state : 'offline',
        baseRevision: result.baseRevision === 0 ? null : result.baseRevision,
        headRevision: result.remoteRevision ?? null,
        publishedVersion: who?.publishedVersion ?? null,
        items,
        conflicts,
        message: result.reachable ? null : `${OFFLINE_NOTE}. (${result.unreachableReason ?? 'no answer'})`,
        checkedAt: new Date().toISOString(),
      };
    } catch (error) {
      if (error instanceof StoreRequestError || error instanceof SyncError) {
        return detachedStatus({ remote, connection: 'unauthorized', message: error.message });
      }
      if (error instanceof CallError) {
        return detachedStatus({ remote, connection: 'unauthorized', message: error.message });
      }
      throw error;
    }
  }

  return {
    open,
    pending: pendingFor,
    reset() {
      pending = { conflicts: [], resolutions: {}, review: undefined };
    },
    async publishStatus() {
      const next = await status();
      deps.events.emit('sync.changed', next);
      return next;
    },
  };
}
