import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../main/cli/args.ts';
import { CliError } from '../../main/cli/command.ts';
import { parseJsonText } from '../../main/cli/json-text.ts';

const FLAGS = {
  trigger: { type: 'string', value: 'T' },
  reporter: { type: 'string', value: 'R', choices: ['pretty', 'json'] },
  json: { type: 'boolean' },
} as const;

describe('parseArgs', () => {
  it('reads positionals, string flags in both forms and booleans', () => {
    const parsed = parseArgs(
      ['a.js', '--trigger', 'PRE_REGISTER', 'b.js', '--reporter=json', '--json'],
      FLAGS,
    );
    expect(parsed.positionals).toEqual(['a.js', 'b.js']);
    expect(parsed.flags).toEqual({ trigger: 'PRE_REGISTER', reporter: 'json', json: true });
    expect(parsed.help).toBe(false);
  });

  it('treats everything after -- as positional', () => {
    expect(parseArgs(['--', '--json'], FLAGS).positionals).toEqual(['--json']);
  });

  it.each([
    [['--trigr', 'X'], /unknown flag --trigr \(did you mean --trigger\?\)/],
    [['-x'], /unknown flag -x/],
    [['--trigger'], /--trigger needs a value/],
    [['--trigger', '--json'], /--trigger needs a value/],
    [['--json=yes'], /--json takes no value/],
    [['--reporter', 'xml'], /--reporter must be one of pretty, json \(got "xml"\)/],
    [['--trigger', 'A', '--trigger', 'B'], /--trigger was given twice/],
  ])('rejects %j with a clear message', (args, message) => {
    expect(() => parseArgs(args, FLAGS)).toThrow(CliError);
    expect(() => parseArgs(args, FLAGS)).toThrow(message);
  });

  it('notes --help and -h', () => {
    expect(parseArgs(['-h'], FLAGS).help).toBe(true);
  });
});

describe('parseJsonText', () => {
  it('parses valid JSON, with or without a byte-order mark', () => {
    expect(parseJsonText('\uFEFF{"a": [1, true, null]}')).toEqual({
      ok: true,
      value: { a: [1, true, null] },
    });
  });

  it.each([
    ['{\n  "a": 1,\n}', 3, 1, /remove the trailing comma/],
    ['{\n  "a": tru\n}', 2, 8, /expected a JSON value/],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected "," or "}"/],
    ['{"a": "x\ny"}', 1, 9, /line break or control character/],
    ['', 1, 1, /expected a JSON value, found the end of the file/],
    ['{} x', 1, 4, /expected the end of the file/],
    ["{'a': 1}", 1, 2, /property name in double quotes/],
  ])('locates the error in %j at %i:%i', (text, line, column, message) => {
    const parsed = parseJsonText(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problem).toMatchObject({ line, column });
    expect(parsed.problem.message).toMatch(message);
  });
});
