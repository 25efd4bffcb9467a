import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isErrnoCode, WorkspaceError } from './errors.ts';

/**
 * Checks a workspace-relative path from the editor or an API caller and returns it normalised
 * (forward slashes). Refuses absolute paths and `..` segments before touching the disk.
 */
export function normalizeRelPath(relPath: string): string {
  const slashed = relPath.replaceAll('\\', '/');
  if (slashed === '' || isAbsolute(relPath) || slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) {
    throw outside(relPath, 'is not a path relative to the workspace');
  }
  const parts = slashed.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) throw outside(relPath, 'contains ".."');
  if (parts.length === 0) throw outside(relPath, 'names the workspace folder itself, not a file');
  return parts.join('/');
}

/**
 * The absolute path for `relPath`, after making sure that symlinks on the way do not lead out of
 * the workspace: the real path of the deepest existing ancestor (or the file itself) must lie
 * inside the real workspace root.
 */
export async function resolveInside(root: string, relPath: string): Promise<string> {
  const normal = normalizeRelPath(relPath);
  const target = join(root, ...normal.split('/'));
  const realRoot = await realpath(root);
  let probe = target;
  for (;;) {
    try {
      const real = await realpath(probe);
      if (!isWithin(realRoot, real))
        throw outside(relPath, 'leads outside the workspace through a symbolic link');
      return target;
    } catch (error) {
      if (isErrnoCode(error, 'ENOTDIR')) {
        throw new WorkspaceError(
          'invalid-input',
          `The path "${relPath}" goes through a file as if it were a folder.`,
        );
      }
      if (!isErrnoCode(error, 'ENOENT')) throw error;
      const parent = dirname(probe);
      if (parent === probe) return target;
      probe = parent;
    }
  }
}

function isWithin(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function outside(relPath: string, why: string): WorkspaceError {
  return new WorkspaceError(
    'path-outside-workspace',
    `The path "${relPath}" ${why}. Use a path inside the workspace, like "pipelines/PRE_REGISTER/my-stage.js".`,
  );
}

/** Workspace-relative path with forward slashes, from an absolute path under `root`. */
export function toRelPath(root: string, absolute: string): string {
  return relative(resolve(root), absolute).split(sep).join('/');
}
