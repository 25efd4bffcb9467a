/**
 * Which stage of which run each sandbox worker is running, kept in a small file the supervisor
 * reads only when the host dies (V8 can abort the whole host, which isolated-vm cannot always
 * prevent). Each worker overwrites its own fixed-size slot at every stage start: one write to a
 * file in memory, no reader to wake, and the text is there for the supervisor even when the
 * process dies right after the write.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes per worker slot: `[runId,stageIndex]` padded with spaces. */
const SLOT_BYTES = 48;

/** Where the tmpfs is, when there is one: a write there never touches a disk. */
function boardDir(): string {
  try {
    return mkdtempSync('/dev/shm/pipeline-studio-');
  } catch {
    return mkdtempSync(join(tmpdir(), 'pipeline-studio-'));
  }
}

export interface StageMark {
  runId: number;
  stageIndex: number;
}

/** The supervisor's side: one board per host process. */
export class StageBoard {
  readonly path: string;
  readonly #dir: string;

  constructor(slots: number) {
    this.#dir = boardDir();
    this.path = join(this.#dir, 'stages');
    writeFileSync(this.path, ' '.repeat(SLOT_BYTES * Math.max(1, slots)));
  }

  /** The last stage start written in each slot (slots never written are skipped). */
  read(): StageMark[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return [];
    }
    const marks: StageMark[] = [];
    for (let at = 0; at + SLOT_BYTES <= text.length; at += SLOT_BYTES) {
      const slot = text.slice(at, at + SLOT_BYTES).trim();
      if (slot === '') continue;
      try {
        const [runId, stageIndex] = JSON.parse(slot) as unknown[];
        if (Number.isInteger(runId) && Number.isInteger(stageIndex))
          marks.push({ runId: runId as number, stageIndex: stageIndex as number });
      } catch {
        // A slot caught mid-write by the crash tells nothing.
      }
    }
    return marks;
  }

  dispose(): void {
    rmSync(this.#dir, { recursive: true, force: true });
  }
}

/**
 * A worker's side: marks the stage it starts in its own slot. Without a board (a test driving the
 * host directly) marking does nothing.
 */
export function stageMarker(
  path: string | undefined,
  slot: number,
): (runId: number, stageIndex: number) => void {
  if (!path) return () => {};
  let fd: number | null;
  try {
    fd = openSync(path, 'r+');
  } catch {
    fd = null;
  }
  const position = slot * SLOT_BYTES;
  const bytes = Buffer.alloc(SLOT_BYTES, 32);
  return (runId, stageIndex) => {
    if (fd === null) return;
    const length = bytes.write(`[${runId},${stageIndex}]`, 0, 'latin1');
    bytes.fill(32, length);
    try {
      writeSync(fd, bytes, 0, SLOT_BYTES, position);
    } catch {
      closeSync(fd);
      fd = null;
    }
  };
}
