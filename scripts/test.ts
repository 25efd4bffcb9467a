/**
 * `npm test`: typecheck, lint, build the renderer, then every Vitest suite (unit, CLI, sandbox,
 * Playwright through the web host). Ends with one line `N passed, N failed` counting test cases,
 * plus one case for each of the typecheck, lint and build steps.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
let passed = 0;
let failed = 0;

function step(title: string, cmd: string, args: string[]): void {
  process.stdout.write(`\n▶ ${title}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status === 0) passed++;
  else {
    failed++;
    process.stdout.write(`✖ ${title} failed (exit ${r.status ?? r.signal})\n`);
  }
}

step('typecheck (main, server, shared, test)', bin('tsc'), ['-p', 'tsconfig.json']);
step('typecheck (shared without Node types)', bin('tsc'), ['-p', 'shared/tsconfig.json']);
if (existsSync(join(root, 'renderer', 'tsconfig.json'))) {
  step('typecheck (renderer without Node types)', bin('tsc'), ['-p', 'renderer/tsconfig.json']);
  step('build the renderer', bin('vite'), [
    'build',
    '--config',
    'renderer/vite.config.ts',
    '--logLevel',
    'warn',
  ]);
}
step('lint and format (biome, layer rules)', bin('biome'), ['check', '.']);

mkdirSync(join(root, 'test-results'), { recursive: true });
const report = join(root, 'test-results', 'vitest.json');
const extra = process.argv.slice(2);
const vitest = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
  { cwd: root, stdio: 'inherit' },
);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numFailedTestSuites: number;
  };
  passed += r.numPassedTests;
  // A suite that fails to load has no failed test in it; count it so it cannot pass silently.
  failed += r.numFailedTests + (r.numFailedTests === 0 ? r.numFailedTestSuites : 0);
  if (r.numPendingTests > 0) process.stdout.write(`(${r.numPendingTests} skipped: see the reasons above)\n`);
} else {
  failed++;
  process.stdout.write(`✖ vitest wrote no report (exit ${vitest.status})\n`);
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed > 0 ? 1 : 0;
