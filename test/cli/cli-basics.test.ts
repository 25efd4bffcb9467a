import { describe, expect, it } from 'vitest';
import { lines, runCli } from './cli-process.ts';

const COMMANDS = ['exec', 'run', 'test', 'init', 'templates', 'status', 'pull', 'push', 'publish'];

describe('pipeline-studio help, version and usage errors (child process)', () => {
  it('--help lists every command and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const name of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${name}\\s+\\S`, 'm'));
    expect(r.stderr).toBe('');
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each(COMMANDS.map((name) => [name]))('%s --help prints its usage and exits 0', async (name) => {
    const r = await runCli([name, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Usage: pipeline-studio ${name}`));
  });

  it('-h works after other arguments too', async () => {
    const r = await runCli(['exec', 'a.js', '-h']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--fixture F.json');
  });

  it('no command prints the help on stderr and exits 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: pipeline-studio <command>');
  });

  it.each([
    [['frobnicate'], /^pipeline-studio: unknown command "frobnicate"/],
    [['tset', 'ws'], /unknown command "tset" \(did you mean test\?\)/],
    [['--frob'], /^pipeline-studio: unknown flag --frob/],
    [
      ['exec', 'a.js', '--trigger', 'PRE_REGISTER', '--fixture', 'f.json', '--jsno'],
      /unknown flag --jsno \(did you mean --json\?\)/,
    ],
    [['exec', '--trigger', 'PRE_REGISTER', '--fixture', 'f.json'], /missing FILE\.js/],
    [['exec', 'a.js', '--fixture', 'f.json'], /missing --trigger T/],
    [['exec', 'a.js', '--trigger'], /--trigger needs a value/],
    [['run', 'ws', 'extra', '--trigger', 'PRE_REGISTER', '--fixture', 'x'], /unexpected argument "extra"/],
    [['test', 'ws', '--reporter', 'xml'], /--reporter must be one of pretty, json, junit \(got "xml"\)/],
    [['templates'], /missing subcommand: list, show or add/],
    [['templates', 'remove', 'x'], /unknown subcommand "remove"/],
    [['init'], /missing DIR/],
    [['status'], /missing WORKSPACE/],
  ])('%j is a one-line error on stderr with exit 2', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('re-executes itself under Node 24 when started by an older node', async () => {
    const r = await runCli(['--version'], { node: 'node' });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('hands serve and server to the store server entry', async () => {
    const r = await runCli(['server', '--help']);
    expect(r.stdout + r.stderr).toContain('pipeline-studio server create-tenant');
  });
});
