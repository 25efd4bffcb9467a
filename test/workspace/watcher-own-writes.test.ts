import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkspaceChange } from '../../main/workspace/index.ts';
import { watchWorkspace } from '../../main/workspace/watcher.ts';
import { createWorkspaceIo, hashContent } from '../../main/workspace/workspace-io.ts';
import { tempDir } from './temp-workspace.ts';

describe('own writes while the watcher flushes', () => {
  // The service records a write's hash just before the write lands. A flush that runs in between
  // sees the old content, and used to report the studio's own save as an outside change.
  it('waits for a write under way instead of reporting the file it is replacing', async () => {
    const root = await tempDir();
    const io = createWorkspaceIo(root, async () => ({}));
    const batches: WorkspaceChange[][] = [];
    let notify: (() => void) | undefined;
    const watcher = await watchWorkspace(
      io,
      (changes) => {
        batches.push(changes);
        notify?.();
      },
      { debounceMs: 5 },
    );
    try {
      // Our write of "new" is under way: hash recorded, file not yet replaced.
      io.ownWrites.set('env.json', hashContent('{"A":"new"}'));
      io.inFlight.set('env.json', 1);
      // Meanwhile the event of an earlier write arrives and its flush reads the older content.
      await writeFile(join(root, 'env.json'), '{"A":"old"}');
      // Let many quiet periods pass, in which the watcher would have flushed the old content.
      await new Promise((r) => setTimeout(r, 150));
      // The write lands; its event comes; nothing is reported for either.
      await writeFile(join(root, 'env.json'), '{"A":"new"}');
      io.inFlight.delete('env.json');
      // An outside edit afterwards is still reported, and alone.
      const reported = new Promise<void>((resolve) => {
        notify = resolve;
      });
      await writeFile(join(root, 'outside.js'), '// outside\n');
      await reported;
      expect(batches.flat()).toEqual([{ kind: 'added', relPath: 'outside.js' }]);
    } finally {
      await watcher.close();
    }
  });
});
