/**
 * Starting the sandbox host process: which Node, which flags, which environment. The supervisor
 * owns what happens to it after that.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { sandboxHostEntry, sandboxNodeBinary } from '../sandbox/node-binary.ts';
import { STAGE_BOARD_ENV } from '../sandbox/protocol.ts';

export interface HostProcessOptions {
  /** Default: this Node when it is >= 24, else the `node` package's. */
  nodeBinary?: string;
  /** Default: main/sandbox/host.ts. */
  hostEntry?: string;
  /** The stage board the host's workers mark (stage-board.ts). */
  stageBoard: string;
}

export function startHostProcess(options: HostProcessOptions): ChildProcess {
  // The workers scavenge and sweep their own isolates' heaps: V8's parallel helper threads only
  // competed with them for the cores (about 20 µs less CPU per run, measured against the same
  // executor without these flags in alternating rounds). Not --single-threaded-gc: without
  // concurrent marking, isolated-vm asserts when a worker thread ends.
  const flags = ['--no-warnings', '--no-parallel-scavenge', '--no-concurrent-sweeping'];
  return spawn(
    options.nodeBinary ?? sandboxNodeBinary(),
    [...flags, options.hostEntry ?? sandboxHostEntry()],
    {
      // fd 2: the host's stderr, passed on and kept for a crash verdict.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      // Local-time Date methods are computed per fixture inside the guest; the host stays on UTC.
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', [STAGE_BOARD_ENV]: options.stageBoard },
    },
  );
}
