/**
 * `npm run web` and `npm start` as a person runs them: one URL line on stdout, nothing opened,
 * the token required; `npm start` says in one line that Electron is missing before falling back.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../main/electron/electron-binary.ts';
import { createWorkspace } from '../../main/workspace/index.ts';

const root = join(import.meta.dirname, '..', '..');
const node = join(root, 'node_modules', '.bin', 'node');
let dir: string;
let workspace: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'studio-start-'));
  workspace = join(dir, 'ws');
  await createWorkspace(workspace, { name: 'Start test' });
});

afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  await rm(dir, { recursive: true, force: true });
});

/** Starts a script and resolves with its stdout lines up to the one naming the URL. */
function startUntilUrl(
  script: string,
  args: string[],
): Promise<{ lines: string[]; url: string; child: ChildProcess }> {
  const child = spawn(node, [join(root, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (match?.[1]) resolve({ lines: out.trim().split('\n'), url: match[1], child });
    });
    child.once('exit', (code) =>
      reject(new Error(`${script} exited (${code}) before printing a URL:\n${out}${err}`)),
    );
  });
}

describe('start scripts', () => {
  it('npm run web prints one URL with a token and serves it only with the token', async () => {
    const { lines, url } = await startUntilUrl('main/web/start.ts', [
      workspace,
      '--user-data',
      join(dir, 'user-data-web'),
    ]);
    expect(lines.at(-1)).toBe(`Pipeline Studio is running at ${url}`);
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url.replace(/\?token=.*/, ''))).status).toBe(403);
  });

  it('npm run web refuses a bad port with a one-line message and exit code 2', async () => {
    const child = spawn(node, [join(root, 'main/web/start.ts'), '--port', 'eighty'], { cwd: root });
    children.push(child);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('--port must be a number');
  });

  it.skipIf('path' in findElectronBinary())(
    'npm start without Electron says so in one line and starts the web host',
    async () => {
      const { lines, url } = await startUntilUrl('scripts/start.ts', [
        workspace,
        '--user-data',
        join(dir, 'user-data-start'),
      ]);
      expect(lines[0]).toMatch(/^Electron isn't installed here: .*; starting the web host instead\.$/);
      expect((await fetch(url)).status).toBe(200);
    },
  );
});
