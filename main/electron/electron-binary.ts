/**
 * Finds the Electron binary the `electron` package downloaded, without loading that package
 * (which throws when the download never happened, as on machines without network access).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/** The binary's path, or `undefined` with the reason it is missing. */
export function findElectronBinary(): { path: string } | { missing: string } {
  const pkg = join(repoRoot, 'node_modules', 'electron');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const binary =
    override !== undefined && override !== ''
      ? join(override, relative ?? 'electron')
      : relative !== undefined
        ? join(pkg, 'dist', relative)
        : undefined;
  if (binary === undefined) {
    return { missing: 'the Electron binary was never downloaded (node_modules/electron/path.txt is absent)' };
  }
  if (!existsSync(binary)) return { missing: `the Electron binary is not at ${binary}` };
  return { path: binary };
}
