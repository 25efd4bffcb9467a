/**
 * Handlers of the sync and publish calls: the studio's side of issue 6 over main/sync. Conflicts
 * found by a pull or push wait here with their resolutions until every one is settled; only then
 * is the merge written to the workspace, and only a later push sends it.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  PublishedVersion,
  PublishReview,
  SyncOutcome,
  SyncStatus,
} from '../../shared/ipc/sync-types.ts';
import type { WorkspaceChange } from '../../shared/ipc/workspace-types.ts';
import type { Executor } from '../executor/types.ts';
import type { Conflict, Resolution } from '../sync/conflicts.ts';
import { REMOTE_KEY_SECRET, type SyncResult, type SyncService } from '../sync/sync-service.ts';
import { CallError } from './call-error.ts';
import type { Handlers } from './dispatcher.ts';
import type { EventHub } from './event-hub.ts';
import type { Session } from './session.ts';
import { toCallError } from './sync-mapping.ts';
import { contentHash, reviewDraft } from './sync-review.ts';
import { createSyncState } from './sync-state.ts';

type SyncCalls =
  | 'sync.status'
  | 'sync.connect'
  | 'sync.pull'
  | 'sync.push'
  | 'sync.resolveConflict'
  | 'sync.publishReview'
  | 'sync.publish'
  | 'sync.versions'
  | 'sync.rollback';

export interface SyncHandlerDeps {
  session: Session;
  executor: Executor;
  events: EventHub;
  /** Tests point the studio at a fake or a real local server. */
  fetch?: typeof fetch;
}

export function syncHandlers(deps: SyncHandlerDeps): Pick<Handlers, SyncCalls> {
  const state = createSyncState(deps);

  /** Runs one remote action; main/sync's errors become messages a person can act on. */
  async function remote<T>(doing: string, task: (sync: SyncService) => Promise<T>): Promise<T> {
    const sync = await state.open();
    try {
      return await task(sync);
    } catch (error) {
      throw toCallError(error, doing);
    }
  }

  /** Files a pull or push wrote, as changes the open tabs follow (a deleted one is `removed`). */
  async function changesOf(written: readonly string[]): Promise<WorkspaceChange[]> {
    const root = deps.session.current().root;
    // Deleting a stage also rewrites its pipeline.json, which the written list does not name.
    const lists = written.flatMap((p) => {
      const folder = /^pipelines\/[^/]+\//.exec(p)?.[0];
      return folder ? [`${folder}pipeline.json`] : [];
    });
    const paths = [...new Set([...written, ...lists])];
    return Promise.all(
      paths.map(async (relPath) => ({
        relPath,
        kind: (await stat(join(root, relPath)).then(
          () => true,
          () => false,
        ))
          ? ('changed' as const)
          : ('removed' as const),
      })),
    );
  }

  /** Records conflicts or clears them, then answers with the fresh status. */
  async function settle(
    result: SyncResult,
    done: (r: Extract<SyncResult, { status: 'ok' }>) => string,
  ): Promise<SyncOutcome> {
    const pending = state.pending();
    if (result.status === 'conflict') {
      pending.conflicts = result.conflicts;
      const status = await state.publishStatus();
      const n = result.conflicts.length;
      return {
        status,
        summary: `${n} conflict${n === 1 ? '' : 's'} with server revision ${result.remoteRevision}: choose the result in the merge view; nothing was written`,
        changes: [],
        snapshot: await deps.session.snapshot(),
      };
    }
    pending.conflicts = [];
    pending.resolutions = {};
    const changes = await changesOf(result.written);
    const status = await state.publishStatus();
    return { status, summary: done(result), changes, snapshot: await deps.session.snapshot() };
  }

  const pull = () =>
    remote('Pulling', async (sync) =>
      settle(await sync.pull({ resolutions: state.pending().resolutions }), (r) =>
        r.written.length === 0
          ? `Up to date with server revision ${r.revision}`
          : `Pulled revision ${r.revision}: ${r.written.length} file${r.written.length === 1 ? '' : 's'} updated`,
      ),
    );

  return {
    'sync.status': () => state.publishStatus(),
    async 'sync.connect'({ url, tenant, apiKey }): Promise<SyncStatus> {
      const ws = deps.session.current();
      let studio: Record<string, unknown>;
      try {
        studio = JSON.parse(await ws.readFile('studio.json')) as Record<string, unknown>;
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        throw new CallError(
          'invalid-file',
          `studio.json is not valid JSON (${error.message}); fix it (see Problems), then connect again.`,
          { file: 'studio.json' },
        );
      }
      studio.remote = { url: url.replace(/\/+$/, ''), tenant };
      // The key goes to the host's secret store only; it is not declared in studio.json, so runs never see it.
      if (apiKey !== undefined) await ws.secretStore.set(REMOTE_KEY_SECRET, apiKey);
      await ws.writeFile('studio.json', `${JSON.stringify(studio, null, 2)}\n`);
      state.reset();
      return state.publishStatus();
    },
    'sync.pull': pull,
    async 'sync.push'() {
      const waiting = state.pending().conflicts.length;
      if (waiting > 0) {
        throw new CallError(
          'conflict',
          `Nothing was pushed: ${waiting} conflict${waiting === 1 ? ' is' : 's are'} waiting. Resolve ${waiting === 1 ? 'it' : 'them'} in the merge view, then push.`,
        );
      }
      return remote('Pushing', async (sync) =>
        settle(await sync.push(), (r) =>
          r.pushed
            ? `Pushed revision ${r.revision}`
            : `Nothing to push: the server already has revision ${r.revision}`,
        ),
      );
    },
    async 'sync.resolveConflict'({ id, text }) {
      const pending = state.pending();
      const conflict = pending.conflicts.find((c) => c.id === id);
      if (!conflict) {
        throw new CallError(
          'not-found',
          `There is no waiting conflict "${id}"; pull again to see the current ones.`,
        );
      }
      pending.resolutions = { ...pending.resolutions, [id]: resolutionOf(conflict, text) };
      // Re-merge with every choice so far; the workspace is written only when none is left.
      return pull();
    },
    async 'sync.publishReview'(): Promise<PublishReview> {
      if (state.pending().conflicts.length > 0) {
        throw new CallError(
          'conflict',
          'Resolve the waiting conflicts first; a conflicted draft cannot be published.',
        );
      }
      return remote('Reviewing the draft', async (sync) => {
        const status = await sync.status();
        if (status.state === 'behind' || status.state === 'diverged') {
          throw new CallError(
            'conflict',
            'The server has changes this workspace does not have: pull first, then publish, so that what you review is what goes live.',
          );
        }
        const draft = await sync.localContent();
        const published = await sync.client.published();
        const parts = await reviewDraft({
          executor: deps.executor,
          draft,
          published: published ? { version: published.version, content: published.content } : null,
          secrets: await sync.workspace.secretValues(),
        });
        const draftHash = contentHash(draft);
        const needsPush = status.state === 'ahead';
        const revision = needsPush ? null : (status.remoteRevision ?? null);
        state.pending().review = { draftHash, passed: parts.gate.passed };
        return { ...parts, revision, needsPush, publishedVersion: published?.version ?? null, draftHash };
      });
    },
    async 'sync.publish'({ draftHash, note }): Promise<PublishedVersion> {
      const review = state.pending().review;
      if (review?.draftHash !== draftHash || !review.passed) {
        throw new CallError(
          'conflict',
          'This draft has not passed a review; open Publish again to review it.',
        );
      }
      const published = await remote('Publishing', async (sync) => {
        if (contentHash(await sync.localContent()) !== draftHash) {
          throw new CallError(
            'conflict',
            'The workspace changed since the review; open Publish again to review the new draft.',
          );
        }
        const pushed = await sync.push();
        if (pushed.status === 'conflict') {
          throw new CallError(
            'conflict',
            'The server changed since the review: pull, resolve, and review again. Nothing was published.',
          );
        }
        if (contentHash(await sync.localContent()) !== draftHash) {
          throw new CallError(
            'conflict',
            'The server had new changes that were merged in; review again before publishing. Nothing was published.',
          );
        }
        return sync.client.publish(pushed.revision, note ?? '');
      });
      state.pending().review = undefined;
      await state.publishStatus();
      return published;
    },
    'sync.versions': () => remote('Listing versions', (sync) => sync.client.versions()),
    async 'sync.rollback'({ version, note }) {
      const done = await remote(`Rolling back to version ${version}`, (sync) =>
        sync.client.rollback(version, note ?? ''),
      );
      await state.publishStatus();
      return done;
    },
  };
}

/** The person's text as main/sync's resolution: code as is, other kinds parsed; `null` keeps it deleted. */
function resolutionOf(conflict: Conflict, text: string | null): Resolution {
  if (text === null) {
    if (conflict.local === undefined) return { take: 'local' };
    if (conflict.remote === undefined) return { take: 'remote' };
    throw new CallError('invalid-args', `${conflict.title} exists on both sides; give the text to keep.`);
  }
  if (conflict.kind === 'code') return { value: text };
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    throw new CallError(
      'invalid-args',
      `The result for ${conflict.title} is not valid JSON (${(error as Error).message}); fix it and save again.`,
      {
        file: conflict.file,
      },
    );
  }
}
