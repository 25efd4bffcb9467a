/** Where a command writes and what it knows about the terminal; injected so reporters are testable. */
export interface CliIo {
  /** Writes to standard output as is (add the newline yourself). */
  out(text: string): void;
  /** Writes to standard error as is. */
  err(text: string): void;
  /** Whether colour escapes may be written to stdout. */
  readonly color: boolean;
  /** Whether stderr is an interactive terminal (progress lines are drawn only there). */
  readonly stderrIsTty: boolean;
  /** Environment variables (secrets come from `PIPELINE_STUDIO_SECRET_<NAME>`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Directory that relative paths on the command line are resolved against. */
  readonly cwd: string;
}

/**
 * Decides colour the way most CLIs do: `NO_COLOR` (any non-empty value) turns it off,
 * `FORCE_COLOR` (anything but `0`) turns it on, otherwise only when writing to a terminal.
 */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, isTty: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return isTty && env.TERM !== 'dumb';
}

/** The real process streams. */
export function processIo(): CliIo {
  // `pipeline-studio templates list | head` closes the pipe early: stop quietly, not with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: colorEnabled(process.env, process.stdout.isTTY === true),
    stderrIsTty: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}
