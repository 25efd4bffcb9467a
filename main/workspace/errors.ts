import type { FileProblem } from './types.ts';

/** Why a workspace operation was refused; lets callers (CLI exit codes, UI toasts) branch without parsing text. */
export type WorkspaceErrorCode =
  | 'not-a-workspace'
  | 'not-empty'
  | 'malformed-file'
  | 'not-found'
  | 'already-exists'
  | 'invalid-name'
  | 'invalid-input'
  | 'path-outside-workspace'
  | 'secret-in-content'
  | 'read-only-secret-store'
  | 'template-unavailable';

/**
 * An error a person can act on: the message says what happened, where, and what to do.
 * `problems` carries the file problems behind a `malformed-file` refusal.
 */
export class WorkspaceError extends Error {
  readonly code: WorkspaceErrorCode;
  readonly problems: FileProblem[];

  constructor(code: WorkspaceErrorCode, message: string, problems: FileProblem[] = []) {
    super(message);
    this.name = 'WorkspaceError';
    this.code = code;
    this.problems = problems;
  }
}

/** `file:line:column: message` (or `file: path: message`), the form editors and terminals link. */
export function formatProblem(problem: FileProblem): string {
  if (problem.line !== undefined) {
    return `${problem.file}:${problem.line}:${problem.column ?? 1}: ${problem.message}`;
  }
  return `${problem.file}: ${problem.message}`;
}

/** The refusal for an operation that would have to rewrite a file that is not valid. */
export function malformedFileError(problems: FileProblem[], action: string): WorkspaceError {
  const first = problems[0];
  const where = first ? formatProblem(first) : 'a workspace file is not valid';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
  return new WorkspaceError(
    'malformed-file',
    `Cannot ${action}: ${where}${more}. Fix the file first; it was left unchanged.`,
    problems,
  );
}

/** Node's `ENOENT` and friends, without a silent catch. */
export function isErrnoCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
