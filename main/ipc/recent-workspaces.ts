/** The recently opened workspaces, most recent first, kept in the host's user-data folder. */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecentWorkspace } from '../../shared/ipc/results.ts';

const MAX_RECENT = 12;

export interface RecentWorkspaces {
  list(): Promise<RecentWorkspace[]>;
  remember(path: string, name: string): Promise<void>;
}

export function createRecentWorkspaces(userDataDir: string): RecentWorkspaces {
  const file = join(userDataDir, 'recent-workspaces.json');

  async function list(): Promise<RecentWorkspace[]> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) ? value.filter(isRecent) : [];
    } catch (error) {
      // A damaged list only costs the history: say so, start a new one.
      console.warn(`[studio] ${file} is not valid JSON (${(error as Error).message}); starting a new list`);
      return [];
    }
  }

  return {
    list,
    async remember(path, name) {
      const entries = (await list()).filter((e) => e.path !== path);
      entries.unshift({ path, name, openedAt: new Date().toISOString() });
      await mkdir(userDataDir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify(entries.slice(0, MAX_RECENT), null, 2)}\n`);
      await rename(temp, file);
    },
  };
}

function isRecent(value: unknown): value is RecentWorkspace {
  const v = value as Partial<RecentWorkspace> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.path === 'string' &&
    typeof v.name === 'string' &&
    typeof v.openedAt === 'string'
  );
}
