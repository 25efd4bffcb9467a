import { readFile, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { watch } from 'chokidar';
import { isTempFileName } from './atomic-write.ts';
import { isErrnoCode } from './errors.ts';
import type { WorkspaceChange } from './types.ts';
import { hashContent, type WorkspaceIo } from './workspace-io.ts';

export interface WatchOptions {
  /** Quiet time before a batch is reported: a `git checkout` of many files becomes one batch. Default 150 ms. */
  debounceMs?: number;
  /** Watcher failures (e.g. too many watched folders); default: printed to stderr. */
  onError?: (error: Error) => void;
}

export interface WorkspaceWatcher {
  close(): Promise<void>;
}

type Kind = WorkspaceChange['kind'];

/**
 * A batch waits while one of its files was modified within the quiet period (an editor or git may
 * still be writing it, and its events not yet delivered), but not forever for a file written non-stop.
 */
const MAX_DEFERRALS = 20;

/** Two events for one path within a batch become the one change they add up to (`undefined`: nothing). */
function coalesce(previous: Kind | undefined, next: Kind): Kind | undefined {
  if (previous === undefined) return next;
  if (previous === 'added') return next === 'removed' ? undefined : 'added';
  if (previous === 'removed') return next === 'removed' ? 'removed' : 'changed';
  return next === 'removed' ? 'removed' : 'changed';
}

/** Hidden entries (.git, editor swap files) and our own temporary files are never workspace content. */
function isIgnored(root: string, absolute: string): boolean {
  const rel = relative(root, absolute);
  if (rel === '') return false;
  return rel
    .split(sep)
    .some((part) => part.startsWith('.') || part === 'node_modules' || isTempFileName(part));
}

/**
 * Reports outside changes to the workspace folder in debounced batches. A change is our own echo,
 * and is dropped, when the file on disk is exactly what the service last wrote there (same content
 * hash, or absent after our delete); comparing content rather than timing keeps this correct
 * however late the file system event arrives.
 */
export async function watchWorkspace(
  io: WorkspaceIo,
  listener: (changes: WorkspaceChange[]) => void,
  options: WatchOptions = {},
): Promise<WorkspaceWatcher> {
  const debounceMs = options.debounceMs ?? 150;
  const onError =
    options.onError ?? ((error: Error) => process.stderr.write(`Workspace watcher: ${error.message}\n`));
  const pending = new Map<string, Kind>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let flushing: Promise<void> = Promise.resolve();
  let deferrals = 0;

  const currentHash = async (relPath: string): Promise<string | null> => {
    try {
      return hashContent(await readFile(`${io.root}${sep}${relPath.split('/').join(sep)}`));
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'EISDIR')) return null;
      throw error;
    }
  };

  /** True while a pending file was modified within the quiet period: an outside writer may be mid-write. */
  const stillBeingWritten = async (): Promise<boolean> => {
    for (const relPath of pending.keys()) {
      const modified = await modifiedAt(relPath);
      if (modified !== undefined && Date.now() - modified < debounceMs) return true;
    }
    return false;
  };

  const modifiedAt = async (relPath: string): Promise<number | undefined> => {
    try {
      return (await stat(`${io.root}${sep}${relPath.split('/').join(sep)}`)).mtimeMs;
    } catch (error) {
      if (isErrnoCode(error, 'ENOENT')) return undefined;
      throw error;
    }
  };

  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      flushing = flushing.then(flush).catch((error: unknown) => onError(error as Error));
    }, debounceMs);
  };

  const flush = async (): Promise<void> => {
    // One of our own writes is under way (its hash is recorded, the file may not hold it yet):
    // always wait for it, since it ends by itself, unlike an outside writer.
    if ([...pending.keys()].some((relPath) => io.inFlight.has(relPath))) {
      arm();
      return;
    }
    if (deferrals < MAX_DEFERRALS && (await stillBeingWritten())) {
      deferrals++;
      arm();
      return;
    }
    deferrals = 0;
    const batch = [...pending];
    pending.clear();
    const changes: WorkspaceChange[] = [];
    for (const [relPath, kind] of batch) {
      const own = io.ownWrites.get(relPath);
      if (own !== undefined) {
        if ((await currentHash(relPath)) === own) continue;
        io.ownWrites.delete(relPath);
      }
      changes.push({ kind, relPath });
    }
    if (changes.length > 0 && !closed) listener(changes);
  };

  const schedule = (kind: Kind, absolute: string): void => {
    const relPath = relative(io.root, absolute).split(sep).join('/');
    const next = coalesce(pending.get(relPath), kind);
    if (next === undefined) pending.delete(relPath);
    else pending.set(relPath, next);
    arm();
  };

  const watcher = watch(io.root, {
    ignoreInitial: true,
    ignored: (path: string) => isIgnored(io.root, path),
  });
  watcher.on('add', (path) => schedule('added', path));
  watcher.on('change', (path) => schedule('changed', path));
  watcher.on('unlink', (path) => schedule('removed', path));
  watcher.on('error', (error) => onError(error as Error));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
      await flushing;
    },
  };
}
