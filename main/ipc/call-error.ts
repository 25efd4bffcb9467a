/**
 * Turns whatever a handler threw into an `IpcError` a person can act on: what happened, where
 * (file and line, or the field path of a bad argument) and what to do. Our own stack traces
 * never cross the boundary; an unexpected error is logged here with its stack instead.
 */
import type { z } from 'zod';
import type { CallName } from '../../shared/ipc/contract.ts';
import type { IpcError, IpcErrorCode } from '../../shared/ipc/results.ts';

/** An error a handler throws on purpose, with the code and location the renderer shows. */
export class CallError extends Error {
  readonly code: IpcErrorCode;
  readonly where: Pick<IpcError, 'file' | 'line' | 'column' | 'path'>;

  constructor(code: IpcErrorCode, message: string, where: CallError['where'] = {}) {
    super(message);
    this.name = 'CallError';
    this.code = code;
    this.where = where;
  }
}

/** Codes of main/workspace's `WorkspaceError`, matched by shape so this module does not depend on its file. */
const WORKSPACE_CODES: Readonly<Record<string, IpcErrorCode>> = {
  'not-a-workspace': 'not-found',
  'not-empty': 'conflict',
  'malformed-file': 'invalid-file',
  'not-found': 'not-found',
  'already-exists': 'conflict',
  'invalid-name': 'invalid-args',
  'invalid-input': 'invalid-args',
  'path-outside-workspace': 'forbidden',
  'secret-in-content': 'invalid-args',
  'read-only-secret-store': 'unavailable',
  'template-unavailable': 'not-found',
};

/** Describes zod issues by field path: `settings.timeoutSeconds: Too big: expected number to be <=60`. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): { message: string; path?: string } {
  const parts = issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const first = issues[0];
  const path = first && first.path.length > 0 ? first.path.map(String).join('.') : undefined;
  return { message: parts.join('; '), ...(path === undefined ? {} : { path }) };
}

export function invalidArgs(call: CallName | string, issues: readonly z.core.$ZodIssue[]): CallError {
  const { message, path } = describeIssues(issues);
  return new CallError(
    'invalid-args',
    `Invalid arguments for ${call}: ${message}.`,
    path === undefined ? {} : { path },
  );
}

interface Locatable {
  file?: unknown;
  line?: unknown;
  column?: unknown;
  path?: unknown;
  problems?: unknown;
}

function locationOf(error: Locatable): Pick<IpcError, 'file' | 'line' | 'column' | 'path'> {
  const source: Locatable =
    Array.isArray(error.problems) && error.problems.length > 0 ? (error.problems[0] as Locatable) : error;
  const where: Pick<IpcError, 'file' | 'line' | 'column' | 'path'> = {};
  if (typeof source.file === 'string') where.file = source.file;
  if (typeof source.line === 'number') where.line = source.line;
  if (typeof source.column === 'number') where.column = source.column;
  if (typeof source.path === 'string') where.path = source.path;
  return where;
}

/** Maps a thrown value to the error the renderer receives. */
export function toIpcError(call: string, error: unknown): IpcError {
  if (error instanceof CallError) return { code: error.code, message: error.message, ...error.where };
  if (error instanceof Error && error.name === 'WorkspaceError') {
    const code = WORKSPACE_CODES[(error as Error & { code?: string }).code ?? ''] ?? 'invalid-args';
    return { code, message: error.message, ...locationOf(error as Locatable) };
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return { code: 'cancelled', message: `${call} was cancelled.` };
  }
  if (
    error instanceof Error &&
    (error.name === 'TemplateFileError' || typeof (error as Locatable).file === 'string')
  ) {
    return { code: 'invalid-file', message: error.message, ...locationOf(error as Locatable) };
  }
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof Error && typeof errno === 'string' && errno.startsWith('E')) {
    return fileSystemError(call, error as NodeJS.ErrnoException);
  }
  // Not an error we expected: keep the stack in the log for us, give the person a message.
  console.error(`[ipc] ${call} failed unexpectedly:`, error);
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    message: `${call} failed: ${message}. This looks like a bug in Pipeline Studio; the log has details.`,
  };
}

function fileSystemError(call: string, error: NodeJS.ErrnoException): IpcError {
  const where = error.path === undefined ? '' : ` (${error.path})`;
  switch (error.code) {
    case 'ENOENT':
      return { code: 'not-found', message: `${call}: no such file or folder${where}.` };
    case 'EACCES':
    case 'EPERM':
      return {
        code: 'forbidden',
        message: `${call}: permission denied${where}; check the folder's permissions.`,
      };
    case 'EEXIST':
      return { code: 'conflict', message: `${call}: it already exists${where}; choose another name.` };
    default:
      return { code: 'internal', message: `${call}: ${error.message}` };
  }
}
