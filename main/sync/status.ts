import { deepEqual } from '../../shared/expect-match.ts';
import type { Json } from '../../shared/schemas/json.ts';
import type { StoreContent, StoredStage } from '../../shared/store-api.ts';
import { TRIGGERS } from '../../shared/triggers.ts';

/** Against the last synced revision: who changed something since. */
export type SyncState = 'clean' | 'ahead' | 'behind' | 'diverged';

export interface ItemStatus {
  /** `stage`, the stage list order of a trigger, a fixture, or the env file. */
  kind: 'stage' | 'order' | 'fixture' | 'env';
  trigger?: string;
  name: string;
  state: SyncState;
  /** What each side did since the base. */
  local: Change;
  remote: Change | 'unknown';
}

export type Change = 'unchanged' | 'added' | 'changed' | 'deleted';

function change(base: unknown, side: unknown): Change {
  if (deepEqual(base as Json | undefined, side as Json | undefined)) return 'unchanged';
  if (base === undefined) return 'added';
  if (side === undefined) return 'deleted';
  return 'changed';
}

function state(local: Change, remote: Change | 'unknown', sameResult: boolean): SyncState {
  const l = local !== 'unchanged';
  const r = remote !== 'unchanged' && remote !== 'unknown';
  if (l && r) return sameResult ? 'clean' : 'diverged';
  return l ? 'ahead' : r ? 'behind' : 'clean';
}

/**
 * Per-item comparison of the workspace (`local`) and the store's head (`remote`, or `undefined`
 * when the store cannot be reached) with the last synced base. Items unchanged everywhere are left out.
 */
export function compareContents(
  base: StoreContent,
  local: StoreContent,
  remote: StoreContent | undefined,
): ItemStatus[] {
  const items: ItemStatus[] = [];
  const add = (
    kind: ItemStatus['kind'],
    name: string,
    trigger: string | undefined,
    b: unknown,
    l: unknown,
    r: unknown,
  ) => {
    const lc = change(b, l);
    const rc = remote === undefined ? 'unknown' : change(b, r);
    const s = state(lc, rc, deepEqual(l as Json | undefined, r as Json | undefined));
    if (lc === 'unchanged' && (rc === 'unchanged' || rc === 'unknown')) return;
    items.push({ kind, name, ...(trigger ? { trigger } : {}), state: s, local: lc, remote: rc });
  };
  add('env', 'env.json', undefined, base.env, local.env, remote?.env);
  for (const trigger of TRIGGERS) {
    const b = base.pipelines[trigger];
    const l = local.pipelines[trigger];
    const r = remote?.pipelines[trigger];
    const stages = (p: typeof b) => new Map<string, StoredStage>((p?.stages ?? []).map((s) => [s.name, s]));
    const [bs, ls, rs] = [stages(b), stages(l), stages(r)];
    for (const name of new Set([...bs.keys(), ...ls.keys(), ...rs.keys()])) {
      add('stage', name, trigger, bs.get(name), ls.get(name), rs.get(name));
    }
    const order = (p: typeof b) => (p?.stages ?? []).map((s) => s.name);
    const [bo, lo, ro] = [order(b), order(l), order(r)];
    const onlyOrder = (x: string[], y: string[]) =>
      x.length === y.length && !deepEqual(x, y) && [...x].sort().join() === [...y].sort().join();
    if (onlyOrder(bo, lo) || onlyOrder(bo, ro)) add('order', 'stage order', trigger, bo, lo, ro);
    const fixtures = new Set([
      ...Object.keys(b?.fixtures ?? {}),
      ...Object.keys(l?.fixtures ?? {}),
      ...Object.keys(r?.fixtures ?? {}),
    ]);
    for (const id of fixtures) add('fixture', id, trigger, b?.fixtures[id], l?.fixtures[id], r?.fixtures[id]);
  }
  return items;
}

/** The workspace's overall state: the combination of its items'. */
export function overallState(items: readonly ItemStatus[]): SyncState {
  const ahead = items.some((item) => item.state === 'ahead' || item.state === 'diverged');
  const behind = items.some((item) => item.state === 'behind' || item.state === 'diverged');
  if (ahead && behind) return 'diverged';
  return ahead ? 'ahead' : behind ? 'behind' : 'clean';
}
