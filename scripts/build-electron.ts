/**
 * `npm run build:electron`: bundles the Electron main process and the preload with esbuild,
 * since Electron cannot strip TypeScript types. Output: dist/electron/main.mjs (ESM, Node
 * target) and dist/electron/preload.cjs (CommonJS: sandboxed preloads cannot be modules).
 * The renderer is built separately (`npm run build`).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..');
const outdir = join(root, 'dist', 'electron');

export async function buildElectron(): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [join(root, 'main', 'electron', 'main.ts')],
    outfile: join(outdir, 'main.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: 'linked',
    // Native or optional modules stay outside the bundle; `createRequire` lets bundled CommonJS code load them.
    external: ['electron', 'isolated-vm', 'fsevents', 'bufferutil', 'utf-8-validate'],
    banner: {
      js: "import { createRequire as __psCreateRequire } from 'node:module'; const require = __psCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  await build({
    entryPoints: [join(root, 'main', 'electron', 'preload.ts')],
    outfile: join(outdir, 'preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    logLevel: 'warning',
  });
}

if (import.meta.main) {
  await buildElectron();
  process.stdout.write(
    `Built ${join('dist', 'electron', 'main.mjs')} and ${join('dist', 'electron', 'preload.cjs')}\n`,
  );
}
