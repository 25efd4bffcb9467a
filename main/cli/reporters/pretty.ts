import { type Palette, palette } from '../color.ts';
import { formatError, ms } from '../format-run.ts';
import { sideBySide } from './side-by-side.ts';
import { countFailures, type FixtureCase, type SuiteResult } from './types.ts';

/** A failing fixture shows the start of its logs: enough to see what it did, not a wall of text. */
const MAX_LOG_LINES = 10;

/**
 * The terminal report of `test`: fixtures grouped by trigger, a mark per fixture, and for each
 * failure its mismatched fields with expected and actual side by side.
 */
export function prettyReport(suite: SuiteResult, color: boolean): string {
  const p = palette(color);
  const lines: string[] = [];
  if (suite.cases.length === 0) {
    lines.push(
      p.yellow(`No fixtures with an "expect" in ${suite.workspace}.`),
      'Add "expect": { "outcome": "continue" } to a fixture under fixtures/<TRIGGER>/ to test it.',
    );
    return `${lines.join('\n')}\n`;
  }
  let trigger: string | undefined;
  for (const c of suite.cases) {
    if (c.trigger !== trigger) {
      if (trigger !== undefined) lines.push('');
      trigger = c.trigger;
      lines.push(p.bold(trigger));
    }
    lines.push(...formatCase(c, p));
  }
  const failed = countFailures(suite);
  const passed = suite.cases.length - failed;
  const counts = [
    p.green(`${passed} passed`),
    failed > 0 ? p.red(`${failed} failed`) : `${failed} failed`,
  ].join(', ');
  const total = `${suite.cases.length} fixture${suite.cases.length === 1 ? '' : 's'}`;
  lines.push('', `${p.bold(total)}: ${counts} ${p.dim(`(${ms(suite.durationMs)})`)}`);
  return `${lines.join('\n')}\n`;
}

function formatCase(c: FixtureCase, p: Palette): string[] {
  const time = p.dim(`(${ms(c.result.durationMs)})`);
  if (c.report.pass) return [`  ${p.green('✓')} ${c.name} ${time}`];
  const lines = [`  ${p.red('✗')} ${p.red(c.name)} ${time}`, `      ${p.dim(c.file)}`];
  for (const mismatch of c.report.mismatches) lines.push(...sideBySide(mismatch, p, '      '));
  if (c.result.error !== undefined) {
    lines.push(...formatError(c.result.error, p, '      '));
  }
  const logs = c.result.stages.flatMap((stage) => stage.logs.map((log) => `[${stage.name}] ${log}`));
  for (const log of logs.slice(0, MAX_LOG_LINES)) lines.push(`      ${p.dim('log')} ${log}`);
  if (logs.length > MAX_LOG_LINES) {
    lines.push(
      `      ${p.dim(`… ${logs.length - MAX_LOG_LINES} more log lines (pipeline-studio run shows them all)`)}`,
    );
  }
  return lines;
}
