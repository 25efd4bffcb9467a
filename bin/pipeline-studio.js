#!/usr/bin/env node
// The CLI is TypeScript run by Node 24's type stripping. Under an older system Node, re-run it
// with the Node 24 that the `node` dev dependency installs, so `npx pipeline-studio` just works.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../main/cli/main.ts', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  const { main } = await import(entry);
  process.exitCode = await main(process.argv.slice(2));
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
  const r = spawnSync(node, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
