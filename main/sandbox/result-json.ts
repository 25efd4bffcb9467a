import type { Json } from '../../shared/schemas/json.ts';

/** Largest status text accepted from a guest, in characters. */
export const MAX_GUEST_JSON_CHARS = 32 * 1024 * 1024;
/**
 * Largest whole run result (every stage's trace, each answer up to the limit above), in
 * characters: what a JavaScript string can hold.
 */
export const MAX_RESULT_JSON_CHARS = 512 * 1024 * 1024 - 64;
const MAX_DEPTH = 200;

/**
 * Parses JSON text produced inside the sandbox. Nothing in it is trusted: size and depth are
 * capped, and keys that could reach a prototype when merged (`__proto__`, `constructor` holding
 * a `prototype`) are dropped.
 */
export function parseGuestJson(text: unknown, maxChars = MAX_GUEST_JSON_CHARS): Json {
  if (typeof text !== 'string') throw new Error('the sandbox answered with something that is not text');
  if (text.length > maxChars) {
    throw new Error(
      `the sandbox answered with ${Math.round(text.length / 1048576)} MB of data; the limit is ${Math.round(maxChars / 1048576)} MB`,
    );
  }
  // Most answers hold nothing to drop: checked on the text, they skip the copy `clean` makes.
  if (!needsCleaning(text) && depthWithin(text, MAX_DEPTH)) return JSON.parse(text) as Json;
  return clean(JSON.parse(text) as unknown, 0);
}

/**
 * Text that may parse to something `clean` changes: a `__proto__` or `constructor` key, or a
 * number too large to be finite (a three-digit exponent, or 300 digits in a row). The plain
 * searches first: one regular expression with all four took twice as long.
 */
const HUGE_NUMBER = /[eE]\+?\d{3}|\d{300}/;
function needsCleaning(text: string): boolean {
  return text.includes('__proto__') || text.includes('"constructor"') || HUGE_NUMBER.test(text);
}

/** True when no array or object in the JSON text nests deeper than `max`. */
function depthWithin(text: string, max: number): boolean {
  // Nothing nests deeper than the number of opening brackets: counting them is a fast search.
  let opened = 0;
  for (let at = text.indexOf('{'); at >= 0 && opened <= max; at = text.indexOf('{', at + 1)) opened += 1;
  for (let at = text.indexOf('['); at >= 0 && opened <= max; at = text.indexOf('[', at + 1)) opened += 1;
  if (opened <= max) return true;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth += 1;
      if (depth > max) return false;
    } else if (c === 125 || c === 93) depth -= 1;
  }
  return true;
}

function clean(value: unknown, depth: number): Json {
  if (depth > MAX_DEPTH)
    throw new Error(`the sandbox answered with data nested deeper than ${MAX_DEPTH} levels`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((item) => clean(item, depth + 1));
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === '__proto__') continue;
      if (key === 'constructor' && typeof item === 'object' && item !== null && 'prototype' in item) continue;
      out[key] = clean(item, depth + 1);
    }
    return out;
  }
  return null;
}

/**
 * The guest sends a stage's input as `"^"` when it is the previous stage's output, and its output
 * as `"="` when it is its own input (guest/stages.js `finishStage`): most stages pass on what they
 * got, so a result carries each user and context once. This puts the objects back, shared. False
 * when a mark refers to nothing (then it is left as it is).
 */
export function expandSharedTraces(stages: unknown): boolean {
  if (!Array.isArray(stages)) return true;
  let previous: unknown;
  let whole = true;
  for (const trace of stages) {
    if (typeof trace !== 'object' || trace === null) {
      previous = undefined;
      continue;
    }
    const record = trace as { input?: unknown; output?: unknown };
    if (record.input === '^') {
      if (typeof previous === 'object' && previous !== null) record.input = previous;
      else whole = false;
    }
    if (record.output === '=') {
      if (typeof record.input === 'object' && record.input !== null) record.output = record.input;
      else whole = false;
    }
    previous = record.output;
  }
  return whole;
}

/** Replaces every secret value in every string (keys included) with `[secret:NAME]`. */
export function redactSecrets<T extends Json>(value: T, secrets: Record<string, string>): T {
  const entries = Object.entries(secrets)
    .filter(([, secret]) => typeof secret === 'string' && secret.length > 0)
    .sort((a, b) => b[1].length - a[1].length);
  if (entries.length === 0) return value;
  const redact = (text: string): string => {
    let out = text;
    for (const [name, secret] of entries)
      if (out.includes(secret)) out = out.split(secret).join(`[secret:${name}]`);
    return out;
  };
  const walk = (item: Json): Json => {
    if (typeof item === 'string') return redact(item);
    if (Array.isArray(item)) return item.map(walk);
    if (item !== null && typeof item === 'object') {
      const out: { [key: string]: Json } = {};
      for (const [key, child] of Object.entries(item)) out[redact(key)] = walk(child);
      return out;
    }
    return item;
  };
  return walk(value) as T;
}
