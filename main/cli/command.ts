import type { CliIo } from './io.ts';

/**
 * One CLI command. Each lives in its own file under `commands/` and is imported only when used,
 * so `pipeline-studio --help` never starts the sandbox or reads a workspace.
 */
export interface Command {
  /** The word typed after `pipeline-studio`. */
  readonly name: string;
  /** One line for the command list in `pipeline-studio --help`. */
  readonly summary: string;
  /** The full text printed by `pipeline-studio <name> --help`. */
  readonly help: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Exit codes of the CLI contract (SEMANTICS.md): 0 completed, 1 a test failed, 2 bad input. */
export const EXIT_OK = 0;
export const EXIT_TEST_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

/**
 * A problem with what the person typed or pointed us at (bad flag, missing file, malformed
 * fixture, unknown trigger). `main` prints its message as one line on stderr and exits 2.
 */
export class CliError extends Error {
  /** Appended as `(see pipeline-studio <command> --help)` when the fix is in the usage text. */
  readonly showHelpHint: boolean;

  constructor(message: string, options: { showHelpHint?: boolean } = {}) {
    super(message);
    this.name = 'CliError';
    this.showHelpHint = options.showHelpHint ?? false;
  }
}

/** A usage mistake: the message ends with a pointer to the command's help. */
export function usageError(message: string): CliError {
  return new CliError(message, { showHelpHint: true });
}
