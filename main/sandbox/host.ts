/**
 * The sandbox host: a plain Node 24 process started by the executor's supervisor. It owns a
 * pool of worker threads (one isolate each). Each worker takes its runs from, and answers them
 * on, its own link to the supervisor (link.ts); this thread only starts the workers, starts a
 * new one when one ends, and says so over the IPC channel. If a V8 fatal error takes the host
 * down, only this process dies; the supervisor starts a new one.
 */
import { Worker } from 'node:worker_threads';
import type { LinkAddress } from './link.ts';
import {
  type HostConfig,
  type HostToMain,
  hasType,
  type MainToHost,
  STAGE_BOARD_ENV,
  type WorkerSettings,
  type WorkerToHost,
} from './protocol.ts';

/** A worker that ended before reaching the supervisor is started again after this long. */
const RESTART_AFTER_MS = 250;
/** Workers of one slot that may end before reaching the supervisor, in a row, before the host gives up. */
const MAX_FAILED_STARTS = 3;
/** Such ends in a row, by slot. */
const failedStarts: number[] = [];

let config: HostConfig | null = null;
let link: LinkAddress | null = null;
const workers: Worker[] = [];
/** Workers started so far. */
let started = 0;
let closing = false;

/** The host's worker threads by slot (a test host ends one on purpose). */
export function hostWorkers(): readonly Worker[] {
  return workers;
}

function send(message: HostToMain): void {
  if (process.connected) process.send?.(message);
}

function startWorker(slot: number): Worker {
  started += 1;
  const settings: WorkerSettings = {
    memoryLimitMb: config?.memoryLimitMb ?? 64,
    link: link as LinkAddress,
    slot,
    worker: started,
    stageBoard: process.env[STAGE_BOARD_ENV],
  };
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: settings });
  /** Whether it reached the supervisor: one that ends before that never started. */
  let linked = false;
  worker.on('message', (message: WorkerToHost) => {
    if (!hasType(message)) return;
    if (message.type === 'linked') {
      linked = true;
      failedStarts[slot] = 0;
    } else if (message.type === 'log') send(message);
  });
  worker.on('error', (error) => {
    send({ type: 'log', level: 'error', message: `a sandbox worker failed: ${error.message}` });
  });
  worker.on('exit', () => {
    if (closing || workers[slot] !== worker) return;
    send({ type: 'worker-exit', slot, worker: settings.worker });
    // A worker that never reached the supervisor is restarted after a pause; one that cannot
    // start at all ends the host, whose restarts the supervisor counts and reports.
    if (!linked) failedStarts[slot] = (failedStarts[slot] ?? 0) + 1;
    if ((failedStarts[slot] ?? 0) >= MAX_FAILED_STARTS) {
      process.stderr.write(`pipeline-studio sandbox: worker ${slot} cannot start; the host stops\n`);
      stop(1);
      return;
    }
    setTimeout(
      () => {
        if (!closing && workers[slot] === worker) workers[slot] = startWorker(slot);
      },
      linked ? 0 : RESTART_AFTER_MS,
    );
  });
  return worker;
}

function onMessage(raw: unknown): void {
  if (!hasType(raw)) return;
  const message = raw as MainToHost;
  switch (message.type) {
    case 'init':
      if (config) return;
      config = message.config;
      link = message.link;
      for (let slot = 0; slot < config.poolSize; slot++) workers.push(startWorker(slot));
      return;
    case 'shutdown':
      shutdown();
      return;
  }
}

function shutdown(): void {
  stop(0);
}

/** Ends the workers, then the process (ending it with isolates alive makes isolated-vm assert). */
function stop(code: number): void {
  closing = true;
  void Promise.all(workers.map((worker) => worker.terminate())).finally(() => process.exit(code));
}

process.on('message', onMessage);
process.on('disconnect', shutdown);
