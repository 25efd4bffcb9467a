import type { CliIo } from './io.ts';

/** Suites shorter than this finish before a progress line would help. */
export const PROGRESS_THRESHOLD = 10;

export interface Progress {
  /** One more fixture finished. */
  tick(passed: boolean): void;
  /** Clears the line so the report starts on a clean terminal row. */
  done(): void;
}

/**
 * A single self-overwriting line on stderr (`running 12/40 fixtures, 1 failed`), drawn only
 * when stderr is a terminal, so logs and pipes never get carriage returns.
 */
export function createProgress(io: CliIo, total: number): Progress {
  if (!io.stderrIsTty || total < PROGRESS_THRESHOLD) return { tick: () => {}, done: () => {} };
  let finished = 0;
  let failed = 0;
  const draw = () => {
    const failures = failed > 0 ? `, ${failed} failed` : '';
    io.err(`\r\u001b[2Krunning ${finished}/${total} fixtures${failures}`);
  };
  draw();
  return {
    tick(passed) {
      finished++;
      if (!passed) failed++;
      draw();
    },
    done() {
      io.err('\r\u001b[2K');
    },
  };
}
