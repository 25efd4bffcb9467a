import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { isErrnoCode, WorkspaceError } from './errors.ts';
import { formatJson } from './json-file.ts';
import { type OpenWorkspaceOptions, openWorkspace, type Workspace } from './workspace.ts';
import { ENV_FILE, FIXTURES_DIR, PIPELINES_DIR, STUDIO_FILE } from './workspace-files.ts';

/** Entries a fresh folder may already have (a `git init`, Finder's metadata). */
const HARMLESS_ENTRIES = new Set(['.git', '.gitignore', '.DS_Store', 'README.md']);

/**
 * Creates a workspace: studio.json, an empty env.json, and empty pipelines/ and fixtures/ folders.
 * Refuses a folder that already holds a workspace or anything else, so nothing is overwritten.
 */
export async function createWorkspace(
  root: string,
  options: OpenWorkspaceOptions & { name: string },
): Promise<Workspace> {
  const absolute = resolve(root);
  let entries: string[] = [];
  try {
    entries = await readdir(absolute);
  } catch (error) {
    if (isErrnoCode(error, 'ENOTDIR')) {
      throw new WorkspaceError(
        'not-empty',
        `${absolute} is a file, not a folder; choose a folder for the workspace.`,
      );
    }
    if (!isErrnoCode(error, 'ENOENT')) throw error;
  }
  if (entries.includes(STUDIO_FILE)) {
    throw new WorkspaceError(
      'already-exists',
      `${absolute} is already a workspace (it has a studio.json); open it instead.`,
    );
  }
  const other = entries.filter((entry) => !HARMLESS_ENTRIES.has(entry));
  if (other.length > 0) {
    const shown = other.slice(0, 3).join(', ') + (other.length > 3 ? ', ...' : '');
    throw new WorkspaceError(
      'not-empty',
      `${absolute} is not empty (${shown}) and is not a workspace; choose an empty or new folder.`,
    );
  }
  const name = options.name.trim();
  if (name === '')
    throw new WorkspaceError('invalid-input', 'A workspace needs a name; give a non-empty name.');
  await mkdir(join(absolute, PIPELINES_DIR), { recursive: true });
  await mkdir(join(absolute, FIXTURES_DIR), { recursive: true });
  await writeFileAtomic(join(absolute, ENV_FILE), formatJson({}));
  await writeFileAtomic(join(absolute, STUDIO_FILE), formatJson({ name, secrets: [] }));
  return openWorkspace(absolute, options);
}
