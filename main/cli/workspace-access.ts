import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Trigger } from '../../shared/triggers.ts';
import type { FileProblem, WorkspaceSnapshot } from '../workspace/types.ts';
import { CliError } from './command.ts';
import { describeFsError, displayPath } from './input-files.ts';
import type { CliIo } from './io.ts';

/** A workspace read for a run: its files, and the secret values its studio.json declares. */
export interface LoadedWorkspace {
  root: string;
  /** The folder as shown in messages (relative to the cwd when inside it). */
  shown: string;
  snapshot: WorkspaceSnapshot;
  secrets: Record<string, string>;
  /** Declared in studio.json but without a `PIPELINE_STUDIO_SECRET_<NAME>` value. */
  missingSecrets: string[];
}

/**
 * Reads a workspace folder through the workspace service. A missing folder or one without
 * studio.json is bad input; secret values come from `PIPELINE_STUDIO_SECRET_<NAME>`.
 */
export async function loadWorkspace(dir: string, io: CliIo): Promise<LoadedWorkspace> {
  const root = resolve(io.cwd, dir);
  const shown = displayPath(io.cwd, root);
  await requireFolder(root, shown);
  const { openWorkspace, createEnvSecretStore } = await import('../workspace/index.ts');
  const workspace = await openWorkspace(root, { secrets: createEnvSecretStore({ ...io.env }) });
  const snapshot = await workspace.read();
  const missingSecrets = (await workspace.listSecrets()).filter((s) => !s.hasValue).map((s) => s.name);
  return { root, shown, snapshot, secrets: await workspace.secretValues(), missingSecrets };
}

/**
 * Notes declared secrets that have no value, once the input is known to be good (so a refusal
 * stays one line). The run goes on: the function sees `env.<NAME>` undefined.
 */
export function noteMissingSecrets(ws: LoadedWorkspace, io: CliIo): void {
  for (const name of ws.missingSecrets) {
    io.err(`note: secret ${name} has no value; set PIPELINE_STUDIO_SECRET_${name} to provide it\n`);
  }
}

/** A missing path or a file where a workspace folder is expected is bad input, not a crash. */
export async function requireFolder(root: string, shown: string): Promise<void> {
  try {
    const info = await stat(root);
    if (!info.isDirectory()) throw new CliError(`${shown} is a file, not a workspace folder`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`no workspace at ${shown}: ${describeFsError(error)}`);
  }
}

/** Whether a workspace file matters to a run of these triggers (its pipeline, fixtures, or the shared files). */
export function concernsTriggers(file: string, triggers: readonly Trigger[]): boolean {
  const [top, folder] = file.split('/');
  if (top !== 'pipelines' && top !== 'fixtures') return true;
  return folder !== undefined && (triggers as readonly string[]).includes(folder);
}

/**
 * Prints warnings, and refuses (exit 2) when a file the run needs is malformed: the message names
 * the file and its line/column or field path, as the workspace service reported it.
 */
export function checkProblems(
  ws: LoadedWorkspace,
  relevant: (problem: FileProblem) => boolean,
  io: CliIo,
): void {
  const problems = ws.snapshot.problems.filter(relevant);
  for (const problem of problems.filter((p) => p.severity === 'warning')) {
    io.err(`warning: ${formatProblem(ws.shown, problem)}\n`);
  }
  const errors = problems.filter((p) => p.severity !== 'warning');
  const first = errors[0];
  if (first === undefined) return;
  const more =
    errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
  throw new CliError(`${formatProblem(ws.shown, first)}${more}`);
}

/** `dir/file:line:column: message`, a form terminals and editors turn into a link. */
export function formatProblem(shownRoot: string, problem: FileProblem): string {
  const file = shownRoot === '.' ? problem.file : join(shownRoot, problem.file);
  if (problem.line !== undefined) return `${file}:${problem.line}:${problem.column ?? 1}: ${problem.message}`;
  if (problem.path !== undefined && !problem.message.includes(problem.path)) {
    return `${file}: field "${problem.path}": ${problem.message}`;
  }
  return `${file}: ${problem.message}`;
}
