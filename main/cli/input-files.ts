import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { type Fixture, fixtureSchema } from '../../shared/schemas/fixture.ts';
import { normalizeTrigger, TRIGGERS, type Trigger } from '../../shared/triggers.ts';
import { CliError } from './command.ts';
import { parseJsonText } from './json-text.ts';

/** A path as the person typed it, relative to where they are, for messages. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel === '' ? '.' : rel.startsWith('..') ? absolute : rel;
}

/** Reads a text file the person pointed us at; a missing or unreadable file is bad input. */
export async function readInputFile(absolute: string, shown: string, what: string): Promise<string> {
  try {
    return await readFile(absolute, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${what} ${shown}: ${describeFsError(error)}`);
  }
}

/** Turns Node's fs error codes into words a person can act on. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file (check the path)';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Reads and validates a fixture file. Bad JSON is reported with `file:line:column`, a schema
 * violation with the field path, so the person can go straight to the mistake.
 */
export async function loadFixtureFile(absolute: string, shown: string): Promise<Fixture> {
  const text = await readInputFile(absolute, shown, 'fixture');
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.problem;
    throw new CliError(`${shown}:${line}:${column}: invalid JSON: ${message}`);
  }
  const result = fixtureSchema.safeParse(parsed.value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue === undefined || issue.path.length === 0 ? '(the whole file)' : issue.path.join('.');
    const more =
      result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : '';
    throw new CliError(
      `${shown}: invalid fixture at field ${path}: ${issue?.message ?? 'does not match the fixture format'}${more}`,
    );
  }
  return result.data;
}

/** Resolves `--trigger`, accepting aliases; an unknown name lists the valid ones. */
export function parseTrigger(name: string): Trigger {
  const trigger = normalizeTrigger(name);
  if (trigger === undefined) {
    throw new CliError(`unknown trigger "${name}"; valid triggers: ${TRIGGERS.join(', ')}`);
  }
  return trigger;
}
