import type { RunResult } from '../../shared/run-result.ts';
import { EXIT_OK } from './command.ts';
import { formatRun } from './format-run.ts';
import type { CliIo } from './io.ts';
import { toCliJson } from './run-json.ts';

/**
 * Prints a finished run as `exec` and `run` do. Always exit 0: a deny or a fault in the user's
 * code is a result, not a CLI failure (SEMANTICS.md, The CLI contract).
 */
export function printRun(result: RunResult, json: boolean, io: CliIo): number {
  if (json) io.out(`${JSON.stringify(toCliJson(result), null, 2)}\n`);
  else io.out(formatRun(result, io.color));
  return EXIT_OK;
}
