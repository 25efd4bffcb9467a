import { deepEqual } from '../../shared/expect-match.ts';
import type { Json, JsonObject } from '../../shared/schemas/json.ts';
import type { StoreContent, StoredPipeline, StoredStage } from '../../shared/store-api.ts';
import { TRIGGERS, type Trigger } from '../../shared/triggers.ts';
import { type Conflict, type Resolutions, resolvedValue } from './conflicts.ts';
import { merge3 } from './diff3.ts';

export interface ContentMerge {
  /** The merge; where a conflict is unresolved it holds the local side. */
  content: StoreContent;
  /** Conflicts without a resolution: nothing may be written while any remain. */
  conflicts: Conflict[];
}

const SETTINGS = ['file', 'enabled', 'async', 'timeoutSeconds', 'terminateOnTimeout', 'description'] as const;

const same = (a: unknown, b: unknown) => deepEqual(a as Json | undefined, b as Json | undefined);

/**
 * Three-way merge of whole contents against the last synced base: env by key, fixtures whole, stage
 * settings by field, stage code line by line, stage order as a sequence. `resolutions` settle
 * conflicts by id (from an earlier attempt's `conflicts`).
 */
export function mergeContent(
  base: StoreContent,
  local: StoreContent,
  remote: StoreContent,
  resolutions: Resolutions = {},
): ContentMerge {
  const conflicts: Conflict[] = [];
  /** Three-way pick of one value; a conflict is recorded (or resolved) under `conflict.id`. */
  const pick = <T>(
    b: T | undefined,
    l: T | undefined,
    r: T | undefined,
    conflict: Omit<Conflict, 'base' | 'local' | 'remote'>,
  ): T | undefined => {
    if (same(l, r) || same(r, b)) return l;
    if (same(l, b)) return r;
    const full: Conflict = {
      ...conflict,
      base: b as Json | undefined,
      local: l as Json | undefined,
      remote: r as Json | undefined,
    };
    const resolution = resolutions[conflict.id];
    if (resolution) return resolvedValue(full, resolution) as T | undefined;
    conflicts.push(full);
    return l;
  };

  const env: Record<string, string> = {};
  for (const key of unionKeys(base.env, local.env, remote.env)) {
    const value = pick(base.env[key], local.env[key], remote.env[key], {
      id: `env/${key}`,
      kind: 'env',
      file: 'env.json',
      title: `env ${key}`,
    });
    if (value !== undefined) env[key] = value;
  }

  const pipelines: StoreContent['pipelines'] = {};
  for (const trigger of TRIGGERS) {
    const b = base.pipelines[trigger];
    const l = local.pipelines[trigger];
    const r = remote.pipelines[trigger];
    if (!b && !l && !r) continue;
    const merged = mergePipeline(trigger, b ?? empty(), l ?? empty(), r ?? empty(), pick);
    if (merged.stages.length > 0 || Object.keys(merged.fixtures).length > 0) pipelines[trigger] = merged;
  }
  return { content: { env, pipelines }, conflicts };

  function mergePipeline(
    trigger: Trigger,
    b: StoredPipeline,
    l: StoredPipeline,
    r: StoredPipeline,
    choose: typeof pick,
  ): StoredPipeline {
    const folder = `pipelines/${trigger}`;
    const byName = (p: StoredPipeline) => new Map(p.stages.map((stage) => [stage.name, stage]));
    const [bs, ls, rs] = [byName(b), byName(l), byName(r)];
    const stages = new Map<string, StoredStage>();
    for (const name of unionKeys(Object.fromEntries(bs), Object.fromEntries(ls), Object.fromEntries(rs))) {
      const sb = bs.get(name);
      const sl = ls.get(name);
      const sr = rs.get(name);
      const present = [sl, sr].filter(Boolean).length;
      if (!sl || !sr) {
        // Added or deleted on one side; deleted on one side and changed on the other is a conflict.
        const stage = choose(sb, sl, sr, {
          id: `${trigger}/stage/${name}`,
          kind: 'stage',
          file: `${folder}/pipeline.json`,
          title: `stage ${name} (${trigger}) was deleted on one side and changed on the other`,
        });
        if (stage && present > 0) stages.set(name, stage);
        continue;
      }
      stages.set(name, mergeStage(trigger, sb, sl, sr, choose));
    }
    const order = mergeOrder(
      trigger,
      b.stages.map((s) => s.name),
      l.stages.map((s) => s.name),
      r.stages.map((s) => s.name),
      new Set(stages.keys()),
      choose,
    );
    const fixtures: Record<string, JsonObject> = {};
    for (const id of unionKeys(b.fixtures, l.fixtures, r.fixtures)) {
      const fixture = choose(b.fixtures[id], l.fixtures[id], r.fixtures[id], {
        id: `${trigger}/fixture/${id}`,
        kind: 'fixture',
        file: `fixtures/${trigger}/${id}.json`,
        title: `fixture ${id} (${trigger})`,
      });
      if (fixture !== undefined) fixtures[id] = fixture;
    }
    return { stages: order.map((name) => stages.get(name) as StoredStage), fixtures };
  }

  function mergeStage(
    trigger: Trigger,
    b: StoredStage | undefined,
    l: StoredStage,
    r: StoredStage,
    choose: typeof pick,
  ): StoredStage {
    const out = { ...l };
    const target = out as Record<string, unknown>;
    for (const field of SETTINGS) {
      target[field] = choose(b?.[field], l[field], r[field], {
        id: `${trigger}/stage/${l.name}/${field}`,
        kind: 'setting',
        file: `pipelines/${trigger}/pipeline.json`,
        title: `${field} of stage ${l.name} (${trigger})`,
      });
    }
    const code = merge3(b?.code ?? '', l.code, r.code);
    if (code.clean) out.code = code.text;
    else {
      const id = `${trigger}/stage/${l.name}/code`;
      const conflict: Conflict = {
        id,
        kind: 'code',
        file: `pipelines/${trigger}/${l.file}`,
        title: `code of stage ${l.name} (${trigger})`,
        base: b?.code,
        local: l.code,
        remote: r.code,
        merged: code.text,
      };
      const resolution = resolutions[id];
      if (resolution) out.code = String(resolvedValue(conflict, resolution) ?? '');
      else conflicts.push(conflict);
    }
    return out;
  }

  function mergeOrder(
    trigger: Trigger,
    b: string[],
    l: string[],
    r: string[],
    keep: Set<string>,
    choose: typeof pick,
  ): string[] {
    const inAll = (name: string) => l.includes(name) && r.includes(name) && keep.has(name);
    const lc = l.filter(inAll);
    const rc = r.filter(inAll);
    const bc = b.filter(inAll);
    let primary: string[];
    let secondary: string[];
    if (same(lc, rc) || same(rc, bc)) [primary, secondary] = [l, r];
    else if (same(lc, bc)) [primary, secondary] = [r, l];
    else {
      const chosen = choose(bc, lc, rc, {
        id: `${trigger}/order`,
        kind: 'order',
        file: `pipelines/${trigger}/pipeline.json`,
        title: `order of the stages of ${trigger}`,
      }) as string[];
      [primary, secondary] = [chosen === rc ? r : l, chosen === rc ? l : r];
      if (chosen !== rc && chosen !== lc) primary = [...chosen, ...l.filter((n) => !chosen.includes(n))];
    }
    const result = primary.filter((name) => keep.has(name));
    // Stages only the other side has go after their nearest predecessor there.
    secondary.forEach((name, i) => {
      if (!keep.has(name) || result.includes(name)) return;
      let at = 0;
      for (let k = i - 1; k >= 0; k--) {
        const index = result.indexOf(secondary[k] as string);
        if (index !== -1) {
          at = index + 1;
          break;
        }
      }
      result.splice(at, 0, name);
    });
    for (const name of keep) if (!result.includes(name)) result.push(name);
    return result;
  }
}

const empty = (): StoredPipeline => ({ stages: [], fixtures: {} });

function unionKeys(...objects: object[]): string[] {
  const keys = new Set<string>();
  for (const object of objects) for (const key of Object.keys(object)) keys.add(key);
  return [...keys].sort();
}
