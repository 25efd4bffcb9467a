/**
 * The publish gate and review (issue 6): every stage must compile and every fixture must pass;
 * then the fixtures are run through the published version too, and those whose result differs
 * are listed beside the code, order, settings, env and fixture differences.
 */
import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { buildRunRequest } from '../../shared/build-run-request.ts';
import { deepEqual, matchExpectation } from '../../shared/expect-match.ts';
import type {
  BehaviourChange,
  ContentChange,
  DecisionOutcome,
  GateCompileProblem,
  GateFixtureResult,
  PublishGate,
} from '../../shared/ipc/sync-types.ts';
import type { RunRequest } from '../../shared/run-request.ts';
import type { RunResult } from '../../shared/run-result.ts';
import { type Fixture, fixtureSchema } from '../../shared/schemas/fixture.ts';
import type { Json } from '../../shared/schemas/json.ts';
import type { StoreContent, StoredPipeline } from '../../shared/store-api.ts';
import { TRIGGERS, type Trigger } from '../../shared/triggers.ts';
import type { Executor } from '../executor/types.ts';
import { diffLines, formatDiff } from '../sync/diff3.ts';

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

/** Parses each stage as the sandbox will (a script declaring `pipe`), without running it. */
export function compileProblems(content: StoreContent): GateCompileProblem[] {
  const problems: GateCompileProblem[] = [];
  for (const [trigger, pipeline] of pipelinesOf(content)) {
    for (const stage of pipeline.stages) {
      const relPath = `pipelines/${trigger}/${stage.file}`;
      try {
        new Script(stage.code, { filename: relPath });
      } catch (error) {
        const line = /:(\d+)\s*$/m.exec(String((error as Error).stack).split('\n')[0] ?? '')?.[1];
        problems.push({
          trigger,
          stage: stage.name,
          relPath,
          ...(line === undefined ? {} : { line: Number(line) }),
          message: `${(error as Error).name}: ${(error as Error).message}`,
        });
      }
    }
  }
  return problems;
}

interface FixtureCase {
  trigger: Trigger;
  id: string;
  fixture: Fixture;
}

function pipelinesOf(content: StoreContent): [Trigger, StoredPipeline][] {
  return TRIGGERS.flatMap((t) => {
    const p = content.pipelines[t];
    return p ? [[t, p] as [Trigger, StoredPipeline]] : [];
  });
}

/** The draft's fixtures, parsed; one that does not parse fails the gate with its field path. */
function fixtureCases(content: StoreContent): { cases: FixtureCase[]; broken: GateFixtureResult[] } {
  const cases: FixtureCase[] = [];
  const broken: GateFixtureResult[] = [];
  for (const [trigger, pipeline] of pipelinesOf(content)) {
    for (const [id, raw] of Object.entries(pipeline.fixtures)) {
      const parsed = fixtureSchema.safeParse(raw);
      if (parsed.success) cases.push({ trigger, id, fixture: parsed.data });
      else {
        const issue = parsed.error.issues[0];
        broken.push({
          trigger,
          fixtureId: id,
          name: id,
          pass: false,
          reasons: [
            `fixtures/${trigger}/${id}.json: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`,
          ],
        });
      }
    }
  }
  return { cases, broken };
}

function requestFor(
  content: StoreContent,
  c: FixtureCase,
  secrets: Record<string, string>,
): RunRequest | undefined {
  const pipeline = content.pipelines[c.trigger];
  if (!pipeline) return undefined;
  return buildRunRequest({
    trigger: c.trigger,
    stages: pipeline.stages.map((s) => ({ ...s, relPath: `pipelines/${c.trigger}/${s.file}` })),
    fixture: c.fixture,
    env: content.env,
    secrets,
  });
}

async function runAll(
  executor: Executor,
  content: StoreContent | null,
  cases: readonly FixtureCase[],
  secrets: Record<string, string>,
): Promise<(RunResult | undefined)[]> {
  const requests = cases.map((c) => (content ? requestFor(content, c, secrets) : undefined));
  const present = requests.filter((r): r is RunRequest => r !== undefined);
  const results = await executor.runMany(present);
  let next = 0;
  return requests.map((r) => (r === undefined ? undefined : results[next++]));
}

export interface ReviewInput {
  executor: Executor;
  draft: StoreContent;
  published: StoreContent | null;
  secrets: Record<string, string>;
}

export interface ReviewParts {
  gate: PublishGate;
  behaviour: BehaviourChange[];
  changes: ContentChange[];
}

/** Runs the gate; when it passes, also the published side for the behaviour diff. */
export async function reviewDraft(input: ReviewInput): Promise<ReviewParts> {
  const compile = compileProblems(input.draft);
  const { cases, broken } = fixtureCases(input.draft);
  const draftRuns = await runAll(input.executor, input.draft, cases, input.secrets);
  const fixtures: GateFixtureResult[] = [...broken];
  cases.forEach((c, i) => {
    const result = draftRuns[i];
    const reasons: string[] = [];
    if (result && c.fixture.expect) {
      for (const m of matchExpectation(c.fixture.expect, result).mismatches) {
        reasons.push(`${m.path}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
      }
    }
    if (result?.outcome === 'error' && !c.fixture.expect)
      reasons.push(`error: ${result.error?.message ?? ''}`);
    fixtures.push({
      trigger: c.trigger,
      fixtureId: c.id,
      name: c.fixture.name,
      pass: reasons.length === 0,
      reasons,
    });
  });
  const gate: PublishGate = {
    passed: compile.length === 0 && fixtures.every((f) => f.pass),
    compile,
    fixtures,
  };
  const changes = contentChanges(input.published, input.draft);
  if (!gate.passed) return { gate, behaviour: [], changes };
  const publishedRuns = await runAll(input.executor, input.published, cases, input.secrets);
  const behaviour: BehaviourChange[] = [];
  cases.forEach((c, i) => {
    const change = compareRuns(publishedRuns[i], draftRuns[i]);
    if (change) behaviour.push({ trigger: c.trigger, fixtureId: c.id, name: c.fixture.name, ...change });
  });
  return { gate, behaviour, changes };
}

const outcomeOf = (r: RunResult | undefined): DecisionOutcome => r?.outcome ?? 'absent';

/** What differs in a decision: the outcome, the error, then user, context, tokens and custom data. */
export function compareRuns(
  published: RunResult | undefined,
  draft: RunResult | undefined,
): Pick<BehaviourChange, 'published' | 'draft' | 'details'> | null {
  const details: string[] = [];
  if (published && draft) {
    if (published.error?.message !== draft.error?.message && (published.error || draft.error)) {
      details.push(
        `error: ${JSON.stringify(published.error?.message ?? null)} → ${JSON.stringify(draft.error?.message ?? null)}`,
      );
    }
    for (const key of ['user', 'context', 'idToken', 'accessToken', 'customData'] as const) {
      const before = (published[key] ?? null) as Json;
      const after = (draft[key] ?? null) as Json;
      if (!deepEqual(before, after)) details.push(...describeDiff(key, before, after));
    }
  }
  const same = outcomeOf(published) === outcomeOf(draft) && details.length === 0;
  return same ? null : { published: outcomeOf(published), draft: outcomeOf(draft), details };
}

function describeDiff(path: string, before: Json, after: Json, limit = 4): string[] {
  const out: string[] = [];
  const walk = (p: string, b: Json | undefined, a: Json | undefined) => {
    if (out.length >= limit || deepEqual(b, a)) return;
    const objects =
      b && a && typeof b === 'object' && typeof a === 'object' && !Array.isArray(b) && !Array.isArray(a);
    if (objects) {
      for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) walk(`${p}.${k}`, b[k], a[k]);
      return;
    }
    out.push(`${p}: ${JSON.stringify(b ?? null)} → ${JSON.stringify(a ?? null)}`);
  };
  walk(path, before, after);
  return out;
}

const SETTINGS = ['enabled', 'async', 'timeoutSeconds', 'terminateOnTimeout', 'description', 'file'] as const;

/** The code, order, settings, env and fixture differences from the published content to the draft. */
export function contentChanges(published: StoreContent | null, draft: StoreContent): ContentChange[] {
  const before = published ?? { env: {}, pipelines: {} };
  const out: ContentChange[] = [];
  for (const trigger of TRIGGERS) {
    const b = before.pipelines[trigger] ?? { stages: [], fixtures: {} };
    const a = draft.pipelines[trigger] ?? { stages: [], fixtures: {} };
    const names = new Set([...b.stages.map((s) => s.name), ...a.stages.map((s) => s.name)]);
    for (const name of names) {
      const sb = b.stages.find((s) => s.name === name);
      const sa = a.stages.find((s) => s.name === name);
      if (!sb || !sa) {
        const code = sa?.code ?? sb?.code ?? '';
        out.push({
          kind: 'code',
          trigger,
          name,
          change: sa ? 'added' : 'removed',
          detail: formatDiff(diffLines(sa ? '' : code, sa ? code : '')),
        });
        continue;
      }
      if (sb.code !== sa.code) {
        out.push({
          kind: 'code',
          trigger,
          name,
          change: 'changed',
          detail: formatDiff(diffLines(sb.code, sa.code)),
        });
      }
      const settings = SETTINGS.filter((k) => sb[k] !== sa[k]).map(
        (k) => `${k}: ${JSON.stringify(sb[k])} → ${JSON.stringify(sa[k])}`,
      );
      if (settings.length > 0)
        out.push({ kind: 'settings', trigger, name, change: 'changed', detail: settings.join('\n') });
    }
    const common = (x: string[], y: string[]) => x.filter((n) => y.includes(n));
    const ob = common(
      b.stages.map((s) => s.name),
      a.stages.map((s) => s.name),
    );
    const oa = common(
      a.stages.map((s) => s.name),
      b.stages.map((s) => s.name),
    );
    if (!deepEqual(ob, oa)) {
      out.push({
        kind: 'order',
        trigger,
        name: 'stage order',
        change: 'changed',
        detail: `${ob.join(' → ')}\nbecomes\n${oa.join(' → ')}`,
      });
    }
    for (const id of new Set([...Object.keys(b.fixtures), ...Object.keys(a.fixtures)])) {
      const fb = b.fixtures[id];
      const fa = a.fixtures[id];
      if (deepEqual(fb, fa)) continue;
      const change = !fb ? 'added' : !fa ? 'removed' : 'changed';
      out.push({
        kind: 'fixture',
        trigger,
        name: id,
        change,
        detail: `fixtures/${trigger}/${id}.json ${change}`,
      });
    }
  }
  for (const key of new Set([...Object.keys(before.env), ...Object.keys(draft.env)])) {
    const vb = before.env[key];
    const va = draft.env[key];
    if (vb === va) continue;
    const change = vb === undefined ? 'added' : va === undefined ? 'removed' : 'changed';
    out.push({
      kind: 'env',
      name: key,
      change,
      detail: `${JSON.stringify(vb ?? null)} → ${JSON.stringify(va ?? null)}`,
    });
  }
  return out;
}
