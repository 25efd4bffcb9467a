import { describe, expect, it } from 'vitest';
import { runCli } from './cli-process.ts';

describe('the example workspace (child process)', () => {
  it('pipeline-studio test examples/default-workspace passes', async () => {
    const r = await runCli(['test', 'examples/default-workspace']);
    // Only notes (e.g. a declared secret without a value), never an error.
    for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^note: /);
    expect(r.stdout).toMatch(/\d+ fixtures?: \d+ passed, 0 failed/);
    expect(r.code).toBe(0);
  });

  it('and its junit report has no failures', async () => {
    const r = await runCli(['test', 'examples/default-workspace', '--reporter', 'junit']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/<testsuites [^>]*failures="0"/);
    expect(r.stdout).not.toContain('<failure');
  });
});
