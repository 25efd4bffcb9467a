import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];

/** A fresh folder under the OS temp dir, removed after the test. */
export async function tempDir(prefix = 'ps-ws-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes files (relative path -> text) into `root`, creating folders. */
export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    const file = join(root, ...rel.split('/'));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}

export function readText(root: string, rel: string): Promise<string> {
  return readFile(join(root, ...rel.split('/')), 'utf8');
}

/** Every file under `root` (relative, forward slashes), sorted. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(root.length + 1)
        .split('\\')
        .join('/'),
    )
    .sort();
}

/** Every file's text under `root`, for "is X anywhere on disk" checks. */
export async function allFileTexts(root: string): Promise<string[]> {
  const files = await listFiles(root);
  return Promise.all(files.map((rel) => readText(root, rel)));
}

export const PASS_CODE =
  'async function pipe(user, context, callback) {\n  callback(null, user, context);\n}\n';

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
