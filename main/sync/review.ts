import { deepEqual } from '../../shared/expect-match.ts';
import type { RunResult } from '../../shared/run-result.ts';
import type { Json } from '../../shared/schemas/json.ts';
import { emptyContent, type StoreContent, type StoredStage } from '../../shared/store-api.ts';
import { TRIGGERS, type Trigger } from '../../shared/triggers.ts';
import type { Executor } from '../executor/index.ts';
import { diffLines, formatDiff } from './diff3.ts';
import { contentFixtures, requestFor } from './gate.ts';

/** A fixture whose decision differs between the live version and the draft. */
export interface BehaviourChange {
  trigger: Trigger;
  id: string;
  name: string;
  /** Decision fields that differ, e.g. `outcome`, `error`, `context`. */
  fields: string[];
  published: { outcome: string; error?: string };
  draft: { outcome: string; error?: string };
}

export interface SettingChange {
  stage: string;
  field: string;
  before: Json | undefined;
  after: Json | undefined;
}

export interface TriggerChanges {
  trigger: Trigger;
  added: string[];
  removed: string[];
  /** Set when the order of the stages kept on both sides changed. */
  order?: { before: string[]; after: string[] };
  settings: SettingChange[];
  /** Unified-style line diff per stage whose code changed (new stages: all lines added). */
  code: { stage: string; diff: string }[];
  fixtures: { added: string[]; removed: string[]; changed: string[] };
}

export interface Review {
  publishedVersion: number | null;
  behaviour: BehaviourChange[];
  /** How many fixtures were run on both sides to find `behaviour`. */
  fixturesCompared: number;
  triggers: TriggerChanges[];
  env: { added: string[]; removed: string[]; changed: string[] };
}

const SETTINGS = ['file', 'enabled', 'async', 'timeoutSeconds', 'terminateOnTimeout', 'description'] as const;
const DECISION = ['outcome', 'error', 'user', 'context', 'idToken', 'accessToken', 'customData'] as const;

/** What a run decided, for comparing two versions (timings and traces left out). */
function decision(result: RunResult): Record<(typeof DECISION)[number], Json> {
  return {
    outcome: result.outcome,
    error: result.error?.message ?? null,
    user: result.user,
    context: result.context,
    idToken: result.idToken,
    accessToken: result.accessToken,
    customData: result.customData,
  };
}

/**
 * The review before publishing: every fixture of the draft run through the live version and the
 * draft (the behaviour diff), and the code, order and settings differences.
 */
export async function buildReview(
  published: { version: number; content: StoreContent } | null,
  draft: StoreContent,
  executor: Executor,
  secrets: Record<string, string>,
): Promise<Review> {
  const live = published?.content ?? emptyContent();
  const { runs } = contentFixtures(draft);
  const [before, after] = await Promise.all([
    executor.runMany(runs.map((run) => requestFor(live, run, secrets))),
    executor.runMany(runs.map((run) => requestFor(draft, run, secrets))),
  ]);
  const behaviour: BehaviourChange[] = [];
  runs.forEach((run, i) => {
    const a = decision(before[i] as RunResult);
    const b = decision(after[i] as RunResult);
    const fields = DECISION.filter((field) => !deepEqual(a[field], b[field]));
    if (fields.length === 0) return;
    const side = (d: typeof a) => ({
      outcome: String(d.outcome),
      ...(d.error ? { error: String(d.error) } : {}),
    });
    behaviour.push({
      trigger: run.trigger,
      id: run.id,
      name: run.fixture.name,
      fields,
      published: side(a),
      draft: side(b),
    });
  });
  const triggers: TriggerChanges[] = [];
  for (const trigger of TRIGGERS) {
    const changes = triggerChanges(trigger, live, draft);
    if (changes) triggers.push(changes);
  }
  return {
    publishedVersion: published?.version ?? null,
    behaviour,
    fixturesCompared: runs.length,
    triggers,
    env: keyChanges(live.env, draft.env),
  };
}

function triggerChanges(
  trigger: Trigger,
  live: StoreContent,
  draft: StoreContent,
): TriggerChanges | undefined {
  const a = live.pipelines[trigger] ?? { stages: [], fixtures: {} };
  const b = draft.pipelines[trigger] ?? { stages: [], fixtures: {} };
  const before = new Map(a.stages.map((s) => [s.name, s]));
  const after = new Map(b.stages.map((s) => [s.name, s]));
  const added = b.stages.filter((s) => !before.has(s.name)).map((s) => s.name);
  const removed = a.stages.filter((s) => !after.has(s.name)).map((s) => s.name);
  const keptBefore = a.stages.map((s) => s.name).filter((n) => after.has(n));
  const keptAfter = b.stages.map((s) => s.name).filter((n) => before.has(n));
  const settings: SettingChange[] = [];
  const code: TriggerChanges['code'] = [];
  for (const stage of b.stages) {
    const old: StoredStage | undefined = before.get(stage.name);
    for (const field of SETTINGS) {
      if (old && !deepEqual(old[field], stage[field])) {
        settings.push({ stage: stage.name, field, before: old[field], after: stage[field] });
      }
    }
    if (old?.code !== stage.code)
      code.push({ stage: stage.name, diff: formatDiff(diffLines(old?.code ?? '', stage.code)) });
  }
  const fixtures = keyChanges(a.fixtures, b.fixtures);
  const changes: TriggerChanges = {
    trigger,
    added,
    removed,
    ...(deepEqual(keptBefore, keptAfter)
      ? {}
      : { order: { before: a.stages.map((s) => s.name), after: b.stages.map((s) => s.name) } }),
    settings,
    code,
    fixtures,
  };
  const empty =
    added.length + removed.length + settings.length + code.length === 0 &&
    !changes.order &&
    fixtures.added.length + fixtures.removed.length + fixtures.changed.length === 0;
  return empty ? undefined : changes;
}

function keyChanges(a: Record<string, unknown>, b: Record<string, unknown>) {
  return {
    added: Object.keys(b)
      .filter((k) => !(k in a))
      .sort(),
    removed: Object.keys(a)
      .filter((k) => !(k in b))
      .sort(),
    changed: Object.keys(b)
      .filter((k) => k in a && !deepEqual(a[k] as Json, b[k] as Json))
      .sort(),
  };
}
