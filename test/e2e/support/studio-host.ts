import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';
import { startWebHost, type WebHost } from '../../../main/web/start-web-host.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const EXAMPLE_WORKSPACE = join(ROOT, 'examples', 'default-workspace');
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');
const run = promisify(execFile);
const RENDERER_DIR = join(ROOT, 'dist', 'renderer');

/** Chromium as the brief allows it here: Debian's binary, headless, no background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
    ],
  });
}

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when dist/ is missing or older than its sources (npm test builds it first). */
export async function ensureRendererBuilt(): Promise<void> {
  const built = await stat(join(RENDERER_DIR, 'index.html')).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = Math.max(
    await newestMtime(join(ROOT, 'renderer')),
    await newestMtime(join(ROOT, 'shared')),
  );
  if (built > sources) return;
  // Built beside dist/renderer, then copied in: e2e files run in parallel (and other test
  // runs in this tree share dist/), so a page already open must never find its folder emptied.
  // Old hashed chunks stay (a page loaded before keeps loading its lazy parts); index.html,
  // which names the new ones, goes in last.
  await mkdir(join(ROOT, 'dist'), { recursive: true });
  const staging = await mkdtemp(join(ROOT, 'dist', '.renderer-build-'));
  try {
    // A child process, so the build is a production one whatever NODE_ENV the test runner set.
    await run(
      join(ROOT, 'node_modules', '.bin', 'vite'),
      [
        'build',
        '--config',
        'renderer/vite.config.ts',
        '--logLevel',
        'error',
        '--outDir',
        staging,
        '--emptyOutDir',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'production' },
      },
    );
    await cp(staging, RENDERER_DIR, { recursive: true, filter: (src) => !src.endsWith('index.html') });
    await cp(join(staging, 'index.html'), join(RENDERER_DIR, 'index.html'));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export interface StudioHost {
  host: WebHost;
  /** The test's own workspace folder (a copy), or undefined when the host started without one. */
  workspace: string | undefined;
  userDataDir: string;
  /** A scratch folder for the test (e.g. where to create a new workspace). */
  scratch: string;
  close(): Promise<void>;
}

/**
 * A web host on a fresh copy of the example workspace (or none) and its own user-data folder,
 * so tests never share state. `close()` stops it and deletes the folders.
 */
export async function startStudioHost(options: { workspace: 'example' | 'none' }): Promise<StudioHost> {
  const scratch = await mkdtemp(join(tmpdir(), 'studio-e2e-'));
  const userDataDir = join(scratch, 'user-data');
  let workspace: string | undefined;
  if (options.workspace === 'example') {
    workspace = join(scratch, 'workspace');
    await cp(EXAMPLE_WORKSPACE, workspace, { recursive: true });
  }
  const host = await startWebHost({
    userDataDir,
    watchDebounceMs: 50,
    ...(workspace ? { workspace } : {}),
  });
  return {
    host,
    workspace,
    userDataDir,
    scratch,
    async close() {
      await host.close();
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
