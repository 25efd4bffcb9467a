import { deepEqual } from '../../shared/expect-match.ts';
import type { Json } from '../../shared/schemas/json.ts';
import { emptyContent, type StoreContent } from '../../shared/store-api.ts';
import type { SecretStore } from '../workspace/index.ts';
import { openWorkspace, type Workspace } from '../workspace/index.ts';
import type { Conflict, Resolutions } from './conflicts.ts';
import { hasConflictMarkers } from './diff3.ts';
import { mergeContent } from './merge-content.ts';
import { compareContents, type ItemStatus, overallState, type SyncState } from './status.ts';
import { createStoreClient, type StoreClient, StoreUnreachableError } from './store-client.ts';
import {
  readLocalContent,
  readSyncBase,
  type SyncBase,
  SyncError,
  writeLocalContent,
  writeSyncBase,
} from './workspace-content.ts';

/** The secret holding the store's API key (CLI: env `PIPELINE_STUDIO_SECRET_REMOTE_KEY`). */
export const REMOTE_KEY_SECRET = 'REMOTE_KEY';

export interface SyncStatus {
  state: SyncState;
  /** `false` when the store could not be reached: `state` then only knows about local edits. */
  reachable: boolean;
  unreachableReason?: string;
  baseRevision: number;
  remoteRevision?: number;
  items: ItemStatus[];
}

export type SyncResult =
  | { status: 'ok'; revision: number; written: string[]; pushed: boolean }
  | { status: 'conflict'; conflicts: Conflict[]; remoteRevision: number };

export interface SyncService {
  readonly workspace: Workspace;
  readonly client: StoreClient;
  status(): Promise<SyncStatus>;
  /** Merges the store's head into the workspace. Writes nothing while a conflict is unresolved. */
  pull(options?: { resolutions?: Resolutions }): Promise<SyncResult>;
  /** Merges (if the store moved) and stores the result as a new revision. Nothing is written on conflict. */
  push(options?: { resolutions?: Resolutions }): Promise<SyncResult>;
  /** The local content, the base, and the store head: what publish and the UI need. */
  localContent(): Promise<StoreContent>;
}

export interface OpenSyncOptions {
  secrets?: SecretStore;
  fetch?: typeof fetch;
  workspace?: Workspace;
}

/** Opens sync for a workspace whose studio.json names a `remote`; the key comes from the secret store. */
export async function openSync(root: string, options: OpenSyncOptions = {}): Promise<SyncService> {
  const ws =
    options.workspace ?? (await openWorkspace(root, options.secrets ? { secrets: options.secrets } : {}));
  const snapshot = await ws.read();
  const remote = snapshot.studio.remote;
  if (!remote) {
    throw new SyncError(
      'studio.json names no remote: add "remote": { "url": "http://127.0.0.1:4100", "tenant": "<tenant>" } to it',
    );
  }
  const key = await ws.secretStore.get(REMOTE_KEY_SECRET);
  if (!key) {
    throw new SyncError(
      `no API key for ${remote.url}: store it as the secret ${REMOTE_KEY_SECRET} (CLI: set PIPELINE_STUDIO_SECRET_${REMOTE_KEY_SECRET}); create one with \`pipeline-studio server create-key ${remote.tenant}\``,
    );
  }
  const client = createStoreClient({
    url: remote.url,
    key,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let tenantChecked = false;

  /** The key must belong to the tenant studio.json names: never push one team's pipelines to another. */
  const checkTenant = async () => {
    if (tenantChecked) return;
    const who = await client.whoami();
    if (who.tenant !== remote.tenant) {
      throw new SyncError(
        `the API key belongs to tenant "${who.tenant}" but studio.json names "${remote.tenant}": fix one of them`,
      );
    }
    tenantChecked = true;
  };

  /** The base, or revision 0 (empty) when never synced or when studio.json now names another store. */
  const loadBase = async (): Promise<SyncBase> => {
    const base = await readSyncBase(ws.root);
    if (base && base.remote.url === remote.url && base.remote.tenant === remote.tenant) return base;
    return { remote, revision: 0, content: emptyContent() };
  };

  const refuseMarkers = (content: StoreContent) => {
    for (const [trigger, pipeline] of Object.entries(content.pipelines)) {
      for (const stage of pipeline.stages) {
        if (hasConflictMarkers(stage.code)) {
          throw new SyncError(
            `pipelines/${trigger}/${stage.file} still has conflict markers (<<<<<<< ... >>>>>>>): resolve them before pushing`,
          );
        }
      }
    }
  };

  return {
    workspace: ws,
    client,
    localContent: () => readLocalContent(ws),

    async status() {
      const base = await loadBase();
      const local = await readLocalContent(ws, { allowProblems: true });
      let remoteHead: { revision: number; content: StoreContent } | undefined;
      let unreachableReason: string | undefined;
      try {
        await checkTenant();
        remoteHead = await client.head();
      } catch (error) {
        if (!(error instanceof StoreUnreachableError)) throw error;
        unreachableReason = error.message;
      }
      const items = compareContents(base.content, local, remoteHead?.content);
      return {
        state: overallState(items),
        reachable: remoteHead !== undefined,
        ...(unreachableReason ? { unreachableReason } : {}),
        baseRevision: base.revision,
        ...(remoteHead ? { remoteRevision: remoteHead.revision } : {}),
        items,
      };
    },

    async pull(options = {}) {
      await checkTenant();
      const base = await loadBase();
      const local = await readLocalContent(ws);
      const head = await client.head();
      const merged = mergeContent(base.content, local, head.content, options.resolutions);
      if (merged.conflicts.length > 0)
        return { status: 'conflict', conflicts: merged.conflicts, remoteRevision: head.revision };
      const written = await writeLocalContent(ws, local, merged.content);
      await writeSyncBase(ws.root, { remote, revision: head.revision, content: head.content });
      return { status: 'ok', revision: head.revision, written, pushed: false };
    },

    async push(options = {}) {
      await checkTenant();
      for (let attempt = 0; ; attempt++) {
        const base = await loadBase();
        const local = await readLocalContent(ws);
        const head = await client.head();
        let next = local;
        if (head.revision !== base.revision) {
          const merged = mergeContent(base.content, local, head.content, options.resolutions);
          if (merged.conflicts.length > 0) {
            return { status: 'conflict', conflicts: merged.conflicts, remoteRevision: head.revision };
          }
          next = merged.content;
        }
        refuseMarkers(next);
        const unchanged = deepEqual(next as unknown as Json, head.content as unknown as Json);
        const outcome = unchanged
          ? { ok: true as const, revision: head.revision }
          : await client.push(head.revision, next);
        if (outcome.ok) {
          const written = await writeLocalContent(ws, local, next);
          await writeSyncBase(ws.root, { remote, revision: outcome.revision, content: next });
          return { status: 'ok', revision: outcome.revision, written, pushed: !unchanged };
        }
        // Someone pushed between our read and our write: merge again with their revision.
        if (attempt >= 3) {
          throw new SyncError(
            `the store kept changing while pushing (now revision ${outcome.currentRevision}); try again`,
          );
        }
      }
    },
  };
}
