import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporary files start with this, so the watcher and the snapshot reader can ignore them. */
export const TEMP_FILE_PREFIX = '.~ps-';

/** True for a temporary file left by {@link writeFileAtomic} (e.g. after a crash). */
export function isTempFileName(name: string): boolean {
  return name.startsWith(TEMP_FILE_PREFIX) && name.endsWith('.tmp');
}

/**
 * Replaces `file` so that readers, and the disk after a crash, see either the old or the new full
 * content, never a torn one: write a temporary file in the same folder (same file system, so the
 * rename is atomic), fsync it, rename it over the target, then fsync the folder so the rename itself
 * is durable.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(file);
  const temp = join(dir, `${TEMP_FILE_PREFIX}${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(dir);
}

/** Makes a rename in `dir` durable. Windows cannot open a folder for fsync; NTFS journals renames itself. */
export async function fsyncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
