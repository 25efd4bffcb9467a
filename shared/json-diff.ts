import type { Json } from './schemas/json.ts';

export type DiffKind = 'added' | 'removed' | 'changed';

/** One difference between two JSON values, at a path such as `user.address.city` or `roles[2]`. */
export interface DiffEntry {
  kind: DiffKind;
  path: string;
  before?: Json;
  after?: Json;
}

/**
 * Lists what changed from `before` to `after`, depth first, in key order of `after` then removed keys.
 * Arrays are compared by index: a stage that appends a role shows one `added` entry.
 */
export function diffJson(before: Json | undefined, after: Json | undefined, path = ''): DiffEntry[] {
  const out: DiffEntry[] = [];
  walk(before, after, path, out);
  return out;
}

function walk(before: Json | undefined, after: Json | undefined, path: string, out: DiffEntry[]): void {
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    out.push({ kind: 'added', path, after: after as Json });
    return;
  }
  if (after === undefined) {
    out.push({ kind: 'removed', path, before });
    return;
  }
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(after)) walk(before[key], after[key], join(path, key), out);
    for (const key of Object.keys(before)) {
      if (!(key in after)) out.push({ kind: 'removed', path: join(path, key), before: before[key] });
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) walk(before[i], after[i], `${path}[${i}]`, out);
    return;
  }
  // Scalars that differ, or a container against something of another shape: one change here.
  if (before !== after) out.push({ kind: 'changed', path, before, after });
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  const safe = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  if (path === '') return safe.startsWith('"') ? `[${safe}]` : safe;
  return safe.startsWith('"') ? `${path}[${safe}]` : `${path}.${safe}`;
}
