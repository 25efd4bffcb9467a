/**
 * Where the desktop app finds its parts, in development (`electron dist/electron/main.mjs` in
 * the repository) and packaged (electron-builder.yml): the renderer and preload beside the
 * bundled main, the sandbox host's Node runtime and entry outside the asar archive, because a
 * plain Node process cannot read inside it.
 */
import { join } from 'node:path';

export interface AppPaths {
  rendererDir: string;
  preload: string;
  nodeBinary: string;
  sandboxEntry: string;
}

/** `bundleDir` is dist/electron (in the repository, or inside app.asar when packaged). */
export function appPaths(bundleDir: string, packaged: boolean, resourcesPath: string): AppPaths {
  const appRoot = join(bundleDir, '..', '..');
  const exe = process.platform === 'win32' ? 'node.exe' : 'node';
  const unpackedRoot = packaged ? appRoot.replace(/app\.asar$/, 'app.asar.unpacked') : appRoot;
  return {
    rendererDir: join(bundleDir, '..', 'renderer'),
    preload: join(bundleDir, 'preload.cjs'),
    nodeBinary: packaged
      ? join(resourcesPath, 'node', 'bin', exe)
      : join(appRoot, 'node_modules', 'node', 'bin', exe),
    sandboxEntry: join(unpackedRoot, 'main', 'sandbox', 'host.ts'),
  };
}
