/**
 * The run link: one local socket per sandbox worker, straight to the executor's supervisor, so
 * runs and results do not pass through the sandbox host's main thread (which only starts,
 * restarts and reports its workers over the IPC channel).
 *
 * Each message is one line of text. JSON text never holds a raw line break, so a line is one
 * message whatever it carries.
 * - worker → supervisor: first a hello (`LinkHello` as JSON), then one line per finished run:
 *   `<run id>\t<the RunResult as JSON>`. The result text is not wrapped again: the supervisor
 *   parses it once, with the limits for guest data.
 * - supervisor → worker: `LinkCommand` as JSON.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunRequest } from '../../shared/run-request.ts';

/** Where a worker connects and how it proves it was started by this supervisor. */
export interface LinkAddress {
  path: string;
  token: string;
  /** Which start of the host this is; links of an earlier one are refused. */
  generation: number;
}

/** A worker's first line. */
export interface LinkHello {
  type: 'hello';
  token: string;
  generation: number;
  slot: number;
  /** The host's number for this worker (see WorkerSettings). */
  worker: number;
}

/** A request without its stages, which travel once per pipeline (`pipeline` commands). */
export type LinkRunRequest = Omit<RunRequest, 'stages'>;

/** supervisor → worker. */
export type LinkCommand =
  /** The stages of a pipeline, sent once per worker; runs name it by `key`. */
  | { type: 'pipeline'; key: number; stages: RunRequest['stages'] }
  /** Forget every pipeline sent so far (the supervisor keeps the same list per link). */
  | { type: 'forget' }
  | { type: 'run'; id: number; pipeline: number; request: LinkRunRequest; memoryLimitMb: number }
  | { type: 'cancel'; id: number };

/** A private place for the link: a socket in a fresh 0700 directory, or a named pipe on Windows. */
export function createLinkPath(): { path: string; dispose: () => void } {
  if (process.platform === 'win32') {
    return {
      path: `\\\\.\\pipe\\pipeline-studio-${process.pid}-${randomBytes(8).toString('hex')}`,
      dispose: () => {},
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-studio-'));
  return { path: join(dir, 'sandbox.sock'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export function createLinkToken(): string {
  return randomBytes(24).toString('base64url');
}

/** True when `line` is the hello of a worker of this host start, with the right token. */
export function readHello(line: string, address: LinkAddress, slots: number): LinkHello | null {
  let hello: Partial<LinkHello>;
  try {
    hello = JSON.parse(line) as Partial<LinkHello>;
  } catch {
    return null;
  }
  if (hello?.type !== 'hello' || typeof hello.token !== 'string') return null;
  const given = Buffer.from(hello.token);
  const wanted = Buffer.from(address.token);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return null;
  if (hello.generation !== address.generation) return null;
  if (!Number.isInteger(hello.slot) || (hello.slot as number) < 0 || (hello.slot as number) >= slots)
    return null;
  if (!Number.isInteger(hello.worker)) return null;
  return hello as LinkHello;
}

/** A finished run as its line (without the line break). */
export function resultLine(id: number, json: string): string {
  return `${id}\t${json}`;
}

/** Splits a result line; null when it is not one. */
export function readResultLine(line: string): { id: number; json: string } | null {
  const tab = line.indexOf('\t');
  if (tab <= 0) return null;
  const id = Number(line.slice(0, tab));
  return Number.isSafeInteger(id) ? { id, json: line.slice(tab + 1) } : null;
}

/**
 * Cuts a byte stream into lines. A line break is one byte that never occurs inside a multi-byte
 * UTF-8 character, so each line is decoded on its own.
 */
export class LineReader {
  #parts: Buffer[] = [];

  push(chunk: Buffer, onLine: (line: string) => void): void {
    let start = 0;
    let end = chunk.indexOf(10);
    while (end >= 0) {
      if (this.#parts.length > 0) {
        this.#parts.push(chunk.subarray(start, end));
        const whole = Buffer.concat(this.#parts);
        this.#parts = [];
        onLine(whole.toString('utf8'));
      } else {
        onLine(chunk.toString('utf8', start, end));
      }
      start = end + 1;
      end = chunk.indexOf(10, start);
    }
    if (start < chunk.length) this.#parts.push(chunk.subarray(start));
  }
}
