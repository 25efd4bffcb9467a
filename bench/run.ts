/**
 * `npm run bench [-- NAME]`: runs every `bench/*-bench.ts` module (or those whose name contains
 * NAME). Each module exports `run(): Promise<void>` and prints its own section; a module that
 * fails is reported and the others still run. Exit code 1 when any failed, 2 when NAME matched none.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchName, listBenchModules } from './discover.ts';
import { machineLine } from './helpers.ts';

const dir = import.meta.dirname;
const filter = process.argv[2];
const files = listBenchModules(dir, filter);

if (files.length === 0) {
  const available = listBenchModules(dir).map(benchName).join(', ') || 'none';
  process.stderr.write(`No benchmark matches "${filter ?? ''}". Available: ${available}.\n`);
  process.exit(2);
}

process.stdout.write(`${machineLine()}\n`);
const failed: string[] = [];
for (const file of files) {
  const name = benchName(file);
  try {
    const mod: unknown = await import(pathToFileURL(join(dir, file)).href);
    const run = (mod as { run?: unknown }).run;
    if (typeof run !== 'function') {
      throw new Error(`bench/${file} must export "async function run(): Promise<void>"`);
    }
    await run();
  } catch (error) {
    failed.push(name);
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nbenchmark "${name}" failed: ${message}\n`);
  }
}
if (failed.length > 0) {
  process.stderr.write(`\n${failed.length} benchmark(s) failed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
