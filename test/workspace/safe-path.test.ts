import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore, createWorkspace } from '../../main/workspace/index.ts';
import { listFiles, readText, tempDir, writeFiles } from './temp-workspace.ts';

async function fresh() {
  const root = await tempDir();
  const ws = await createWorkspace(root, { name: 'paths', secrets: createMemorySecretStore() });
  return { root, ws };
}

describe('readFile / writeFile stay inside the workspace', () => {
  it('reads and writes files by relative path, creating folders', async () => {
    const { root, ws } = await fresh();
    await ws.writeFile('docs/notes.md', '# notes\n');
    expect(await ws.readFile('docs/notes.md')).toBe('# notes\n');
    expect(await ws.readFile('./docs//notes.md')).toBe('# notes\n');
    expect(await readText(root, 'docs/notes.md')).toBe('# notes\n');
    await expect(ws.readFile('docs/missing.md')).rejects.toMatchObject({ code: 'not-found' });
    await expect(ws.readFile('docs')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(ws.writeFile('pipelines', 'x')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(ws.writeFile('docs/notes.md/inner.txt', 'x')).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('rejects "..", absolute paths and Windows drive paths', async () => {
    const { root, ws } = await fresh();
    const outside = await tempDir();
    for (const bad of [
      '../escape.txt',
      'pipelines/../../escape.txt',
      '/etc/passwd',
      join(outside, 'x'),
      'C:\\x',
      '..\\x',
      '',
    ]) {
      await expect(ws.writeFile(bad, 'x')).rejects.toMatchObject({ code: 'path-outside-workspace' });
      await expect(ws.readFile(bad)).rejects.toMatchObject({ code: 'path-outside-workspace' });
    }
    expect(await listFiles(outside)).toEqual([]);
    expect(await listFiles(root)).toEqual(['env.json', 'studio.json']);
  });

  it('rejects symlinks that lead outside, for files and folders, and allows ones that stay inside', async () => {
    const { root, ws } = await fresh();
    const outside = await tempDir();
    await writeFiles(outside, { 'secret.txt': 'outside' });
    await symlink(outside, join(root, 'linked-dir'));
    await symlink(join(outside, 'secret.txt'), join(root, 'linked-file.txt'));
    await expect(ws.readFile('linked-dir/secret.txt')).rejects.toMatchObject({
      code: 'path-outside-workspace',
      message: expect.stringContaining('leads outside the workspace through a symbolic link'),
    });
    await expect(ws.writeFile('linked-dir/new.txt', 'x')).rejects.toMatchObject({
      code: 'path-outside-workspace',
    });
    await expect(ws.readFile('linked-file.txt')).rejects.toMatchObject({ code: 'path-outside-workspace' });
    await expect(ws.writeFile('linked-file.txt', 'x')).rejects.toMatchObject({
      code: 'path-outside-workspace',
    });
    expect(await listFiles(outside)).toEqual(['secret.txt']);
    expect(await readText(outside, 'secret.txt')).toBe('outside');
    await writeFiles(root, { 'real/inside.txt': 'inside' });
    await symlink(join(root, 'real'), join(root, 'alias'));
    expect(await ws.readFile('alias/inside.txt')).toBe('inside');
  });
});
