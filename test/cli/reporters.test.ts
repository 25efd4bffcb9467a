import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../../main/cli/color.ts';
import { jsonReport } from '../../main/cli/reporters/json.ts';
import { junitReport } from '../../main/cli/reporters/junit.ts';
import { prettyReport } from '../../main/cli/reporters/pretty.ts';
import type { FixtureCase, SuiteResult } from '../../main/cli/reporters/types.ts';
import { matchExpectation } from '../../shared/expect-match.ts';
import type { RunResult } from '../../shared/run-result.ts';
import type { Expect } from '../../shared/schemas/fixture.ts';
import { runResult, stageTrace } from './run-results.ts';

function fixtureCase(name: string, expectation: Expect, result: RunResult): FixtureCase {
  return {
    trigger: 'PRE_REGISTER',
    id: name.replace(/\W+/g, '-'),
    name,
    file: `fixtures/PRE_REGISTER/${name.replace(/\W+/g, '-')}.json`,
    result,
    report: matchExpectation(expectation, result),
  };
}

const passing = fixtureCase('corporate address registers', { outcome: 'continue' }, runResult());
const failing = fixtureCase(
  'outsider is denied',
  { outcome: 'deny', user: { email: 'bob@example.com' } },
  runResult({ user: { email: 'bob@evil.test' } }),
);
const erroring = fixtureCase(
  'broken <stage> & "quotes"',
  { outcome: 'continue' },
  runResult({
    outcome: 'error',
    error: {
      message: 'x is not defined \u0001',
      stage: 'check-domain',
      location: { file: 'pipelines/PRE_REGISTER/check-domain.js', line: 4, column: 11 },
    },
    stages: [stageTrace({ outcome: 'error', logs: ['checking <a&b>'] })],
  }),
);
const suite: SuiteResult = { workspace: 'ws', cases: [passing, failing, erroring], durationMs: 12 };

describe('pretty reporter', () => {
  it('marks each fixture and counts passes and failures', () => {
    const text = prettyReport(suite, false);
    expect(text).toContain('✓ corporate address registers');
    expect(text).toContain('✗ outsider is denied');
    expect(text).toMatch(/3 fixtures: 1 passed, 2 failed/);
  });

  it('shows expected and actual side by side per mismatched field', () => {
    const lines = prettyReport(suite, false).split('\n');
    const header = lines.findIndex((l) => l.trim() === 'user.email');
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toMatch(/expected\s+│ actual/);
    expect(lines[header + 2]).toMatch(/"bob@example\.com"\s+│ "bob@evil\.test"/);
    const outcome = lines.findIndex((l) => l.trim() === 'outcome');
    expect(lines[outcome + 2]).toMatch(/"deny"\s+│ "continue"/);
  });

  it('shows the run error with file, line and column, and the logs of a failing fixture', () => {
    const text = prettyReport(suite, false);
    expect(text).toContain('at pipelines/PRE_REGISTER/check-domain.js:4:11');
    expect(text).toContain('log [check-domain] checking <a&b>');
  });

  it('colours only when asked', () => {
    expect(prettyReport(suite, false)).not.toContain('\u001b[');
    const coloured = prettyReport(suite, true);
    expect(coloured).toContain('\u001b[31m');
    expect(stripAnsi(coloured)).toBe(prettyReport(suite, false));
  });

  it('explains that an expected error is a substring of the message', () => {
    const denied = runResult({
      outcome: 'deny',
      error: { message: 'blocked: try later', stage: 'check-domain' },
    });
    const c = fixtureCase('denied with another message', { outcome: 'deny', error: 'not allowed' }, denied);
    const text = prettyReport({ workspace: 'ws', cases: [c], durationMs: 1 }, false);
    expect(text).toContain('error (the message must contain the expected text)');
    expect(text).toMatch(/"not allowed"\s+│ "blocked: try later"/);
  });

  it('says what to do when there is nothing to test', () => {
    expect(prettyReport({ workspace: 'ws', cases: [], durationMs: 0 }, false)).toMatch(
      /No fixtures with an "expect"/,
    );
  });
});

describe('json reporter', () => {
  it('prints one parseable document with the counts and mismatches', () => {
    const doc = JSON.parse(jsonReport(suite));
    expect(doc.summary).toEqual({ total: 3, passed: 1, failed: 2, durationMs: 12 });
    expect(doc.fixtures[1].pass).toBe(false);
    expect(doc.fixtures[1].mismatches).toContainEqual({
      path: 'user.email',
      expected: 'bob@example.com',
      actual: 'bob@evil.test',
    });
    expect(doc.fixtures[2].error.location.line).toBe(4);
  });
});

interface SaxParser {
  onerror: (error: Error) => void;
  onopentag: (tag: { name: string; attributes: Record<string, string> }) => void;
  ontext: (text: string) => void;
  write(xml: string): SaxParser;
  close(): void;
}
const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean): SaxParser };

/** Parses with a strict XML parser; throws on anything not well-formed. */
function parseXml(xml: string): {
  tags: { name: string; attributes: Record<string, string> }[];
  text: string;
} {
  const parser = sax.parser(true);
  const tags: { name: string; attributes: Record<string, string> }[] = [];
  let text = '';
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => tags.push(tag);
  parser.ontext = (t) => {
    text += t;
  };
  parser.write(xml).close();
  return { tags, text };
}

describe('junit reporter', () => {
  it('is well-formed XML with one failure element per failing fixture', () => {
    const xml = junitReport(suite);
    const { tags, text } = parseXml(xml);
    const root = tags.find((t) => t.name === 'testsuites');
    expect(root?.attributes).toMatchObject({ tests: '3', failures: '2' });
    expect(tags.filter((t) => t.name === 'testcase')).toHaveLength(3);
    const failures = tags.filter((t) => t.name === 'failure');
    expect(failures).toHaveLength(2);
    expect(failures[0]?.attributes.message).toContain('outcome: expected "deny", got "continue"');
    expect(text).toContain('user.email: expected "bob@example.com", got "bob@evil.test"');
  });

  it('escapes names, messages and logs and drops characters XML forbids', () => {
    const xml = junitReport(suite);
    const { tags, text } = parseXml(xml);
    expect(tags.some((t) => t.name === 'testcase' && t.attributes.name === 'broken <stage> & "quotes"')).toBe(
      true,
    );
    expect(text).toContain('[check-domain] checking <a&b>');
    expect(xml).not.toContain('\u0001');
  });

  it('rejects what the test parser should reject (the check can fail)', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
  });
});
