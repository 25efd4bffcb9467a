import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceChange, WorkspaceWatcher } from '../../main/workspace/index.ts';
import { createMemorySecretStore, createWorkspace } from '../../main/workspace/index.ts';
import { tempDir, writeFiles } from './temp-workspace.ts';

const watchers: WorkspaceWatcher[] = [];
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.close()));
});

/** Collects batches; `next(pred)` resolves with the first change matching `pred` (events, never sleeps). */
function recorder() {
  const batches: WorkspaceChange[][] = [];
  const waiters: { pred: (c: WorkspaceChange) => boolean; resolve: (c: WorkspaceChange) => void }[] = [];
  const listener = (changes: WorkspaceChange[]) => {
    batches.push(changes);
    for (const change of changes) {
      for (const waiter of waiters.filter((w) => w.pred(change))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(change);
      }
    }
  };
  const next = (pred: (c: WorkspaceChange) => boolean) =>
    new Promise<WorkspaceChange>((resolve) => {
      const found = batches.flat().find(pred);
      if (found) resolve(found);
      else waiters.push({ pred, resolve });
    });
  return { batches, listener, next };
}

async function watched() {
  const root = await tempDir();
  const ws = await createWorkspace(root, { name: 'watch', secrets: createMemorySecretStore() });
  const rec = recorder();
  watchers.push(await ws.watch(rec.listener, { debounceMs: 50 }));
  return { root, ws, ...rec };
}

describe('watching the workspace folder', () => {
  it('reports outside additions, edits and removals', async () => {
    const { root, next } = await watched();
    await writeFiles(root, { 'pipelines/PRE_REGISTER/outside.js': '// 1\n' });
    expect(await next((c) => c.relPath === 'pipelines/PRE_REGISTER/outside.js')).toEqual({
      kind: 'added',
      relPath: 'pipelines/PRE_REGISTER/outside.js',
    });
    await writeFile(join(root, 'env.json'), '{ "A": "changed" }\n');
    expect(await next((c) => c.relPath === 'env.json')).toEqual({ kind: 'changed', relPath: 'env.json' });
    await rm(join(root, 'pipelines/PRE_REGISTER/outside.js'));
    expect(await next((c) => c.kind === 'removed')).toEqual({
      kind: 'removed',
      relPath: 'pipelines/PRE_REGISTER/outside.js',
    });
  });

  it('does not echo its own writes, renames and deletes, yet reports an outside edit right after them', async () => {
    const { root, ws, batches, next } = await watched();
    await ws.addStage('PRE_REGISTER', { name: 'mine' });
    await ws.writeStageCode('PRE_REGISTER', 'mine', '// edited in the studio\n');
    await ws.addFixture('PRE_REGISTER', { name: 'f' }, { id: 'f' });
    await ws.renameFixture('PRE_REGISTER', 'f', 'g');
    await ws.renameStage('PRE_REGISTER', 'mine', 'ours');
    await ws.deleteFixture('PRE_REGISTER', 'g');
    await ws.writeEnv({ A: '1' });
    // A marker written from outside after all of our writes: once it is reported, every event from
    // our own writes (which happened before it) has been seen and flushed too.
    await writeFile(join(root, 'marker.txt'), 'outside\n');
    await next((c) => c.relPath === 'marker.txt');
    expect(batches.flat()).toEqual([{ kind: 'added', relPath: 'marker.txt' }]);
    // An outside edit of a file we wrote earlier is reported.
    await writeFile(join(root, 'pipelines/PRE_REGISTER/ours.js'), '// edited outside\n');
    expect(await next((c) => c.relPath === 'pipelines/PRE_REGISTER/ours.js')).toEqual({
      kind: 'changed',
      relPath: 'pipelines/PRE_REGISTER/ours.js',
    });
    expect(batches.flat()).toEqual([
      { kind: 'added', relPath: 'marker.txt' },
      { kind: 'changed', relPath: 'pipelines/PRE_REGISTER/ours.js' },
    ]);
  });

  it('coalesces a burst of outside changes into one batch per quiet period', async () => {
    const { root, batches, next } = await watched();
    for (let i = 0; i < 5; i++) await writeFile(join(root, 'burst.txt'), `edit ${i}\n`);
    await next((c) => c.relPath === 'burst.txt');
    await writeFile(join(root, 'after.txt'), 'x');
    await next((c) => c.relPath === 'after.txt');
    const burst = batches.flat().filter((c) => c.relPath === 'burst.txt');
    expect(burst).toEqual([{ kind: 'added', relPath: 'burst.txt' }]);
  });

  it('ignores hidden folders like .git and temporary files', async () => {
    const { root, batches, next } = await watched();
    await writeFiles(root, { '.git/index': 'x', 'fixtures/.~ps-a.json.abc.tmp': 'x' });
    await writeFile(join(root, 'visible.txt'), 'x');
    await next((c) => c.relPath === 'visible.txt');
    expect(batches.flat().map((c) => c.relPath)).toEqual(['visible.txt']);
  });
});
