import type { z } from 'zod';
import { findJsonErrorOffset, lineColumnAt } from './json-location.ts';
import { findPathOffset } from './json-path-location.ts';
import type { FileProblem } from './types.ts';

export type ParsedFile<T> =
  | {
      ok: true;
      value: T /** The JSON as written, so a rewrite keeps keys the schema does not know. */;
      raw: unknown;
    }
  | { ok: false; problems: FileProblem[] };

/**
 * Parses and validates one workspace JSON file. Bad JSON gives the line and column; a schema
 * violation gives the field path; both say what was expected. Never throws for bad content.
 */
export function parseJsonFile<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  expected: string,
): ParsedFile<z.output<S>> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    return { ok: false, problems: [jsonSyntaxProblem(body, file, error, expected)] };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data, raw };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => schemaProblem(body, file, issue, expected)),
  };
}

function jsonSyntaxProblem(text: string, file: string, error: unknown, expected: string): FileProblem {
  const v8Message = error instanceof Error ? error.message : String(error);
  const stated = /at position (\d+)/.exec(v8Message);
  let offset = stated?.[1] !== undefined ? Number(stated[1]) : findJsonErrorOffset(text);
  if (offset < 0) offset = text.length;
  const { line, column } = lineColumnAt(text, offset);
  const reason =
    text.trim() === ''
      ? 'the file is empty'
      : v8Message
          .replace(/ in JSON at position \d+.*$/, '')
          .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '')
          .trim();
  return {
    file,
    line,
    column,
    message: `not valid JSON: ${reason}; expected ${expected}`,
    severity: 'error',
  };
}

/** A schema violation: its field path, and where that field is (for editor markers). */
function schemaProblem(text: string, file: string, issue: z.core.$ZodIssue, expected: string): FileProblem {
  const path = issue.path.map(String).join('.');
  // A bad record key ("Invalid key in record") carries the key's own issue, which says what a key must be.
  const cause = issue.code === 'invalid_key' ? (issue.issues[0] ?? issue) : issue;
  const custom = cause.code === 'invalid_format' && !/^invalid/i.test(cause.message);
  const detail = custom ? `expected ${cause.message}` : cause.message;
  const message = path === '' ? `${detail}; expected ${expected}` : `field "${path}": ${detail}`;
  const { line, column } = lineColumnAt(text, findPathOffset(text, issue.path));
  return { file, path, line, column, message, severity: 'error' };
}

/** Pretty JSON as the workspace keeps it: two spaces, trailing newline (diff-friendly in git). */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
