/**
 * `npm start [WORKSPACE]`: the desktop app where the Electron binary is installed; otherwise one
 * line saying so, and the web host (the same as `npm run web`).
 *
 * package.json denies the `electron` package's install script (`allowScripts`), so `npm install`
 * succeeds on machines without network access. Here, once per start, we try that download
 * ourselves; offline it fails within moments and we fall back to the web host.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary } from '../main/electron/electron-binary.ts';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const electron = ensureElectron();

/** The Electron binary, downloading it first when it is missing (unless PIPELINE_STUDIO_NO_DOWNLOAD is set). */
function ensureElectron(): ReturnType<typeof findElectronBinary> {
  const found = findElectronBinary();
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!('missing' in found) || process.env.PIPELINE_STUDIO_NO_DOWNLOAD || !existsSync(installer))
    return found;
  const download = spawnSync(process.execPath, [installer], { cwd: root, stdio: 'pipe', timeout: 120_000 });
  if (download.status === 0) return findElectronBinary();
  return { missing: `${found.missing}, and downloading it failed (no network?)` };
}

if ('missing' in electron) {
  process.stdout.write(
    `Electron isn't installed here: ${electron.missing}; starting the web host instead.\n`,
  );
  const { main } = await import('../main/web/start.ts');
  await main(args);
} else {
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
    const vite = join(root, 'node_modules', '.bin', 'vite');
    const built = spawnSync(vite, ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const { buildElectron } = await import('./build-electron.ts');
  await buildElectron();
  const child = spawn(electron.path, [join(root, 'dist', 'electron', 'main.mjs'), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
