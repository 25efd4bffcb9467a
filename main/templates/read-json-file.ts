import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

/**
 * A template file that could not be used: names the file (relative to the templates folder), the
 * line/column for bad JSON or the field path for a schema violation, and what to do.
 */
export class TemplateFileError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly path: string | undefined;

  constructor(file: string, message: string, where: { line?: number; column?: number; path?: string } = {}) {
    const at =
      where.line !== undefined
        ? `:${where.line}:${where.column ?? 1}`
        : where.path
          ? ` (at ${where.path})`
          : '';
    super(`${file}${at}: ${message}`);
    this.name = 'TemplateFileError';
    this.file = file;
    this.line = where.line;
    this.column = where.column;
    this.path = where.path;
  }
}

/** Reads a UTF-8 text file, turning "not found" and the like into a message naming the file. */
export async function readTextFile(absPath: string, shownAs: string): Promise<string> {
  try {
    return await readFile(absPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'the file does not exist' : `it could not be read (${code ?? String(error)})`;
    throw new TemplateFileError(shownAs, `${why}; every template needs this file`);
  }
}

/** Parses JSON text and validates it; errors carry the line/column or the field path. */
export function parseJsonFile<T extends z.ZodType>(text: string, shownAs: string, schema: T): z.infer<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const { line, column } = locateJsonError(text, message);
    throw new TemplateFileError(shownAs, `invalid JSON: ${stripPosition(message)}; fix the syntax there`, {
      line,
      column,
    });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first?.path.map(String).join('.') ?? '';
    const more =
      parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
    throw new TemplateFileError(shownAs, `${first?.message ?? 'does not match the schema'}${more}`, {
      path: path === '' ? '(root)' : path,
    });
  }
  return parsed.data;
}

/** V8 says "... (line 3 column 5)" or "... at position 42"; both become a line and a column. */
function locateJsonError(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  const offset = pos ? Number(pos[1]) : text.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function stripPosition(message: string): string {
  return message.replace(/\s*(in JSON )?at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
}
