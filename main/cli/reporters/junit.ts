import type { Trigger } from '../../../shared/triggers.ts';
import { mismatchLine } from './side-by-side.ts';
import type { FixtureCase, SuiteResult } from './types.ts';
import { xmlAttr, xmlText } from './xml.ts';

/**
 * The `--reporter junit` document: one `<testsuite>` per trigger, one `<testcase>` per fixture,
 * a `<failure>` listing every mismatched field, and the stage logs as `<system-out>`.
 */
export function junitReport(suite: SuiteResult): string {
  const groups = new Map<Trigger, FixtureCase[]>();
  for (const c of suite.cases) {
    const list = groups.get(c.trigger) ?? [];
    list.push(c);
    groups.set(c.trigger, list);
  }
  const failures = suite.cases.filter((c) => !c.report.pass).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(`pipeline-studio test ${suite.workspace}`)}" tests="${suite.cases.length}" failures="${failures}" errors="0" time="${seconds(suite.durationMs)}">`,
  ];
  for (const [trigger, cases] of groups) {
    const failed = cases.filter((c) => !c.report.pass).length;
    const time = cases.reduce((sum, c) => sum + c.result.durationMs, 0);
    lines.push(
      `  <testsuite name="${xmlAttr(trigger)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0" time="${seconds(time)}">`,
    );
    for (const c of cases) lines.push(...testCase(c));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

function testCase(c: FixtureCase): string[] {
  const open = `    <testcase classname="${xmlAttr(c.trigger)}" name="${xmlAttr(c.name)}" file="${xmlAttr(c.file)}" time="${seconds(c.result.durationMs)}"`;
  const logs = c.result.stages.flatMap((s) => s.logs.map((log) => `[${s.name}] ${log}`));
  if (c.report.pass && logs.length === 0) return [`${open}/>`];
  const lines = [`${open}>`];
  if (!c.report.pass) {
    const details = c.report.mismatches.map(mismatchLine);
    if (c.result.error !== undefined) {
      const at = c.result.error.location;
      const where = at === undefined ? '' : ` at ${at.file}:${at.line}:${at.column}`;
      const stage = c.result.error.stage === undefined ? '' : ` (stage ${c.result.error.stage})`;
      details.push(`run error: ${c.result.error.message}${stage}${where}`);
    }
    details.push(`fixture: ${c.file}`);
    const message = details[0] ?? 'expectation not met';
    lines.push(
      `      <failure message="${xmlAttr(message)}" type="ExpectationMismatch">${xmlText(details.join('\n'))}</failure>`,
    );
  }
  if (logs.length > 0) lines.push(`      <system-out>${xmlText(logs.join('\n'))}</system-out>`);
  lines.push('    </testcase>');
  return lines;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
