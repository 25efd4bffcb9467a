import { assertNever } from '../../shared/assert-never.ts';
import type { RunError, RunResult, StageOutcome, StageTrace } from '../../shared/run-result.ts';
import type { JsonObject } from '../../shared/schemas/json.ts';
import { type Palette, palette } from './color.ts';

/** The human summary `exec` and `run` print without `--json`: outcome, stages, then the final data. */
export function formatRun(result: RunResult, color: boolean): string {
  const p = palette(color);
  const lines: string[] = [];
  lines.push(
    `${p.bold('Outcome:')} ${outcomeLabel(result.outcome, p)} ${p.dim(`(${ms(result.durationMs)})`)}`,
  );
  if (result.error !== undefined) lines.push(...formatError(result.error, p, '  '));
  lines.push('', p.bold('Stages:'));
  if (result.stages.length === 0) lines.push('  (none)');
  const width = Math.max(0, ...result.stages.map((s) => s.name.length));
  for (const stage of result.stages) lines.push(...formatStage(stage, width, p));
  lines.push('', p.bold('User:'), indent(pretty(result.user)));
  lines.push('', p.bold('Context:'), indent(pretty(result.context)));
  for (const [title, value] of [
    ['ID token claims', result.idToken],
    ['Access token claims', result.accessToken],
    ['Custom data', result.customData],
  ] as const) {
    if (!isEmpty(value)) lines.push('', p.bold(`${title}:`), indent(pretty(value)));
  }
  return `${lines.join('\n')}\n`;
}

function formatStage(stage: StageTrace, width: number, p: Palette): string[] {
  const lines = [
    `  ${stageMark(stage.outcome, p)} ${stage.name.padEnd(width)}  ${stageOutcome(stage.outcome, p).padEnd(8)}  ${p.dim(ms(stage.durationMs))}`,
  ];
  const pad = '      ';
  if (stage.error !== undefined) lines.push(...formatError(stage.error, p, pad));
  for (const log of stage.logs) lines.push(`${pad}${p.dim('log')} ${log.replace(/\n/g, `\n${pad}    `)}`);
  for (const call of stage.http) {
    const status = call.error !== undefined ? p.red(call.error) : String(call.status ?? '');
    lines.push(`${pad}${p.dim('http')} ${call.method} ${call.url} → ${status}`);
  }
  for (const call of stage.authing) {
    const answer = call.error !== undefined ? p.red(call.error) : 'ok';
    lines.push(
      `${pad}${p.dim('authing')} ${call.method}(${call.args.map((a) => JSON.stringify(a)).join(', ')}) → ${answer}`,
    );
  }
  return lines;
}

/** The error message and, for user code, `file:line:column` so an editor can jump there. */
export function formatError(error: RunError, p: Palette, pad: string): string[] {
  const stage = error.stage !== undefined ? p.dim(` (stage ${error.stage})`) : '';
  const lines = [`${pad}${p.red('error')} ${error.message}${stage}`];
  const at = error.location;
  if (at !== undefined) lines.push(`${pad}  at ${at.file}:${at.line}:${at.column}`);
  return lines;
}

export function outcomeLabel(outcome: RunResult['outcome'], p: Palette): string {
  switch (outcome) {
    case 'continue':
      return p.green('continue');
    case 'deny':
      return p.yellow('deny');
    case 'error':
      return p.red('error');
    default:
      return assertNever(outcome, 'run outcome');
  }
}

function stageMark(outcome: StageOutcome, p: Palette): string {
  switch (outcome) {
    case 'continue':
      return p.green('✓');
    case 'deny':
      return p.yellow('✗');
    case 'error':
    case 'timeout':
      return p.red('✗');
    case 'skipped':
      return p.dim('-');
    case 'async':
      return p.cyan('↷');
    default:
      return assertNever(outcome, 'stage outcome');
  }
}

function stageOutcome(outcome: StageOutcome, p: Palette): string {
  const text = outcome.padEnd(8);
  if (outcome === 'error' || outcome === 'timeout') return p.red(text);
  if (outcome === 'deny') return p.yellow(text);
  return outcome === 'continue' ? text : p.dim(text);
}

export function ms(value: number): string {
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

function pretty(value: JsonObject | null): string {
  return JSON.stringify(value, null, 2);
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}

function isEmpty(value: JsonObject): boolean {
  return Object.keys(value).length === 0;
}
