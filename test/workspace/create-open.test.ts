import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemorySecretStore, createWorkspace, openWorkspace } from '../../main/workspace/index.ts';
import { listFiles, readText, tempDir, writeFiles } from './temp-workspace.ts';

describe('creating and opening a workspace', () => {
  it('writes studio.json, env.json and empty pipelines/ and fixtures/ folders', async () => {
    const root = join(await tempDir(), 'new-ws');
    const ws = await createWorkspace(root, { name: 'My pipelines', secrets: createMemorySecretStore() });
    expect(await listFiles(root)).toEqual(['env.json', 'studio.json']);
    expect((await readdir(root)).sort()).toEqual(['env.json', 'fixtures', 'pipelines', 'studio.json']);
    expect(JSON.parse(await readText(root, 'studio.json'))).toEqual({ name: 'My pipelines', secrets: [] });
    expect(JSON.parse(await readText(root, 'env.json'))).toEqual({});
    const snapshot = await ws.read();
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.root).toBe(root);
  });

  it('accepts a folder with only a .git folder', async () => {
    const root = await tempDir();
    await writeFiles(root, { '.git/HEAD': 'ref: refs/heads/main\n' });
    await expect(
      createWorkspace(root, { name: 'x', secrets: createMemorySecretStore() }),
    ).resolves.toBeDefined();
  });

  it('refuses a non-empty folder that is not a workspace, and an existing workspace, touching nothing', async () => {
    const root = await tempDir();
    await writeFiles(root, { 'notes.txt': 'keep me' });
    await expect(createWorkspace(root, { name: 'x' })).rejects.toMatchObject({
      code: 'not-empty',
      message: expect.stringContaining('is not empty (notes.txt) and is not a workspace'),
    });
    expect(await listFiles(root)).toEqual(['notes.txt']);
    const existing = await tempDir();
    await createWorkspace(existing, { name: 'first', secrets: createMemorySecretStore() });
    await expect(createWorkspace(existing, { name: 'second' })).rejects.toMatchObject({
      code: 'already-exists',
    });
    expect(JSON.parse(await readText(existing, 'studio.json')).name).toBe('first');
  });

  it('refuses to open a folder that does not exist, or a file', async () => {
    const root = await tempDir();
    await expect(openWorkspace(join(root, 'nope'))).rejects.toMatchObject({
      code: 'not-a-workspace',
      message: expect.stringContaining('does not exist'),
    });
    await writeFiles(root, { 'file.txt': 'x' });
    await expect(openWorkspace(join(root, 'file.txt'))).rejects.toMatchObject({
      code: 'not-a-workspace',
      message: expect.stringContaining('is a file, not a folder'),
    });
  });

  it('refuses to open a folder without studio.json', async () => {
    const root = await tempDir();
    await expect(openWorkspace(root)).rejects.toMatchObject({
      code: 'not-a-workspace',
      message: expect.stringContaining('has no studio.json'),
    });
  });
});
