import type { Json } from '../../shared/schemas/json.ts';

export type ConflictKind = 'code' | 'setting' | 'order' | 'stage' | 'env' | 'fixture';

/**
 * One place both sides changed differently since the last sync: what a merge view shows, side by
 * side. `undefined` on a side means "absent there" (deleted, or never existed).
 */
export interface Conflict {
  /** Stable id, also the key of its resolution, e.g. `PRE_REGISTER/stage/domain-check/code`. */
  id: string;
  kind: ConflictKind;
  /** The workspace file the conflict is in. */
  file: string;
  /** What it is about, for a person: "code of stage domain-check (PRE_REGISTER)". */
  title: string;
  base: Json | undefined;
  local: Json | undefined;
  remote: Json | undefined;
  /** For code: the merged text with conflict blocks, the starting point of a manual resolution. */
  merged?: string;
}

/** How a person resolved one conflict: take a side, or give the resolved value (text for code). */
export type Resolution = { take: 'local' | 'remote' | 'base' } | { value: Json };
export type Resolutions = Readonly<Record<string, Resolution>>;

/** The value a resolution picks. */
export function resolvedValue(conflict: Conflict, resolution: Resolution): Json | undefined {
  if ('value' in resolution) return resolution.value;
  return conflict[resolution.take];
}
