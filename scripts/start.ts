/**
 * `npm start [WORKSPACE]`: the desktop app where the Electron binary is installed; otherwise one
 * line saying so, and the web host (the same as `npm run web`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary } from '../main/electron/electron-binary.ts';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const electron = findElectronBinary();

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
