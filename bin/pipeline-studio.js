#!/usr/bin/env node
// The CLI is TypeScript run by Node 24's type stripping. Under an older system Node, re-run this
// file with the Node 24 that the `node` dev dependency installs, so `npx pipeline-studio` just works.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  let settled = false;
  // A command whose work can never finish (e.g. the sandbox host died and nothing is left to wait
  // for) would otherwise end with Node's exit code 13 and no explanation.
  process.on('exit', () => {
    if (settled) return;
    console.error('pipeline-studio: internal error: stopped before the command finished');
    process.exitCode = 3;
  });
  process.exitCode = await dispatch(args);
  settled = true;
} else {
  const require = createRequire(import.meta.url);
  let node;
  try {
    node = require.resolve('node/bin/node');
  } catch {
    console.error(
      `pipeline-studio needs Node 24 or newer (this is ${process.version}); run npm install first.`,
    );
    process.exit(2);
  }
  const r = spawnSync(node, [fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

/**
 * `serve`/`server` belong to the store server (server/cli/main.ts); everything else to the
 * studio CLI (main/cli/main.ts). The split lives here because main/ may not import server/.
 */
async function dispatch(argv) {
  const first = argv[0];
  if (first === 'serve' || first === 'server') {
    const entry = fileURLToPath(new URL('../server/cli/main.ts', import.meta.url));
    if (!existsSync(entry)) {
      console.error(
        `pipeline-studio ${first}: the store server is not part of this build (missing server/cli/main.ts)`,
      );
      return 2;
    }
    const { main } = await import(entry);
    return main(argv);
  }
  const { main } = await import(fileURLToPath(new URL('../main/cli/main.ts', import.meta.url)));
  return main(argv);
}
