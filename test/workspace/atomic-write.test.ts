import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTempFileName, writeFileAtomic } from '../../main/workspace/atomic-write.ts';
import { tempDir } from './temp-workspace.ts';

const SIZE = 4 * 1024 * 1024;
const ROUNDS = 10;
const CHILD = join(import.meta.dirname, 'atomic-writer-child.ts');

/** Starts a writer, waits until it has written once, lets it run a random while, then SIGKILLs it. */
function runAndKill(file: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, file, String(SIZE)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

function isWhole(text: string): boolean {
  const match = /^v(\d+):(x*):end$/.exec(text);
  return match !== null && match[2]?.length === SIZE;
}

describe('atomic writes', () => {
  it('a writer killed at a random moment leaves the old or the new full content, never a torn file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'big.json');
    await writeFile(file, `v0:${'x'.repeat(SIZE)}:end`);
    const seen = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      await runAndKill(file, Math.floor(Math.random() * 120));
      const text = await readFile(file, 'utf8');
      expect(isWhole(text), `round ${round}: ${text.length} characters, starts ${text.slice(0, 12)}`).toBe(
        true,
      );
      seen.add(text.slice(0, text.indexOf(':')));
    }
    // The writers did replace the file (each run writes at least once before it can be killed).
    expect([...seen].some((version) => version !== 'v0')).toBe(true);
    // Leftovers of interrupted writes are recognisable temporary files, never the target.
    const others = (await readdir(dir)).filter((name) => name !== 'big.json');
    expect(others.every(isTempFileName)).toBe(true);
  }, 120_000);

  it('replaces content and leaves no temporary file behind', async () => {
    const dir = await tempDir();
    const file = join(dir, 'a.txt');
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual(['a.txt']);
  });

  it('fails cleanly when the folder does not exist', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomic(join(dir, 'missing', 'a.txt'), 'x')).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await readdir(dir)).toEqual([]);
  });
});
