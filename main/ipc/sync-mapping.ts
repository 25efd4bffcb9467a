/**
 * Turns main/sync's results into the contract's plain data (shared/ipc/sync-types.ts), and its
 * errors into `CallError`s a person can act on.
 */
import type { SyncConflict, SyncItem, SyncStatus } from '../../shared/ipc/sync-types.ts';
import type { WorkspaceSnapshot } from '../../shared/ipc/workspace-types.ts';
import { TRIGGERS, type Trigger } from '../../shared/triggers.ts';
import type { Conflict } from '../sync/conflicts.ts';
import type { ItemStatus } from '../sync/status.ts';
import { StoreRequestError, StoreUnreachableError } from '../sync/store-client.ts';
import { SyncError } from '../sync/workspace-content.ts';
import { CallError } from './call-error.ts';

/** The brief's words for a server that does not answer: nothing is lost. */
export const OFFLINE_NOTE = 'offline: your edits are kept; push when the server is reachable again';

const asTrigger = (value: string | undefined): Trigger | undefined => TRIGGERS.find((t) => t === value);

/** Where an item lives in the workspace, so the view can open it. */
export function toSyncItem(item: ItemStatus, snapshot: WorkspaceSnapshot): SyncItem {
  const trigger = asTrigger(item.trigger);
  const folder = `pipelines/${item.trigger ?? ''}`;
  let relPath: string;
  switch (item.kind) {
    case 'stage': {
      const stage = snapshot.pipelines
        .find((p) => p.trigger === trigger)
        ?.stages.find((s) => s.name === item.name);
      relPath = stage?.relPath ?? `${folder}/pipeline.json`;
      break;
    }
    case 'order':
      relPath = `${folder}/pipeline.json`;
      break;
    case 'fixture':
      relPath = `fixtures/${item.trigger ?? ''}/${item.name}.json`;
      break;
    case 'env':
      relPath = 'env.json';
      break;
  }
  return { kind: item.kind, ...(trigger ? { trigger } : {}), name: item.name, relPath, state: item.state };
}

const asText = (value: unknown): string | null =>
  value === undefined ? null : typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`;

/** Code conflicts stay text; every other kind is shown and edited as formatted JSON. */
export function toSyncConflict(conflict: Conflict): SyncConflict {
  const code = conflict.kind === 'code';
  const local = code ? ((conflict.local as string | undefined) ?? null) : asText(conflict.local);
  const remote = code ? ((conflict.remote as string | undefined) ?? null) : asText(conflict.remote);
  const base = code ? ((conflict.base as string | undefined) ?? null) : asText(conflict.base);
  return {
    id: conflict.id,
    kind: conflict.kind,
    relPath: conflict.file,
    title: conflict.title,
    language: code ? 'javascript' : 'json',
    base,
    local,
    remote,
    merged: conflict.merged ?? local ?? remote ?? '',
  };
}

/** The status when no remote can be asked (none named, no key, key refused, offline). */
export function detachedStatus(
  partial: Pick<SyncStatus, 'remote' | 'connection' | 'message'> & Partial<SyncStatus>,
): SyncStatus {
  return {
    overall: partial.connection,
    baseRevision: null,
    headRevision: null,
    publishedVersion: null,
    items: [],
    conflicts: [],
    checkedAt: new Date().toISOString(),
    ...partial,
  };
}

/** Maps an error of main/sync to what the renderer shows; anything else is rethrown. */
export function toCallError(error: unknown, doing: string): unknown {
  if (error instanceof StoreUnreachableError) {
    return new CallError('unavailable', `${doing} failed — ${OFFLINE_NOTE}. ${capitalise(error.message)}.`);
  }
  if (error instanceof StoreRequestError) {
    if (error.status === 401 || error.status === 403) {
      return new CallError(
        'forbidden',
        `${doing} failed: ${error.message.replace(/set the workspace's REMOTE_KEY secret to a valid key/, 'enter a valid admin key in the Sync view (Change remote or key)')}.`,
      );
    }
    return new CallError(
      error.status >= 500 ? 'unavailable' : 'conflict',
      `${doing} failed: ${error.message}.`,
    );
  }
  if (error instanceof SyncError) return new CallError('conflict', `${doing} failed: ${error.message}.`);
  return error;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
