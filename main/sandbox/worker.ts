/**
 * A worker thread of the sandbox host: owns one isolate at a time and runs requests one after
 * another with synchronous isolated-vm calls (cheap: no thread hop per call).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { failedResult } from '../executor/results.ts';
import type { StagePlacement } from './combine.ts';
import { IsolateSlot } from './isolate-slot.ts';
import type { HostToWorker, WorkerToHost } from './protocol.ts';
import { driveRunJson } from './run-driver.ts';
import { stageMarker } from './stage-board.ts';

const port = parentPort;
if (!port) throw new Error('main/sandbox/worker.ts must run as a worker thread of the sandbox host');

const queue: Extract<HostToWorker, { type: 'run' }>[] = [];
const cancelled = new Set<number>();
const syntaxCache = new Map<string, StagePlacement['syntaxError'] | null>();
let slot: IsolateSlot | null = null;
let busy = false;

const data = (workerData ?? {}) as { memoryLimitMb?: number; stageBoard?: string; boardSlot?: number };

/**
 * Each stage start is noted on the supervisor's stage board, so when V8 aborts the whole host
 * (which isolated-vm cannot always prevent) the supervisor still knows which stage of which run
 * was running.
 */
const markStage = stageMarker(data.stageBoard, data.boardSlot ?? 0);

function post(message: WorkerToHost): void {
  port?.postMessage(message);
}

function slotFor(limitMb: number): IsolateSlot {
  if (slot && (slot.worn || slot.runLimitMb !== limitMb)) {
    slot.dispose();
    slot = null;
  }
  slot ??= new IsolateSlot(limitMb);
  return slot;
}

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { id, request, memoryLimitMb } = job;
      if (cancelled.delete(id)) continue;
      const limit = request.memoryLimitMb ?? memoryLimitMb;
      let json: string;
      try {
        json = await driveRunJson(slotFor(limit), request, {
          syntaxCache,
          isCancelled: () => cancelled.has(id),
          onStage: (index) => markStage(id, index),
        });
      } catch (error) {
        // A request the runtime could not even start (malformed data): fail it, keep the worker.
        slot?.dispose();
        slot = null;
        const message = error instanceof Error ? error.message : String(error);
        json = JSON.stringify(failedResult(request, `the sandbox could not run this request: ${message}`));
      }
      if (cancelled.delete(id)) continue;
      post({ type: 'result', id, json });
    }
  } finally {
    busy = false;
  }
  if (!idleScheduled) {
    idleScheduled = true;
    setImmediate(prepareWhileIdle);
  }
}

let idleScheduled = false;

/**
 * Pipelining: with nothing queued, make the next run's isolate (when this one is worn) and
 * context now (the warm context, or a fresh one when the last run needed that), so the wait for
 * the next message is not wasted. This only moves when a context is created.
 */
function prepareWhileIdle(): void {
  idleScheduled = false;
  if (busy || queue.length > 0 || !slot) return;
  try {
    if (slot.worn) {
      const limit = slot.runLimitMb;
      slot.dispose();
      slot = new IsolateSlot(limit);
    }
    slot.prepare();
  } catch (error) {
    // Not fatal: the next run makes its own isolate and context and reports any failure.
    slot?.dispose();
    slot = null;
    post({ type: 'log', level: 'warn', message: `could not prepare a sandbox context: ${String(error)}` });
  }
}

port.on('message', (message: HostToWorker) => {
  switch (message.type) {
    case 'run':
      queue.push(message);
      void drain();
      return;
    case 'cancel':
      cancelled.add(message.id);
      return;
  }
});

// Build the snapshot and a first isolate before saying ready, so the first run is fast.
slot = new IsolateSlot(Number(data.memoryLimitMb ?? 64));
slot.prepare();
post({ type: 'ready' });
