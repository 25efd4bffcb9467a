/**
 * A worker thread of the sandbox host: owns one isolate at a time and runs requests one after
 * another with synchronous isolated-vm calls (cheap: no thread hop per call). Runs come from and
 * results go to the supervisor over this worker's own link (link.ts).
 */
import { connect, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import type { RunRequest } from '../../shared/run-request.ts';
import { failedResult } from '../executor/results.ts';
import type { StagePlacement } from './combine.ts';
import { IsolateSlot } from './isolate-slot.ts';
import { LineReader, type LinkCommand, type LinkHello, resultLine } from './link.ts';
import type { WorkerSettings, WorkerToHost } from './protocol.ts';
import { driveRunJson } from './run-driver.ts';
import { stageMarker } from './stage-board.ts';

const port = parentPort;
if (!port) throw new Error('main/sandbox/worker.ts must run as a worker thread of the sandbox host');

interface Job {
  id: number;
  request: RunRequest;
  memoryLimitMb: number;
  /** The supervisor's key for the request's stages: never reused for other stages. */
  pipeline: number;
}

const settings = workerData as WorkerSettings;
const queue: Job[] = [];
const cancelled = new Set<number>();
const pipelines = new Map<number, RunRequest['stages']>();
const syntaxCache = new Map<string, StagePlacement['syntaxError'] | null>();
let slot: IsolateSlot | null = null;
let busy = false;
/** Results written while a batch of runs is worked through go out together. */
const RESULTS_PER_WRITE = 4;

/**
 * Each stage start is noted on the supervisor's stage board, so when V8 aborts the whole host
 * (which isolated-vm cannot always prevent) the supervisor still knows which stage of which run
 * was running.
 */
const markStage = stageMarker(settings.stageBoard, settings.slot);

function log(level: 'warn' | 'error', message: string): void {
  port?.postMessage({ type: 'log', level, message } satisfies WorkerToHost);
}

function slotFor(limitMb: number): IsolateSlot {
  if (slot && (slot.worn || slot.runLimitMb !== limitMb)) {
    slot.dispose();
    slot = null;
  }
  slot ??= new IsolateSlot(limitMb);
  return slot;
}

function answer(id: number, json: string, request: RunRequest): void {
  // JSON text has no raw line break; a result that had one would be cut in two on the link.
  let text = json;
  if (text.includes('\n')) {
    try {
      text = JSON.stringify(JSON.parse(json));
    } catch {
      text = JSON.stringify(failedResult(request, 'the sandbox produced a result that is not JSON'));
    }
  }
  socket.write(`${resultLine(id, text)}\n`);
}

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  socket.cork();
  let unwritten = 0;
  try {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { id, request, memoryLimitMb, pipeline } = job;
      if (cancelled.delete(id)) continue;
      const limit = request.memoryLimitMb ?? memoryLimitMb;
      let json: string;
      try {
        json = await driveRunJson(slotFor(limit), request, {
          syntaxCache,
          isCancelled: () => cancelled.has(id),
          onStage: (index) => markStage(id, index),
          pipelineKey: `link pipeline ${pipeline}`,
        });
      } catch (error) {
        // A request the runtime could not even start (malformed data): fail it, keep the worker.
        slot?.dispose();
        slot = null;
        const message = error instanceof Error ? error.message : String(error);
        json = JSON.stringify(failedResult(request, `the sandbox could not run this request: ${message}`));
      }
      if (cancelled.delete(id)) continue;
      answer(id, json, request);
      unwritten += 1;
      // A long batch streams: its results go out every few runs, and at once when it ends.
      if (unwritten >= RESULTS_PER_WRITE || queue.length === 0) {
        socket.uncork();
        socket.cork();
        unwritten = 0;
      }
    }
  } finally {
    busy = false;
    socket.uncork();
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
    log('warn', `could not prepare a sandbox context: ${String(error)}`);
  }
}

function onCommand(line: string): void {
  let command: LinkCommand;
  try {
    command = JSON.parse(line) as LinkCommand;
  } catch {
    log('error', `the sandbox link sent a line that is not JSON (${line.slice(0, 80)})`);
    return;
  }
  switch (command.type) {
    case 'pipeline':
      pipelines.set(command.key, command.stages);
      return;
    case 'forget':
      pipelines.clear();
      return;
    case 'run': {
      const stages = pipelines.get(command.pipeline);
      const request = { ...command.request, stages: stages ?? [] } as RunRequest;
      if (!stages) {
        const message = `the sandbox was not sent pipeline ${command.pipeline}; please report this`;
        answer(command.id, JSON.stringify(failedResult(request, message)), request);
        return;
      }
      queue.push({
        id: command.id,
        request,
        memoryLimitMb: command.memoryLimitMb,
        pipeline: command.pipeline,
      });
      void drain();
      return;
    }
    case 'cancel':
      cancelled.add(command.id);
      return;
  }
}

// Build the snapshot and a first isolate before connecting, so the first run is fast.
slot = new IsolateSlot(Number(settings.memoryLimitMb ?? 64));
slot.prepare();

const socket: Socket = connect(settings.link.path);
const reader = new LineReader();
socket.on('data', (chunk: Buffer) => reader.push(chunk, onCommand));
socket.on('connect', () => {
  const hello: LinkHello = {
    type: 'hello',
    token: settings.link.token,
    generation: settings.link.generation,
    slot: settings.slot,
    worker: settings.worker,
  };
  socket.write(`${JSON.stringify(hello)}\n`);
  port.postMessage({ type: 'linked' } satisfies WorkerToHost);
});
// Without its link a worker has nothing to do: it ends, and the host starts another.
socket.on('error', (error) => log('error', `the sandbox link failed: ${error.message}`));
socket.on('close', () => process.exit(1));
