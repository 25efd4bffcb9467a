import { describe, expect, it } from 'vitest';
import { plainSyncMessage } from '../../renderer/features/sync/sync-messages.ts';
import { syncRows } from '../../renderer/features/sync/sync-rows.ts';
import { createAppStore } from '../../renderer/store/app-store.ts';
import { OFFLINE_MESSAGE } from '../../renderer/store/sync-slice.ts';
import type { PublishReview, SyncOutcome, SyncStatus } from '../../shared/ipc/sync-types.ts';
import { fakeApi, snapshot } from './fake-api.ts';

function status(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    remote: { url: 'http://127.0.0.1:4100', tenant: 'acme', hasKey: true },
    connection: 'online',
    overall: 'clean',
    baseRevision: 1,
    headRevision: 1,
    publishedVersion: null,
    items: [],
    conflicts: [],
    message: null,
    checkedAt: '2026-11-23T09:00:00Z',
    ...overrides,
  };
}

function review(passed: boolean): PublishReview {
  return {
    gate: { passed, compile: [], fixtures: [] },
    revision: 1,
    needsPush: false,
    publishedVersion: null,
    behaviour: [],
    changes: [],
    draftHash: 'abc',
  };
}

describe('sync slice', () => {
  it('words an unreachable server as offline with the edits kept', async () => {
    const store = createAppStore(
      fakeApi({
        'sync.push': () => Promise.reject({ code: 'unavailable', message: 'connect ECONNREFUSED' }),
      }),
    );
    await store.getState().pushRemote();
    expect(store.getState().syncError).toBe(`${OFFLINE_MESSAGE} (connect ECONNREFUSED)`);
    expect(store.getState().syncBusy).toBeNull();
  });

  it('asks again when a check was requested while one was running', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const store = createAppStore(
      fakeApi({
        'sync.status': () => {
          calls++;
          const overall = calls === 1 ? 'clean' : 'ahead';
          return calls === 1
            ? new Promise((resolve) => {
                release = () => resolve(status({ overall }));
              })
            : Promise.resolve(status({ overall }));
        },
      }),
    );
    const first = store.getState().refreshSync();
    await store.getState().refreshSync();
    release();
    await first;
    expect(calls).toBe(2);
    expect(store.getState().syncStatus?.overall).toBe('ahead');
  });

  it('opens the merge view on the first conflict a push reports', async () => {
    const conflict = {
      id: 'PRE_REGISTER/stage/check/code',
      kind: 'code' as const,
      relPath: 'pipelines/PRE_REGISTER/check.js',
      title: 'code of stage check (PRE_REGISTER)',
      language: 'javascript' as const,
      base: 'a\n',
      local: 'b\n',
      remote: 'c\n',
      merged: '<<<<<<< local\nb\n=======\nc\n>>>>>>> remote\n',
    };
    const outcome: SyncOutcome = {
      status: status({ overall: 'conflicted', conflicts: [conflict] }),
      summary: '1 conflict',
      changes: [],
      snapshot: snapshot(),
    };
    const store = createAppStore(fakeApi({ 'sync.push': async () => outcome }));
    await store.getState().pushRemote();
    expect(store.getState().mergeSelection).toBe(conflict.id);
    expect(store.getState().tabs.map((t) => t.id)).toEqual(['sync-merge']);
  });

  it('publishes only a review whose gate passed, with the reviewed draft', async () => {
    const published: unknown[] = [];
    let gate = false;
    const store = createAppStore(
      fakeApi({
        'sync.publishReview': async () => review(gate),
        'sync.publish': async (args) => {
          published.push(args);
          return { version: 1, revision: 1, createdAt: '', createdBy: null, rollbackOf: null, note: 'n' };
        },
        'sync.status': async () => status({ publishedVersion: 1 }),
        'sync.versions': async () => ({ publishedVersion: 1, versions: [] }),
      }),
    );
    await store.getState().startPublish();
    await store.getState().confirmPublish('n');
    expect(published).toEqual([]);
    gate = true;
    await store.getState().startPublish();
    await store.getState().confirmPublish(' n ');
    expect(published).toEqual([{ draftHash: 'abc', note: 'n' }]);
    expect(store.getState().publishFlow).toEqual({ step: 'published', version: 1 });
  });

  it('lists every stage, with unchanged ones clean online and offline when the server is away', () => {
    const items: SyncStatus['items'] = [
      {
        kind: 'fixture',
        trigger: 'PRE_REGISTER',
        name: 'new',
        relPath: 'fixtures/PRE_REGISTER/new.json',
        state: 'ahead',
      },
    ];
    const online = syncRows(snapshot(), status({ items }));
    expect(online.get('PRE_REGISTER')?.map((r) => [r.item.name, r.state])).toEqual([
      ['check', 'clean'],
      ['new', 'ahead'],
    ]);
    const offline = syncRows(snapshot(), status({ connection: 'offline', overall: 'offline' }));
    expect(offline.get('PRE_REGISTER')?.map((r) => r.state)).toEqual(['offline']);
    // A refused key tells nothing about the server: not "clean".
    const refused = syncRows(snapshot(), status({ connection: 'unauthorized', overall: 'unauthorized' }));
    expect(refused.get('PRE_REGISTER')?.map((r) => r.state)).toEqual(['unknown']);
  });
});

describe('sync messages', () => {
  it('says an unreachable store once, with the cause in words', () => {
    const host =
      'offline: your edits are kept; push when the server is reachable again. (cannot reach the pipeline store at http://127.0.0.1:4999 (ECONNREFUSED); your changes stay in the workspace, try again when it is reachable)';
    expect(plainSyncMessage(host)).toBe(
      'Cannot reach the pipeline store at http://127.0.0.1:4999 (connection refused). Your edits stay in the workspace; push when it is reachable again.',
    );
    const push =
      'Push failed — offline: your edits are kept; push when the server is reachable again. Cannot reach the pipeline store at http://h:1 (ENOTFOUND); your changes stay in the workspace, try again when it is reachable.';
    expect(plainSyncMessage(push)).toBe(
      'Push failed: cannot reach the pipeline store at http://h:1 (host not found). Your edits stay in the workspace; push when it is reachable again.',
    );
  });

  it('points a refused key at the form of the Sync view, not at a secret', () => {
    const host =
      "the store at http://127.0.0.1:4177 rejected the API key (invalid or revoked API key); set the workspace's REMOTE_KEY secret to a valid key";
    expect(plainSyncMessage(host)).toBe(
      'The store at http://127.0.0.1:4177 rejected the API key (invalid or revoked API key). Enter a valid admin key with "Change remote or key".',
    );
    expect(plainSyncMessage('Pull failed: the tenant is gone.')).toBe('Pull failed: the tenant is gone.');
  });
});
