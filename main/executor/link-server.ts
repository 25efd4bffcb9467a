/**
 * The supervisor's end of the run links (main/sandbox/link.ts): a local server each sandbox
 * worker connects to. It checks each worker's hello and hands the supervisor whole lines.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { RunRequest } from '../../shared/run-request.ts';
import {
  createLinkPath,
  createLinkToken,
  LineReader,
  type LinkAddress,
  type LinkCommand,
  readHello,
} from '../sandbox/link.ts';

/** One sandbox worker's link, from its hello until it closes, and what the supervisor keeps of it. */
export interface Link {
  socket: Socket;
  generation: number;
  slot: number;
  worker: number;
  /** Runs sent on this link and not settled. */
  inFlight: Set<number>;
  /** Pipelines this link's worker has been sent (`pipeline` commands), by key. */
  pipelines: Set<number>;
  closed: boolean;
  /** The host said this link's worker ended: its runs are lost once everything it sent is read. */
  exited: boolean;
  /** Resolves when the socket has closed (everything the worker sent has been read). */
  whenClosed: Promise<void>;
}

export interface LinkEvents {
  /** A worker of the current host start said hello. */
  up(link: Link): void;
  /** A line a worker sent after its hello. */
  line(link: Link, line: string): void;
  /** A link closed; everything its worker sent was delivered before. */
  closed(link: Link): void;
}

/** A worker that connects but does not say hello within this time is dropped. */
const HELLO_TIMEOUT_MS = 30_000;

export class LinkServer {
  readonly #server: Server;
  readonly #place: { path: string; dispose: () => void };
  readonly #token = createLinkToken();
  readonly #slots: number;
  readonly #events: LinkEvents;
  /** Which host start may connect now (`LinkAddress.generation`). */
  generation = 0;
  /** Every open link, of any host start. */
  readonly open = new Set<Link>();
  #closed = false;

  /**
   * Starts listening; `ready` is called once workers can connect, `failed` if they never can
   * (then nothing else happens). Making the link's private place may throw.
   */
  constructor(slots: number, events: LinkEvents, ready: () => void, failed: (error: Error) => void) {
    this.#slots = slots;
    this.#events = events;
    this.#place = createLinkPath();
    this.#server = createServer((socket) => this.#accept(socket));
    this.#server.on('error', failed);
    this.#server.listen(this.#place.path, ready);
  }

  /** What the current host start's workers are told (its `init` message). */
  address(): LinkAddress {
    return { path: this.#place.path, token: this.#token, generation: this.generation };
  }

  close(): void {
    this.#closed = true;
    for (const link of this.open) link.socket.destroy();
    this.#server.close();
    this.#place.dispose();
  }

  #accept(socket: Socket): void {
    const reader = new LineReader();
    let link: Link | null = null;
    let closed!: () => void;
    const whenClosed = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const helloTimer = setTimeout(() => socket.destroy(), HELLO_TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) =>
      reader.push(chunk, (line) => {
        if (link) {
          this.#events.line(link, line);
          return;
        }
        clearTimeout(helloTimer);
        const hello = readHello(line, this.address(), this.#slots);
        if (!hello || this.#closed) {
          socket.destroy();
          return;
        }
        link = {
          socket,
          generation: hello.generation,
          slot: hello.slot,
          worker: hello.worker,
          inFlight: new Set(),
          pipelines: new Set(),
          closed: false,
          exited: false,
          whenClosed,
        };
        this.open.add(link);
        this.#events.up(link);
      }),
    );
    // A write after the worker died fails here; its 'close' follows.
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(helloTimer);
      closed();
      if (!link) return;
      link.closed = true;
      this.open.delete(link);
      this.#events.closed(link);
    });
  }
}

/** A link's worker keeps at most this many pipelines; past it, it is told to forget them all. */
const PIPELINES_PER_LINK = 256;
/** Pipeline keys remembered here (the key of a pipeline is its stages' JSON text). */
const PIPELINE_KEYS = 1024;

/** Runs as link commands (LinkCommand), each pipeline's stages sent once per worker. */
export class RunCommands {
  #keys = new Map<string, number>();
  #next = 1;

  /** Adds the lines that send one run: its pipeline first when this link's worker has not had it. */
  add(link: Link, id: number, run: RunRequest, memoryLimitMb: number, lines: string[]): void {
    const { stages, ...request } = run;
    const text = JSON.stringify(stages);
    let key = this.#keys.get(text);
    if (key === undefined) {
      if (this.#keys.size >= PIPELINE_KEYS) this.#keys.clear();
      key = this.#next++;
      this.#keys.set(text, key);
    }
    if (!link.pipelines.has(key)) {
      if (link.pipelines.size >= PIPELINES_PER_LINK) {
        lines.push(JSON.stringify({ type: 'forget' } satisfies LinkCommand));
        link.pipelines.clear();
      }
      lines.push(`{"type":"pipeline","key":${key},"stages":${text}}`);
      link.pipelines.add(key);
    }
    lines.push(
      JSON.stringify({ type: 'run', id, pipeline: key, request, memoryLimitMb } satisfies LinkCommand),
    );
  }

  static cancel(id: number): string {
    return JSON.stringify({ type: 'cancel', id } satisfies LinkCommand);
  }
}
