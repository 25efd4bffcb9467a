/**
 * The sandbox host: a plain Node 24 process started by the executor's supervisor. It owns a
 * pool of worker threads (one isolate each) and answers `run` messages over the IPC channel.
 * If a V8 fatal error takes it down, only this process dies; the supervisor starts a new one.
 */
import { Worker } from 'node:worker_threads';
import { failedResult, SANDBOX_CRASHED } from '../executor/results.ts';
import {
  type HostConfig,
  type HostToMain,
  hasType,
  type RunJob as Job,
  type MainToHost,
  type RunDone,
  STAGE_BOARD_ENV,
  type WorkerToHost,
} from './protocol.ts';

interface PoolWorker {
  worker: Worker;
  ready: boolean;
  jobs: Map<number, Job>;
}

/**
 * Runs handed to one worker at once. With a long queue (bulk replays) up to four wait in the
 * worker so it never idles while this thread waits for a core; with a short one, runs are given
 * out one at a time so a quick run is never stuck behind a slow one. The supervisor keeps 8 per
 * worker in flight, so in a bulk replay up to 4 per worker wait here and 4 in the worker.
 */
function perWorker(): number {
  if (waiting.length >= 4 * workers.length) return 4;
  return waiting.length >= 2 * workers.length ? 2 : 1;
}

let config: HostConfig | null = null;
const workers: PoolWorker[] = [];
const waiting: Job[] = [];
const cancelled = new Set<number>();
let announced = false;
/** Results waiting to go to main: sent together once the current batch of events is handled. */
let outbox: RunDone[] = [];
let flushScheduled = false;
/** A full batch goes at once, so a long replay streams instead of piling up. */
const MAX_BATCH = 32;

function send(message: HostToMain): void {
  if (process.connected) process.send?.(message);
}

function startWorker(slot: number): PoolWorker {
  const entry: PoolWorker = {
    worker: new Worker(new URL('./worker.ts', import.meta.url), {
      workerData: {
        memoryLimitMb: config?.memoryLimitMb ?? 64,
        stageBoard: process.env[STAGE_BOARD_ENV],
        boardSlot: slot,
      },
    }),
    ready: false,
    jobs: new Map(),
  };
  entry.worker.on('message', (message: WorkerToHost) => onWorkerMessage(entry, message));
  entry.worker.on('error', (error) => {
    send({ type: 'log', level: 'error', message: `a sandbox worker failed: ${error.message}` });
  });
  entry.worker.on('exit', () => replaceWorker(entry));
  return entry;
}

function replaceWorker(entry: PoolWorker): void {
  const index = workers.indexOf(entry);
  if (index < 0) return;
  for (const job of entry.jobs.values()) {
    finish(job.id, JSON.stringify(failedResult(job.request, SANDBOX_CRASHED)));
  }
  workers[index] = startWorker(index);
}

function onWorkerMessage(entry: PoolWorker, message: WorkerToHost): void {
  switch (message.type) {
    case 'ready':
      entry.ready = true;
      if (!announced && workers.every((w) => w.ready)) {
        announced = true;
        send({ type: 'ready', pid: process.pid, poolSize: workers.length });
      }
      dispatch();
      return;
    case 'result':
      entry.jobs.delete(message.id);
      finish(message.id, message.json);
      dispatch();
      return;
    case 'log':
      send(message);
      return;
  }
}

/** Queues a result for main; results of one turn of the event loop share one IPC message. */
function finish(id: number, json: string): void {
  if (cancelled.delete(id)) return;
  outbox.push({ id, json });
  if (outbox.length >= MAX_BATCH) flush();
  else if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flush);
  }
}

function flush(): void {
  flushScheduled = false;
  if (outbox.length === 0) return;
  const results = outbox;
  outbox = [];
  send({ type: 'results', results });
}

function dispatch(): void {
  const limit = perWorker();
  for (let round = 0; round < limit && waiting.length > 0; round++) {
    for (const entry of workers) {
      if (!entry.ready || entry.jobs.size > round) continue;
      const job = waiting.shift();
      if (!job) return;
      entry.jobs.set(job.id, job);
      entry.worker.postMessage({
        type: 'run',
        id: job.id,
        request: job.request,
        memoryLimitMb: config?.memoryLimitMb ?? 64,
      });
    }
  }
}

function onMessage(raw: unknown): void {
  if (!hasType(raw)) return;
  const message = raw as MainToHost;
  switch (message.type) {
    case 'init':
      if (config) return;
      config = message.config;
      for (let i = 0; i < config.poolSize; i++) workers.push(startWorker(i));
      return;
    case 'runs':
      for (const job of message.runs) waiting.push(job);
      dispatch();
      return;
    case 'cancel': {
      const queued = waiting.findIndex((job) => job.id === message.id);
      if (queued >= 0) {
        waiting.splice(queued, 1);
        return;
      }
      for (const entry of workers) {
        if (entry.jobs.has(message.id)) {
          cancelled.add(message.id);
          entry.jobs.delete(message.id);
          entry.worker.postMessage({ type: 'cancel', id: message.id });
        }
      }
      return;
    }
    case 'shutdown':
      shutdown();
      return;
  }
}

function shutdown(): void {
  for (const entry of workers) entry.worker.removeAllListeners('exit');
  void Promise.all(workers.map((entry) => entry.worker.terminate())).finally(() => process.exit(0));
}

process.on('message', onMessage);
process.on('disconnect', shutdown);
