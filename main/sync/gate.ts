import { Script } from 'node:vm';
import { buildRunRequest } from '../../shared/build-run-request.ts';
import { type Mismatch, matchExpectation } from '../../shared/expect-match.ts';
import type { RunRequest } from '../../shared/run-request.ts';
import type { RunResult } from '../../shared/run-result.ts';
import { type Fixture, fixtureSchema } from '../../shared/schemas/fixture.ts';
import type { StoreContent } from '../../shared/store-api.ts';
import type { Trigger } from '../../shared/triggers.ts';
import type { Executor } from '../executor/index.ts';

export interface CompileProblem {
  file: string;
  message: string;
  line?: number;
}

export interface FixtureCheck {
  trigger: Trigger;
  id: string;
  name: string;
  pass: boolean;
  mismatches: Mismatch[];
  /** Set when the run itself failed (outcome `error`) or the fixture is unreadable. */
  error?: string;
}

export interface GateReport {
  ok: boolean;
  compile: CompileProblem[];
  fixtures: FixtureCheck[];
}

/**
 * Parses a stage's code without running it (node:vm only compiles here; execution happens in the
 * sandbox), so a syntax error is reported with its file and line before anything is published.
 */
export function compileCheck(file: string, code: string): CompileProblem | undefined {
  try {
    new Script(code, { filename: file });
  } catch (error) {
    const stack = String((error as Error).stack ?? '');
    const line = new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)`).exec(stack)?.[1];
    return { file, message: (error as Error).message, ...(line ? { line: Number(line) } : {}) };
  }
  if (!/\bfunction\s+pipe\s*\(|\bpipe\s*=/.test(code)) {
    return { file, message: 'defines no function named pipe (SEMANTICS.md, A function)' };
  }
  return undefined;
}

export interface FixtureRun {
  trigger: Trigger;
  id: string;
  fixture: Fixture;
}

/** Every fixture of the content that parses, with its trigger; unreadable ones are reported. */
export function contentFixtures(content: StoreContent): { runs: FixtureRun[]; unreadable: FixtureCheck[] } {
  const runs: FixtureRun[] = [];
  const unreadable: FixtureCheck[] = [];
  for (const [trigger, pipeline] of Object.entries(content.pipelines) as [
    Trigger,
    NonNullable<StoreContent['pipelines'][Trigger]>,
  ][]) {
    for (const [id, raw] of Object.entries(pipeline.fixtures)) {
      const parsed = fixtureSchema.safeParse(raw);
      if (parsed.success) runs.push({ trigger, id, fixture: parsed.data });
      else {
        const issue = parsed.error.issues[0];
        unreadable.push({
          trigger,
          id,
          name: id,
          pass: false,
          mismatches: [],
          error: `fixtures/${trigger}/${id}.json: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`,
        });
      }
    }
  }
  return { runs, unreadable };
}

/** A replay request for one fixture through `content`'s pipeline of its trigger. */
export function requestFor(
  content: StoreContent,
  run: FixtureRun,
  secrets: Record<string, string>,
): RunRequest {
  const stages = content.pipelines[run.trigger]?.stages ?? [];
  return buildRunRequest({
    trigger: run.trigger,
    stages: stages.map((stage) => ({ ...stage, relPath: `pipelines/${run.trigger}/${stage.file}` })),
    fixture: run.fixture,
    env: content.env,
    secrets,
  });
}

/** The publish gate: every stage compiles and every fixture with an `expect` passes. */
export async function checkGate(
  content: StoreContent,
  executor: Executor,
  secrets: Record<string, string>,
): Promise<GateReport> {
  const compile: CompileProblem[] = [];
  for (const [trigger, pipeline] of Object.entries(content.pipelines)) {
    for (const stage of pipeline.stages) {
      const problem = compileCheck(`pipelines/${trigger}/${stage.file}`, stage.code);
      if (problem) compile.push(problem);
    }
  }
  const { runs, unreadable } = contentFixtures(content);
  const expected = runs.filter((run) => run.fixture.expect !== undefined);
  const results: RunResult[] = await executor.runMany(
    expected.map((run) => requestFor(content, run, secrets)),
  );
  const fixtures: FixtureCheck[] = expected.map((run, i) => {
    const result = results[i] as RunResult;
    const report = matchExpectation(run.fixture.expect as NonNullable<Fixture['expect']>, result);
    return {
      trigger: run.trigger,
      id: run.id,
      name: run.fixture.name,
      pass: report.pass,
      mismatches: report.mismatches,
      ...(result.outcome === 'error' && result.error ? { error: result.error.message } : {}),
    };
  });
  fixtures.push(...unreadable);
  return { ok: compile.length === 0 && fixtures.every((f) => f.pass), compile, fixtures };
}
