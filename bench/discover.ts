/** Finds the benchmark modules `npm run bench` runs: every `*-bench.ts` directly in the bench folder. */
import { readdirSync } from 'node:fs';

const SUFFIX = '-bench.ts';

/** The benchmark's name is its file name without `-bench.ts` (`executor-bench.ts` → `executor`). */
export function benchName(file: string): string {
  return file.endsWith(SUFFIX) ? file.slice(0, -SUFFIX.length) : file;
}

/**
 * Bench module file names in `dir`, sorted; with `filter`, only those whose name contains it
 * (so `npm run bench -- exec` runs `executor-bench.ts`).
 */
export function listBenchModules(dir: string, filter?: string): string[] {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(SUFFIX))
    .map((entry) => entry.name)
    .sort();
  if (!filter) return files;
  const needle = filter.toLowerCase();
  return files.filter((file) => benchName(file).toLowerCase().includes(needle));
}
