import { type ChildProcess, spawn } from 'node:child_process';
import type { RunRequest } from '../../shared/run-request.ts';
import type { RunResult } from '../../shared/run-result.ts';
import { sandboxHostEntry, sandboxNodeBinary } from '../sandbox/node-binary.ts';
import {
  type HostConfig,
  type HostToMain,
  hasType,
  type MainToHost,
  type RunJob,
  STAGE_BOARD_ENV,
} from '../sandbox/protocol.ts';
import { MAX_RESULT_JSON_CHARS, parseGuestJson } from '../sandbox/result-json.ts';
import { StageBoard } from '../sandbox/stage-board.ts';
import {
  crashedResult,
  EXECUTOR_CLOSED,
  failedResult,
  isOutOfMemoryReport,
  RUN_CANCELLED,
} from './results.ts';
import type { SandboxState } from './types.ts';

interface PendingRun {
  id: number;
  request: RunRequest;
  startedAt: number;
  sent: boolean;
  resolve: (result: RunResult) => void;
  detach: () => void;
}

export interface SupervisorOptions {
  config: HostConfig;
  nodeBinary?: string;
  hostEntry?: string;
}

/** Restarts in a row without reaching `ready` before we give up and fail the queue. */
const MAX_FAILED_STARTS = 5;
/**
 * Runs in flight per isolate: enough that a worker always has its next runs at hand while the
 * host's main thread waits for a core (a crash of the host fails at most these).
 */
const WINDOW_PER_ISOLATE = 8;

/**
 * Owns the sandbox host process: spawns it, feeds it runs (at most a small window in flight so a
 * crash loses only those), restarts it when it dies and reports the state.
 */
export class Supervisor {
  #options: SupervisorOptions;
  #child: ChildProcess | null = null;
  #state: SandboxState = 'starting';
  #listeners = new Set<(state: SandboxState) => void>();
  #pending = new Map<number, PendingRun>();
  #queue: number[] = [];
  #nextId = 1;
  #ready = false;
  #failedStarts = 0;
  #closing: Promise<void> | null = null;
  #window: number;
  /** Runs sent to the current host and not settled. */
  #inFlight = 0;
  #pumpScheduled = false;
  /** The tail of the current host's stderr, read when it dies to tell an out-of-memory abort. */
  #stderrTail = '';
  /** Where the current host's workers note the stage they run, read when it dies. */
  #board: StageBoard | null = null;

  constructor(options: SupervisorOptions) {
    this.#options = options;
    this.#window = Math.max(2, options.config.poolSize * WINDOW_PER_ISOLATE);
    this.#spawn();
  }

  get state(): SandboxState {
    return this.#state;
  }

  /** The host's process id, or undefined while none is running (tests kill it on purpose). */
  get hostPid(): number | undefined {
    return this.#child?.pid;
  }

  onStateChange(listener: (state: SandboxState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  submit(request: RunRequest, signal?: AbortSignal): Promise<RunResult> {
    if (this.#closing) return Promise.resolve(failedResult(request, EXECUTOR_CLOSED));
    if (signal?.aborted) return Promise.resolve(failedResult(request, RUN_CANCELLED));
    return new Promise<RunResult>((resolve) => {
      const id = this.#nextId++;
      const onAbort = (): void => this.#cancel(id);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, {
        id,
        request,
        startedAt: performance.now(),
        sent: false,
        resolve,
        detach: () => signal?.removeEventListener('abort', onAbort),
      });
      this.#queue.push(id);
      this.#schedulePump();
    });
  }

  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#closing = new Promise<void>((resolve) => {
      for (const run of [...this.#pending.values()])
        this.#settle(run.id, failedResult(run.request, EXECUTOR_CLOSED));
      const child = this.#child;
      this.#setState('closed');
      if (!child || child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.#send({ type: 'shutdown' });
    });
    return this.#closing;
  }

  #spawn(): void {
    const entry = this.#options.hostEntry ?? sandboxHostEntry();
    const binary = this.#options.nodeBinary ?? sandboxNodeBinary();
    this.#board?.dispose();
    const board = new StageBoard(this.#options.config.poolSize);
    this.#board = board;
    const child = spawn(binary, ['--no-warnings', entry], {
      // fd 2: the host's stderr, passed on and kept for a crash verdict.
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      // Local-time Date methods are computed per fixture inside the guest; the host stays on UTC.
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', [STAGE_BOARD_ENV]: board.path },
    });
    this.#child = child;
    this.#ready = false;
    this.#stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      this.#stderrTail = (this.#stderrTail + chunk.toString()).slice(-8192);
    });
    child.on('message', (message: unknown) => this.#onMessage(child, message));
    // 'close' (not 'exit'): every stderr line has been read by then.
    child.on('close', () => this.#onExit(child));
    child.on('error', (error) => {
      process.stderr.write(`pipeline-studio: the sandbox host could not start (${error.message})\n`);
    });
    this.#send({ type: 'init', config: this.#options.config });
  }

  #onMessage(child: ChildProcess, message: unknown): void {
    if (child !== this.#child || !hasType(message)) return;
    const msg = message as HostToMain;
    switch (msg.type) {
      case 'ready':
        this.#ready = true;
        this.#failedStarts = 0;
        if (!this.#closing) this.#setState('ready');
        this.#pump();
        return;
      case 'results':
        for (const done of msg.results) this.#settle(done.id, this.#parseResult(done.id, done.json));
        this.#pump();
        return;
      case 'log':
        process.stderr.write(`pipeline-studio sandbox: ${msg.message}\n`);
        return;
    }
  }

  #onExit(child: ChildProcess): void {
    if (child !== this.#child) return;
    this.#child = null;
    const outOfMemory = isOutOfMemoryReport(this.#stderrTail);
    const running = new Map((this.#board?.read() ?? []).map((mark) => [mark.runId, mark.stageIndex]));
    this.#board?.dispose();
    this.#board = null;
    const inFlight = [...this.#pending.values()].filter((run) => run.sent);
    for (const run of inFlight) {
      const stageIndex = running.get(run.id);
      const crash = {
        stage: stageIndex === undefined ? undefined : run.request.stages[stageIndex]?.name,
        outOfMemory,
        memoryLimitMb: run.request.memoryLimitMb ?? this.#options.config.memoryLimitMb,
      };
      this.#settle(run.id, crashedResult(run.request, crash, performance.now() - run.startedAt));
    }
    if (this.#closing) return;
    if (!this.#ready) this.#failedStarts += 1;
    if (this.#failedStarts >= MAX_FAILED_STARTS) {
      for (const run of [...this.#pending.values()]) {
        this.#settle(
          run.id,
          failedResult(run.request, 'sandbox could not start: the host process keeps exiting'),
        );
      }
      this.#failedStarts = 0;
    }
    this.#setState('restarting');
    const delay = this.#failedStarts === 0 ? 0 : 100 * 2 ** this.#failedStarts;
    setTimeout(() => {
      if (!this.#closing) this.#spawn();
    }, delay);
  }

  /** Submits made in one synchronous burst (runMany) go to the host in one message. */
  #schedulePump(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    queueMicrotask(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    if (!this.#ready || !this.#child) return;
    const batch: RunJob[] = [];
    while (this.#inFlight < this.#window && this.#queue.length > 0) {
      const id = this.#queue.shift() as number;
      const run = this.#pending.get(id);
      if (!run) continue;
      run.sent = true;
      this.#inFlight += 1;
      batch.push({ id, request: run.request });
    }
    if (batch.length > 0) this.#send({ type: 'runs', runs: batch });
  }

  /**
   * The host's JSON text of a result: its stage traces are the guest's own text, so it is parsed
   * with the limits for guest data (size, depth, no `__proto__` keys).
   */
  #parseResult(id: number, json: string): RunResult {
    try {
      return parseGuestJson(json, MAX_RESULT_JSON_CHARS) as unknown as RunResult;
    } catch (error) {
      const run = this.#pending.get(id);
      const message = error instanceof Error ? error.message : String(error);
      return failedResult(
        run?.request as RunRequest,
        `the sandbox host sent a result that is not JSON (${message}); please report this`,
      );
    }
  }

  #cancel(id: number): void {
    const run = this.#pending.get(id);
    if (!run) return;
    if (run.sent) this.#send({ type: 'cancel', id });
    this.#settle(id, failedResult(run.request, RUN_CANCELLED, performance.now() - run.startedAt));
    this.#pump();
  }

  #settle(id: number, result: RunResult): void {
    const run = this.#pending.get(id);
    if (!run) return;
    this.#pending.delete(id);
    if (run.sent) this.#inFlight -= 1;
    else {
      const queued = this.#queue.indexOf(id);
      if (queued >= 0) this.#queue.splice(queued, 1);
    }
    run.detach();
    run.resolve(result);
  }

  #send(message: MainToHost): void {
    const child = this.#child;
    if (!child?.connected) return;
    child.send(message, (error) => {
      // A send can fail only when the host just died; its exit handler fails the run.
      if (error && child === this.#child) child.kill('SIGKILL');
    });
  }

  #setState(state: SandboxState): void {
    if (this.#state === state) return;
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}
