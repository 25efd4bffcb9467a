import type { Mismatch } from '../../../shared/expect-match.ts';
import type { Json } from '../../../shared/schemas/json.ts';
import type { Palette } from '../color.ts';

/** Columns wider than this wrap, so a long value cannot push `actual` off the screen. */
const MAX_COLUMN = 56;

/**
 * Shows one mismatched field as two columns, expected on the left and actual on the right,
 * pretty-printed so nested objects line up row by row.
 */
export function sideBySide(mismatch: Mismatch, p: Palette, pad: string): string[] {
  const left = wrap(render(mismatch.expected));
  const right = wrap(render(mismatch.actual));
  const width = Math.min(MAX_COLUMN, Math.max('expected'.length, ...left.map((l) => l.length)));
  const rows = Math.max(left.length, right.length);
  // `expect.error` is matched as a substring of the message, not for equality (SEMANTICS.md).
  const note = mismatch.path === 'error' ? p.dim(' (the message must contain the expected text)') : '';
  const lines = [`${pad}${p.bold(mismatch.path)}${note}`];
  lines.push(`${pad}  ${p.dim('expected'.padEnd(width))} ${p.dim('│')} ${p.dim('actual')}`);
  for (let i = 0; i < rows; i++) {
    const l = (left[i] ?? '').padEnd(width);
    const r = right[i] ?? '';
    lines.push(`${pad}  ${p.green(l)} ${p.dim('│')} ${p.red(r)}`.trimEnd());
  }
  return lines;
}

/** A JSON value as indented lines; a field the run did not produce reads `(absent)`. */
export function render(value: Json | undefined): string[] {
  if (value === undefined) return ['(absent)'];
  return JSON.stringify(value, null, 2).split('\n');
}

function wrap(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (line.length <= MAX_COLUMN) {
      out.push(line);
      continue;
    }
    for (let i = 0; i < line.length; i += MAX_COLUMN) out.push(line.slice(i, i + MAX_COLUMN));
  }
  return out;
}

/** `path: expected X, got Y` on one line, for JUnit failure messages and short summaries. */
export function mismatchLine(mismatch: Mismatch): string {
  const show = (value: Json | undefined) => (value === undefined ? '(absent)' : JSON.stringify(value));
  return `${mismatch.path}: expected ${show(mismatch.expected)}, got ${show(mismatch.actual)}`;
}
