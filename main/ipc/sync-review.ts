/**
 * The publish gate and review for the studio: main/sync's `checkGate` and `buildReview`, turned
 * into the contract's rows (shared/ipc/sync-types.ts) that the review dialog lists.
 */
import { createHash } from 'node:crypto';
import type {
  BehaviourChange,
  ContentChange,
  DecisionOutcome,
  GateCompileProblem,
  GateFixtureResult,
  PublishGate,
} from '../../shared/ipc/sync-types.ts';
import type { StoreContent } from '../../shared/store-api.ts';
import { TRIGGERS, type Trigger } from '../../shared/triggers.ts';
import type { Executor } from '../executor/types.ts';
import { checkGate, type GateReport } from '../sync/gate.ts';
import { buildReview, type Review } from '../sync/review.ts';

/** Identifies a draft: publish refuses when the workspace no longer hashes the same as at review. */
export function contentHash(content: StoreContent): string {
  return createHash('sha256').update(stableJson(content)).digest('hex').slice(0, 32);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface ReviewInput {
  executor: Executor;
  draft: StoreContent;
  published: { version: number; content: StoreContent } | null;
  secrets: Record<string, string>;
}

export interface ReviewParts {
  gate: PublishGate;
  behaviour: BehaviourChange[];
  changes: ContentChange[];
}

/** Runs the gate; only a passing draft is also run through the live version for the review. */
export async function reviewDraft(input: ReviewInput): Promise<ReviewParts> {
  const gate = toGate(await checkGate(input.draft, input.executor, input.secrets));
  if (!gate.passed) return { gate, behaviour: [], changes: [] };
  const review = await buildReview(input.published, input.draft, input.executor, input.secrets);
  // With nothing live there is no behaviour to compare: every decision is new.
  const behaviour = input.published === null ? [] : toBehaviour(review);
  return { gate, behaviour, changes: toChanges(review) };
}

const asTrigger = (value: string | undefined): Trigger => TRIGGERS.find((t) => t === value) ?? TRIGGERS[0];

export function toGate(report: GateReport): PublishGate {
  const compile: GateCompileProblem[] = report.compile.map((p) => {
    const [, trigger, file] = /^pipelines\/([^/]+)\/(.+)$/.exec(p.file) ?? [];
    return {
      trigger: asTrigger(trigger),
      stage: (file ?? p.file).replace(/\.js$/, ''),
      relPath: p.file,
      ...(p.line === undefined ? {} : { line: p.line }),
      message: p.message,
    };
  });
  const fixtures: GateFixtureResult[] = report.fixtures.map((f) => ({
    trigger: f.trigger,
    fixtureId: f.id,
    name: f.name,
    pass: f.pass,
    reasons: [
      ...f.mismatches.map(
        (m) => `${m.path}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual ?? null)}`,
      ),
      ...(f.error ? [`run error: ${f.error}`] : []),
    ],
  }));
  return { passed: report.ok, compile, fixtures };
}

const asOutcome = (value: string): DecisionOutcome =>
  value === 'continue' || value === 'deny' || value === 'error' ? value : 'absent';

export function toBehaviour(review: Review): BehaviourChange[] {
  return review.behaviour.map((b) => ({
    trigger: b.trigger,
    fixtureId: b.id,
    name: b.name,
    published: asOutcome(b.published.outcome),
    draft: asOutcome(b.draft.outcome),
    details: b.fields
      .filter((field) => field !== 'outcome')
      .map((field) =>
        field === 'error'
          ? `error: ${JSON.stringify(b.published.error ?? null)} → ${JSON.stringify(b.draft.error ?? null)}`
          : `${field} differs`,
      ),
  }));
}

const show = (value: unknown) => (value === undefined ? '(none)' : JSON.stringify(value));

/** One row per stage, order, fixture and env key that differs from the live version. */
export function toChanges(review: Review): ContentChange[] {
  const out: ContentChange[] = [];
  for (const t of review.triggers) {
    const codeOf = (stage: string) => t.code.find((c) => c.stage === stage)?.diff ?? '';
    for (const name of t.added)
      out.push({ kind: 'code', trigger: t.trigger, name, change: 'added', detail: codeOf(name) });
    for (const name of t.removed) {
      out.push({
        kind: 'code',
        trigger: t.trigger,
        name,
        change: 'removed',
        detail: 'the stage and its code are removed',
      });
    }
    for (const c of t.code) {
      if (!t.added.includes(c.stage))
        out.push({ kind: 'code', trigger: t.trigger, name: c.stage, change: 'changed', detail: c.diff });
    }
    if (t.order) {
      out.push({
        kind: 'order',
        trigger: t.trigger,
        name: 'stage order',
        change: 'changed',
        detail: `${t.order.before.join(' → ')}\nbecomes\n${t.order.after.join(' → ')}`,
      });
    }
    for (const stage of new Set(t.settings.map((s) => s.stage))) {
      const lines = t.settings
        .filter((s) => s.stage === stage)
        .map((s) => `${s.field}: ${show(s.before)} → ${show(s.after)}`);
      out.push({
        kind: 'settings',
        trigger: t.trigger,
        name: stage,
        change: 'changed',
        detail: lines.join('\n'),
      });
    }
    for (const [change, ids] of [
      ['added', t.fixtures.added],
      ['removed', t.fixtures.removed],
      ['changed', t.fixtures.changed],
    ] as const) {
      for (const id of ids) {
        out.push({
          kind: 'fixture',
          trigger: t.trigger,
          name: id,
          change,
          detail: `fixtures/${t.trigger}/${id}.json`,
        });
      }
    }
  }
  for (const [change, keys] of [
    ['added', review.env.added],
    ['removed', review.env.removed],
    ['changed', review.env.changed],
  ] as const) {
    for (const key of keys) out.push({ kind: 'env', name: key, change, detail: `env.json ${key} ${change}` });
  }
  return out;
}
