import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'pipeline-studio.js');
export const NODE24 = join(ROOT, 'node_modules', '.bin', 'node');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real bin in a child process, as a person or CI job would. Colour variables are
 * cleared unless a test sets them, so output does not depend on the runner's terminal.
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; node?: string } = {},
): Promise<CliRun> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      value !== undefined &&
      !['NO_COLOR', 'FORCE_COLOR'].includes(key) &&
      !key.startsWith('PIPELINE_STUDIO_')
    ) {
      env[key] = value;
    }
  }
  Object.assign(env, options.env);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(options.node ?? NODE24, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** A temporary folder for one test file; `cleanup` removes it. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `ps-cli-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes files given as `{ relativePath: content }` (objects are written as JSON). */
export async function writeFiles(dir: string, files: Record<string, string | object>): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  for (const [rel, content] of Object.entries(files)) {
    const file = join(dir, rel);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

/** Every stderr message of a refusal is one line. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
