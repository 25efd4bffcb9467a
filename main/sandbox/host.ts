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

/** A worker that lived less than this is restarted after this long. */
const RESTART_AFTER_MS = 250;
/** Workers of one slot that may end as they start, in a row, before the host gives up. */
const MAX_EARLY_EXITS = 3;
/** Early exits in a row, by slot. */
const earlyExits: number[] = [];

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
  worker.on('message', (message: WorkerToHost) => {
    if (hasType(message) && message.type === 'log') send(message);
  });
  worker.on('error', (error) => {
    send({ type: 'log', level: 'error', message: `a sandbox worker failed: ${error.message}` });
  });
  const startedAt = performance.now();
  worker.on('exit', () => {
    if (closing || workers[slot] !== worker) return;
    send({ type: 'worker-exit', slot, worker: settings.worker });
    // A worker that ends as soon as it starts (its link refused) is not restarted in a tight loop;
    // one that cannot start at all ends the host, whose restarts the supervisor counts and reports.
    const early = performance.now() - startedAt < RESTART_AFTER_MS;
    earlyExits[slot] = early ? (earlyExits[slot] ?? 0) + 1 : 0;
    if ((earlyExits[slot] ?? 0) >= MAX_EARLY_EXITS) {
      process.stderr.write(
        `pipeline-studio sandbox: worker ${slot} keeps ending as it starts; the host stops\n`,
      );
      process.exit(1);
    }
    setTimeout(
      () => {
        if (!closing && workers[slot] === worker) workers[slot] = startWorker(slot);
      },
      early ? RESTART_AFTER_MS : 0,
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
  closing = true;
  void Promise.all(workers.map((worker) => worker.terminate())).finally(() => process.exit(0));
}

process.on('message', onMessage);
process.on('disconnect', shutdown);
