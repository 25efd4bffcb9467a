/**
 * `npm run web [WORKSPACE] [--port N] [--user-data DIR]`: starts the web host on 127.0.0.1,
 * prints its URL (with the per-launch token) and opens nothing else. Without a workspace it
 * opens the example workspace. Builds the renderer first when dist/renderer is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startWebHost } from './start-web-host.ts';
import { DEFAULT_RENDERER_DIR } from './web-server.ts';

const repoRoot = resolve(import.meta.dirname, '..', '..');
export const EXAMPLE_WORKSPACE = join(repoRoot, 'examples', 'default-workspace');

function fail(message: string): never {
  process.stderr.write(`pipeline-studio web: ${message}\n`);
  process.exit(2);
}

function parse(argv: string[]): { workspace: string | undefined; port: number; userDataDir?: string } {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { port: { type: 'string' }; 'user-data': { type: 'string' } };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options: { port: { type: 'string' }, 'user-data': { type: 'string' } },
      allowPositionals: true,
    });
  } catch (error) {
    fail(`${(error as Error).message}. Usage: npm run web -- [WORKSPACE] [--port N] [--user-data DIR]`);
  }
  const port = parsed.values.port === undefined ? 0 : Number(parsed.values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535`);
  const given = parsed.positionals[0];
  const workspace =
    given !== undefined ? resolve(given) : existsSync(EXAMPLE_WORKSPACE) ? EXAMPLE_WORKSPACE : undefined;
  const userDataDir = parsed.values['user-data'];
  return { workspace, port, ...(userDataDir === undefined ? {} : { userDataDir: resolve(userDataDir) }) };
}

/** Builds dist/renderer with vite when it is missing (a fresh checkout); a failed build stops with its output. */
export function ensureRendererBuilt(): void {
  if (existsSync(join(DEFAULT_RENDERER_DIR, 'index.html'))) return;
  const vite = join(repoRoot, 'node_modules', '.bin', 'vite');
  if (!existsSync(join(repoRoot, 'renderer', 'vite.config.ts')) || !existsSync(vite)) return;
  process.stdout.write('Building the studio interface (first start only)...\n');
  const result = spawnSync(vite, ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0)
    fail('building the interface failed (see above); fix it, or run `npm run build` to retry');
}

export async function main(argv: string[]): Promise<void> {
  const options = parse(argv);
  ensureRendererBuilt();
  const host = await startWebHost(options).catch((error: unknown) => fail((error as Error).message));
  process.stdout.write(`Pipeline Studio is running at ${host.url}\n`);
  if (options.workspace === undefined)
    process.stdout.write('No workspace given: open or create one in the page.\n');
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.main) await main(process.argv.slice(2));
