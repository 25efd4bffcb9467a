import { describe, expect, it } from 'vitest';
import { type CliIo, colorEnabled } from '../../main/cli/io.ts';
import { createProgress, PROGRESS_THRESHOLD } from '../../main/cli/progress.ts';

function fakeIo(stderrIsTty: boolean): CliIo & { errText: () => string } {
  let err = '';
  return {
    out: () => {},
    err: (text) => {
      err += text;
    },
    color: false,
    stderrIsTty,
    env: {},
    cwd: '/',
    errText: () => err,
  };
}

describe('progress line', () => {
  it('redraws one line on a terminal for a long suite and clears it at the end', () => {
    const io = fakeIo(true);
    const total = PROGRESS_THRESHOLD + 2;
    const progress = createProgress(io, total);
    for (let i = 0; i < total; i++) progress.tick(i !== 3);
    expect(io.errText()).toContain(`\r\u001b[2Krunning 0/${total} fixtures`);
    expect(io.errText()).toContain(`running ${total}/${total} fixtures, 1 failed`);
    expect(io.errText()).not.toContain('\n');
    progress.done();
    expect(io.errText().endsWith('\r\u001b[2K')).toBe(true);
  });

  it('writes nothing when stderr is not a terminal or the suite is short', () => {
    for (const [tty, total] of [
      [false, 50],
      [true, PROGRESS_THRESHOLD - 1],
    ] as const) {
      const io = fakeIo(tty);
      const progress = createProgress(io, total);
      progress.tick(false);
      progress.done();
      expect(io.errText()).toBe('');
    }
  });
});

describe('colour decision', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, false],
    [{ TERM: 'dumb' }, true, false],
  ])('env %j, tty %s → colour %s', (env, tty, expected) => {
    expect(colorEnabled(env, tty)).toBe(expected);
  });
});
