import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The Node binary that runs the sandbox host. isolated-vm 7 is built for Node 24's ABI, and
 * Electron's main process is not Node 24, so there we use the runtime shipped by the `node`
 * npm package instead of `process.execPath`.
 */
export function sandboxNodeBinary(): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (process.versions.electron === undefined && major >= 24) return process.execPath;
  const require = createRequire(import.meta.url);
  return require.resolve('node/bin/node');
}

/** The sandbox host's entry file, next to this one. */
export function sandboxHostEntry(): string {
  return fileURLToPath(new URL('./host.ts', import.meta.url));
}
