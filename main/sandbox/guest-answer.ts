/**
 * Reading what the guest runtime answers after each call (guest/runner.js `report`): a status
 * line, the result once done, and the finished stages' traces as the guest's own JSON text.
 */
import type { StageTrace } from '../../shared/run-result.ts';
import { MAX_GUEST_JSON_CHARS, parseGuestJson } from './result-json.ts';

/** What the guest answers after each call (see guest/runner.js `report`). */
export interface GuestStatus {
  k: 'S' | 'W' | 'D' | 'X';
  i: number;
  /** Once done: the result without its stages, as the guest's JSON text (parsed by the caller). */
  r?: string;
  /** Traces of the stages finished since the last answer, as the guest's JSON text. */
  texts?: string[];
}

const STATUS_LINE = /^([SWD])(\d{1,9})$/;

/**
 * A guest answer: its status on the first line (`S2`, `W2`, `D4` or `X`), then, once done, the
 * result as JSON, then one line of JSON text per finished stage's trace (JSON text never holds a
 * raw line break). Nothing after the status is parsed here: the texts are joined into the
 * result's text, which the supervisor parses with the limits for guest data.
 */
export function readStatus(text: unknown): GuestStatus {
  if (typeof text !== 'string')
    throw new Error('the sandbox runtime answered with something that is not text');
  if (text.length > MAX_GUEST_JSON_CHARS) parseGuestJson(text);
  const lines = text.split('\n');
  const head = lines[0] as string;
  if (head === 'X') return { k: 'X', i: -1 };
  const match = STATUS_LINE.exec(head);
  if (!match) throw new Error('the sandbox runtime answered with an unexpected value');
  const status: GuestStatus = { k: match[1] as GuestStatus['k'], i: Number(match[2]) };
  let rest = 1;
  if (status.k === 'D') {
    status.r = lines[1];
    rest = 2;
  }
  if (lines.length > rest) status.texts = lines.slice(rest);
  return status;
}

export function parseTrace(text: string): StageTrace | undefined {
  try {
    const trace = parseGuestJson(text);
    return typeof trace === 'object' && trace !== null && !Array.isArray(trace)
      ? (trace as unknown as StageTrace)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The text of a trace with its duration added, or null when it is not one JSON object. */
export function withDuration(text: string, durationMs: number): string | null {
  if (text.length < 2 || text[0] !== '{' || text[text.length - 1] !== '}') return null;
  return `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}"durationMs":${durationMs}}`;
}

/**
 * What V8 says when strict code writes to a frozen object. A run that chose the warm realm and
 * failed so is run again in a fresh context, where only the user's own frozen objects say it.
 */
const FROZEN_WRITE =
  /^(?:TypeError: )?Cannot (?:assign to read only property|add property|define property|redefine property|delete property)/;

export function hitFrozen(texts: readonly string[]): boolean {
  return texts.some((text) => {
    if (!text.includes('Cannot ')) return false;
    const message = parseTrace(text)?.error?.message;
    return typeof message === 'string' && FROZEN_WRITE.test(message);
  });
}
