import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { isErrnoCode, WorkspaceError } from './errors.ts';
import { normalizeRelPath, resolveInside } from './safe-path.ts';

/** Secret values shorter than this are not searched for in written content (too many false hits). */
const MIN_GUARDED_SECRET_LENGTH = 6;

/** Content hash used to tell our own writes from outside edits. */
export function hashContent(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/**
 * Every file access of the workspace service goes through here, so that paths stay inside the
 * workspace, writes are atomic, secret values never reach the disk, and the watcher knows which
 * changes were our own (path -> hash of what we wrote, `null` for a removal).
 */
export interface WorkspaceIo {
  readonly root: string;
  readonly ownWrites: Map<string, string | null>;
  /** Paths with one of our writes, removals or renames under way: the watcher waits for them to land. */
  readonly inFlight: Map<string, number>;
  /** `undefined` when the file does not exist. */
  readText(relPath: string): Promise<string | undefined>;
  writeText(relPath: string, text: string): Promise<void>;
  remove(relPath: string): Promise<void>;
  /** Renames a file without rewriting it; refuses to overwrite an existing target. */
  move(fromRelPath: string, toRelPath: string): Promise<void>;
  exists(relPath: string): Promise<boolean>;
  /** Names of entries in a folder, `[]` when it does not exist. */
  list(relPath: string): Promise<{ name: string; isDirectory: boolean }[]>;
}

export function createWorkspaceIo(
  root: string,
  secretValues: () => Promise<Record<string, string>>,
): WorkspaceIo {
  const ownWrites = new Map<string, string | null>();
  const inFlight = new Map<string, number>();
  /** Marks paths busy while `work` runs, so a watcher flush never compares against a half-landed write. */
  const busy = async <T>(paths: string[], work: () => Promise<T>): Promise<T> => {
    for (const path of paths) inFlight.set(path, (inFlight.get(path) ?? 0) + 1);
    try {
      return await work();
    } finally {
      for (const path of paths) {
        const left = (inFlight.get(path) ?? 1) - 1;
        if (left > 0) inFlight.set(path, left);
        else inFlight.delete(path);
      }
    }
  };

  const guardSecrets = async (relPath: string, text: string): Promise<void> => {
    for (const [name, value] of Object.entries(await secretValues())) {
      if (value.length >= MIN_GUARDED_SECRET_LENGTH && text.includes(value)) {
        throw new WorkspaceError(
          'secret-in-content',
          `Not saved: ${relPath} would contain the value of the secret ${name}, and secret values are never ` +
            `written into the workspace. Read it in code as env.${name} instead.`,
        );
      }
    }
  };

  return {
    root,
    ownWrites,
    inFlight,
    async readText(relPath) {
      const file = await resolveInside(root, relPath);
      try {
        return await readFile(file, 'utf8');
      } catch (error) {
        if (isErrnoCode(error, 'ENOENT')) return undefined;
        if (isErrnoCode(error, 'EISDIR')) throw folderNotFile(relPath);
        throw error;
      }
    },
    async writeText(relPath, text) {
      const rel = normalizeRelPath(relPath);
      const file = await resolveInside(root, rel);
      await guardSecrets(rel, text);
      await mkdir(dirname(file), { recursive: true });
      await busy([rel], async () => {
        ownWrites.set(rel, hashContent(text));
        try {
          await writeFileAtomic(file, text);
        } catch (error) {
          if (isErrnoCode(error, 'EISDIR') || isErrnoCode(error, 'ENOTDIR')) throw folderNotFile(rel);
          throw error;
        }
      });
    },
    async remove(relPath) {
      const rel = normalizeRelPath(relPath);
      const file = await resolveInside(root, rel);
      await busy([rel], async () => {
        ownWrites.set(rel, null);
        await rm(file, { force: true });
      });
    },
    async move(fromRelPath, toRelPath) {
      const from = normalizeRelPath(fromRelPath);
      const to = normalizeRelPath(toRelPath);
      const source = await resolveInside(root, from);
      const target = await resolveInside(root, to);
      if (await pathExists(target)) {
        throw new WorkspaceError('already-exists', `Cannot rename ${from}: ${to} already exists.`);
      }
      const content = await readFile(source);
      await mkdir(dirname(target), { recursive: true });
      await busy([from, to], async () => {
        ownWrites.set(from, null);
        ownWrites.set(to, hashContent(content));
        await rename(source, target);
      });
    },
    async exists(relPath) {
      return pathExists(await resolveInside(root, relPath));
    },
    async list(relPath) {
      const dir = await resolveInside(root, relPath);
      try {
        const entries = await readdir(dir, { withFileTypes: true });
        return entries.map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
      } catch (error) {
        if (isErrnoCode(error, 'ENOENT') || isErrnoCode(error, 'ENOTDIR')) return [];
        throw error;
      }
    },
  };
}

function folderNotFile(relPath: string): WorkspaceError {
  return new WorkspaceError(
    'invalid-input',
    `${relPath} is a folder, or lies under a file, so it cannot be read or written as a file; choose a file path.`,
  );
}

async function pathExists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return false;
    throw error;
  }
}
