import type { ChildProcess } from 'node:child_process';
import type { RunRequest } from '../../shared/run-request.ts';
import type { RunResult } from '../../shared/run-result.ts';
import { readResultLine } from '../sandbox/link.ts';
import { type HostConfig, type HostToMain, hasType, type MainToHost } from '../sandbox/protocol.ts';
import { StageBoard, type StageMark } from '../sandbox/stage-board.ts';
import { dealOrder, runsPerLink } from './dealing.ts';
import { startHostProcess } from './host-process.ts';
import { type Link, LinkServer, RunCommands } from './link-server.ts';
import {
  crashedResult,
  EXECUTOR_CLOSED,
  failedResult,
  isOutOfMemoryReport,
  RUN_CANCELLED,
  resultFromJson,
} from './results.ts';
import type { SandboxState } from './types.ts';

interface PendingRun {
  id: number;
  request: RunRequest;
  startedAt: number;
  /** The link the run was sent on; null while it waits in the queue. */
  link: Link | null;
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
/** After the host dies, its links get this long to deliver what they had read before it died. */
const DRAIN_AFTER_EXIT_MS = 2000;

/**
 * Owns the sandbox host process: spawns it, feeds runs to its workers over their links (a small
 * window in flight per worker, so a crash loses only those), restarts it when it dies and reports
 * the state.
 */
export class Supervisor {
  #options: SupervisorOptions;
  #child: ChildProcess | null = null;
  /** The current host has exited and its pipes are closed. */
  #childClosed = false;
  #state: SandboxState = 'starting';
  #listeners = new Set<(state: SandboxState) => void>();
  #pending = new Map<number, PendingRun>();
  #queue: number[] = [];
  #nextId = 1;
  #ready = false;
  #failedStarts = 0;
  #closing: Promise<void> | null = null;
  #pumpScheduled = false;
  /** The tail of the current host's stderr, read when it dies to tell an out-of-memory abort. */
  #stderrTail = '';
  /** Where the current host's workers note the stage they run, read when one dies. */
  #board: StageBoard | null = null;
  /** The server the workers' links connect to; null when it could not be made. */
  #server: LinkServer | null = null;
  /** The current host's links by worker slot. */
  #links = new Map<number, Link>();
  /** The current host's links by worker number, kept until what they owe is settled. */
  #byWorker = new Map<number, Link>();
  /** Writes runs as link commands, each pipeline's stages once per worker. */
  #commands = new RunCommands();
  /** Set when the link server cannot listen: every run fails with it. */
  #linkFailure: string | null = null;

  constructor(options: SupervisorOptions) {
    this.#options = options;
    const events = {
      up: (link: Link) => this.#onLinkUp(link),
      line: (link: Link, line: string) => this.#onLinkLine(link, line),
      closed: (link: Link) => this.#onLinkClosed(link),
    };
    try {
      this.#server = new LinkServer(
        options.config.poolSize,
        events,
        () => {
          if (!this.#closing) this.#spawn();
        },
        (error) => this.#failLinkServer(error),
      );
    } catch (error) {
      this.#failLinkServer(error);
    }
  }

  /** Without its link server no sandbox can start: every run, queued or to come, fails saying why. */
  #failLinkServer(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.#linkFailure = `sandbox could not start: its link could not be opened (${reason})`;
    for (const run of [...this.#pending.values()])
      this.#settle(run.id, failedResult(run.request, this.#linkFailure));
    this.#setState('closed');
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
    if (this.#linkFailure) return Promise.resolve(failedResult(request, this.#linkFailure));
    if (signal?.aborted) return Promise.resolve(failedResult(request, RUN_CANCELLED));
    return new Promise<RunResult>((resolve) => {
      const id = this.#nextId++;
      const onAbort = (): void => this.#cancel(id);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, {
        id,
        request,
        startedAt: performance.now(),
        link: null,
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
      const done = (): void => {
        this.#server?.close();
        this.#board?.dispose();
        resolve();
      };
      if (!child || this.#childClosed) {
        done();
        return;
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      // 'close', not 'exit': then its pipes are closed too, and nothing of it is left behind.
      child.once('close', () => {
        clearTimeout(timer);
        done();
      });
      this.#send({ type: 'shutdown' });
    });
    return this.#closing;
  }

  #spawn(): void {
    this.#board?.dispose();
    const board = new StageBoard(this.#options.config.poolSize);
    this.#board = board;
    const server = this.#server as LinkServer;
    server.generation += 1;
    this.#links.clear();
    this.#byWorker.clear();
    const { nodeBinary, hostEntry } = this.#options;
    const child = startHostProcess({ nodeBinary, hostEntry, stageBoard: board.path });
    this.#child = child;
    this.#ready = false;
    this.#stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      this.#stderrTail = (this.#stderrTail + chunk.toString()).slice(-8192);
    });
    child.on('message', (message: unknown) => this.#onMessage(child, message));
    // 'close' (not 'exit'): every stderr line has been read by then.
    this.#childClosed = false;
    child.on('close', () => {
      if (child === this.#child) this.#childClosed = true;
      this.#onExit(child);
    });
    child.on('error', (error) => {
      process.stderr.write(`pipeline-studio: the sandbox host could not start (${error.message})\n`);
    });
    this.#send({ type: 'init', config: this.#options.config, link: server.address() });
  }

  #onLinkUp(link: Link): void {
    this.#byWorker.set(link.worker, link);
    const previous = this.#links.get(link.slot);
    // A new worker in a slot means the one before it ended; the host's word on it may still be on its way.
    if (previous && previous !== link) this.#onWorkerExit(previous);
    this.#links.set(link.slot, link);
    if (!this.#ready && this.#links.size === this.#options.config.poolSize) {
      this.#ready = true;
      this.#failedStarts = 0;
      if (!this.#closing) this.#setState('ready');
    }
    this.#pump();
  }

  #onLinkLine(link: Link, line: string): void {
    const done = readResultLine(line);
    if (!done) {
      process.stderr.write(
        `pipeline-studio sandbox: its link sent an unexpected line (${line.slice(0, 80)})\n`,
      );
      return;
    }
    if (!link.inFlight.has(done.id)) return;
    this.#settle(done.id, resultFromJson(done.json, this.#pending.get(done.id)?.request as RunRequest));
    this.#pump();
  }

  #onLinkClosed(link: Link): void {
    if (this.#links.get(link.slot) === link) this.#links.delete(link.slot);
    if (link.exited) this.#failLink(link, this.#board?.read() ?? [], false);
  }

  /**
   * A worker ended while its host lives on. What it sent before it ended is still read; the runs
   * it owes after that fail once its link has closed.
   */
  #onWorkerExit(link: Link): void {
    if (link.exited) return;
    link.exited = true;
    if (this.#links.get(link.slot) === link) this.#links.delete(link.slot);
    if (link.closed) this.#failLink(link, this.#board?.read() ?? [], false);
  }

  /** Fails the runs a link still owes: its worker (or the whole host) is gone. */
  #failLink(link: Link, marks: StageMark[], outOfMemory: boolean): void {
    if (this.#byWorker.get(link.worker) === link) this.#byWorker.delete(link.worker);
    const running = new Map(marks.map((mark) => [mark.runId, mark.stageIndex]));
    const workerOnly = link.generation === this.#server?.generation && this.#child !== null;
    for (const id of [...link.inFlight]) {
      const run = this.#pending.get(id);
      if (!run) continue;
      const stageIndex = running.get(id);
      const crash = {
        stage: stageIndex === undefined ? undefined : run.request.stages[stageIndex]?.name,
        outOfMemory,
        memoryLimitMb: run.request.memoryLimitMb ?? this.#options.config.memoryLimitMb,
        workerOnly,
      };
      this.#settle(id, crashedResult(run.request, crash, performance.now() - run.startedAt));
    }
  }

  #onMessage(child: ChildProcess, message: unknown): void {
    if (child !== this.#child || !hasType(message)) return;
    const msg = message as HostToMain;
    switch (msg.type) {
      case 'worker-exit': {
        const link = this.#byWorker.get(msg.worker);
        if (link) this.#onWorkerExit(link);
        return;
      }
      case 'log':
        process.stderr.write(`pipeline-studio sandbox: ${msg.message}\n`);
        return;
    }
  }

  #onExit(child: ChildProcess): void {
    if (child !== this.#child) return;
    this.#child = null;
    const generation = this.#server?.generation;
    const outOfMemory = isOutOfMemoryReport(this.#stderrTail);
    const marks = this.#board?.read() ?? [];
    this.#board?.dispose();
    this.#board = null;
    this.#links.clear();
    // Closing: every run was already settled.
    if (this.#closing) return;
    // The dead host's links deliver what they had read before it died; then what is owed fails.
    const links = [...(this.#server?.open ?? [])].filter((link) => link.generation === generation);
    const lost = [...this.#pending.values()].filter((run) => run.link?.generation === generation);
    let timer: NodeJS.Timeout | undefined;
    void Promise.race([
      Promise.all(links.map((link) => link.whenClosed)),
      new Promise((resolve) => {
        timer = setTimeout(resolve, DRAIN_AFTER_EXIT_MS);
      }),
    ]).then(() => {
      clearTimeout(timer);
      for (const link of links) link.socket.destroy();
      const owed = new Set(lost.map((run) => run.link as Link));
      for (const link of owed) this.#failLink(link, marks, outOfMemory);
    });
    if (!this.#ready) this.#failedStarts += 1;
    if (this.#failedStarts >= MAX_FAILED_STARTS) {
      // Its last line on stderr usually says why.
      const last = this.#stderrTail.trim().split('\n').at(-1)?.trim();
      const why = last ? ` (it said: ${last.slice(0, 300)})` : '';
      const message = `sandbox could not start: the host process keeps exiting${why}`;
      for (const run of [...this.#pending.values()]) {
        if (run.link !== null) continue;
        this.#settle(run.id, failedResult(run.request, message));
      }
      this.#failedStarts = 0;
    }
    this.#setState('restarting');
    const delay = this.#failedStarts === 0 ? 0 : 100 * 2 ** this.#failedStarts;
    setTimeout(() => {
      if (!this.#closing) this.#spawn();
    }, delay);
  }

  /** Submits made in one synchronous burst (runMany) go out together. */
  #schedulePump(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    queueMicrotask(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    if (!this.#ready || this.#queue.length === 0) return;
    const links = [...this.#links.values()].filter((link) => !link.closed && !link.exited);
    if (links.length === 0) return;
    const nextIsLive = Boolean(this.#pending.get(this.#queue[0] as number)?.request.live);
    const limit = runsPerLink(this.#queue.length, links.length, nextIsLive);
    const order = dealOrder(
      links.map((link) => link.inFlight.size),
      limit,
      this.#queue.length,
    );
    const lines = new Map<Link, string[]>();
    for (const index of order) {
      const link = links[index] as Link;
      const run = this.#nextQueued();
      if (!run) break;
      const own = lines.get(link) ?? [];
      lines.set(link, own);
      this.#commands.add(link, run.id, run.request, this.#options.config.memoryLimitMb, own);
      run.link = link;
      link.inFlight.add(run.id);
    }
    for (const [link, own] of lines) link.socket.write(`${own.join('\n')}\n`);
  }

  /** The next queued run still pending (cancelled ones leave the queue as they are met). */
  #nextQueued(): PendingRun | undefined {
    while (this.#queue.length > 0) {
      const run = this.#pending.get(this.#queue.shift() as number);
      if (run) return run;
    }
    return undefined;
  }

  #cancel(id: number): void {
    const run = this.#pending.get(id);
    if (!run) return;
    if (run.link && !run.link.closed) {
      run.link.socket.write(`${RunCommands.cancel(id)}\n`);
    }
    this.#settle(id, failedResult(run.request, RUN_CANCELLED, performance.now() - run.startedAt));
    this.#pump();
  }

  #settle(id: number, result: RunResult): void {
    const run = this.#pending.get(id);
    if (!run) return;
    this.#pending.delete(id);
    if (run.link) run.link.inFlight.delete(id);
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
      // A send can fail only when the host just died; its exit handler fails the runs.
      if (error && child === this.#child) child.kill('SIGKILL');
    });
  }

  #setState(state: SandboxState): void {
    if (this.#state === state) return;
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }
}
