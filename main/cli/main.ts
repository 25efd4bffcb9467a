import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, EXIT_BAD_INPUT, EXIT_OK } from './command.ts';
import { COMMANDS } from './command-table.ts';
import { type CliIo, processIo } from './io.ts';
import { closest } from './suggest.ts';

/** Returned when our own code failed (not the user's input or pipeline): a bug to report. */
export const EXIT_INTERNAL = 3;

/**
 * The CLI entry, called by bin/pipeline-studio.js. Resolves to the exit code instead of exiting,
 * so output is flushed and tests can call it in-process.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(toolHelp());
    return EXIT_BAD_INPUT;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    return showHelp(rest[0], io);
  }
  if (first === '--version' || first === '-v' || first === '-V') {
    io.out(`${readVersion()}\n`);
    return EXIT_OK;
  }
  if (first.startsWith('-')) {
    return fail(io, 'pipeline-studio', `unknown flag ${first} (run pipeline-studio --help for the options)`);
  }
  const entry = COMMANDS[first];
  if (entry === undefined) return unknownCommand(first, io);
  const command = await entry.load();
  const flagsPart = indexOrEnd(rest, '--');
  if (rest.slice(0, flagsPart).some((arg) => arg === '--help' || arg === '-h')) {
    io.out(command.help);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isWorkspaceRefusal(error)) return fail(io, `pipeline-studio ${first}`, error.message);
    if (error instanceof CliError) {
      const hint = error.showHelpHint ? ` (see pipeline-studio ${first} --help)` : '';
      return fail(io, `pipeline-studio ${first}`, `${error.message}${hint}`);
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`pipeline-studio ${first}: internal error: ${oneLine(message)}\n`);
    if (io.env.PIPELINE_STUDIO_DEBUG && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
    else io.err('This is a bug in pipeline-studio; set PIPELINE_STUDIO_DEBUG=1 to see the stack trace.\n');
    return EXIT_INTERNAL;
  }
}

async function showHelp(name: string | undefined, io: CliIo): Promise<number> {
  if (name === undefined) {
    io.out(toolHelp());
    return EXIT_OK;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) return unknownCommand(name, io);
  io.out((await entry.load()).help);
  return EXIT_OK;
}

/**
 * The workspace service refuses with a `WorkspaceError` whose message already says what, where
 * and what to do (not a workspace, malformed file, name taken): bad input, exit 2. Matched by
 * name so that `--help` does not load the workspace service.
 */
function isWorkspaceRefusal(error: unknown): error is Error {
  return error instanceof Error && error.name === 'WorkspaceError';
}

function unknownCommand(name: string, io: CliIo): number {
  const names = [...Object.keys(COMMANDS), 'help', 'server'];
  const match = closest(name, names);
  const hint = match === undefined ? '' : ` (did you mean ${match}?)`;
  return fail(
    io,
    'pipeline-studio',
    `unknown command "${name}"${hint}; commands: ${Object.keys(COMMANDS).join(', ')}`,
  );
}

function fail(io: CliIo, prefix: string, message: string): number {
  io.err(`${prefix}: ${oneLine(message)}\n`);
  return EXIT_BAD_INPUT;
}

/** Error messages are one line on stderr, so CI logs and `2>` captures stay readable. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

function indexOrEnd(items: readonly string[], item: string): number {
  const i = items.indexOf(item);
  return i === -1 ? items.length : i;
}

/** The top-level help: every command of the table with its summary. */
export function toolHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;
  const lines = Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(width)}${entry.summary}`);
  return [
    'pipeline-studio: write, replay and test authentication pipeline functions',
    '',
    'Usage: pipeline-studio <command> [arguments] [flags]',
    '',
    'Commands:',
    ...lines,
    '',
    'Flags:',
    '  -h, --help     show help; pipeline-studio <command> --help shows a command',
    '  --version      print the version',
    '',
    'Exit codes: 0 the run completed (whatever its outcome), 1 a test failed,',
    '            2 bad input (usage, unreadable file, unknown trigger), 3 internal error',
    '',
    'Secrets are read from PIPELINE_STUDIO_SECRET_<NAME> environment variables.',
    '',
  ].join('\n');
}

function readVersion(): string {
  const file = join(import.meta.dirname, '..', '..', 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}
