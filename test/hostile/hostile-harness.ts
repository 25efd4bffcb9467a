/**
 * Shared machinery of the hostile-code suite: each case runs one hostile stage, then proves the
 * stage failed clearly, the host (this process, its globals, a sentinel file) is untouched, and
 * a normal pipeline run right after is unaffected and correct on every pooled isolate.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor, type Executor, type SupervisedExecutor } from '../../main/executor/index.ts';
import type { RunRequest, StageSource } from '../../shared/run-request.ts';
import type { RunResult, StageOutcome, StageTrace } from '../../shared/run-result.ts';
import type { Fixture } from '../../shared/schemas/fixture.ts';
import { expectHostUntouched, SENTINEL_TEXT, snapshotHost } from './host-snapshot.ts';
import { expectNormalResult, NORMAL_STAGES } from './normal-pipeline.ts';

export const TRIGGER = 'PRE_AUTHENTICATION';
export const HOSTILE_STAGE = 'hostile';

/** One hostile or broken function and what the executor must make of it. */
export interface HostileCase {
  name: string;
  /** The stage file's source. */
  code: string;
  /**
   * The hostile stage's outcome. A list only where SEMANTICS.md leaves the choice to the
   * executor; every such case says why beside it.
   */
  outcome: StageOutcome | readonly StageOutcome[];
  /** Must match the stage's error message (failing outcomes) or, for others, its check. */
  message?: RegExp;
  /** The stage's 1-based line the error must point at, when the error comes from user code. */
  line?: number;
  memoryLimitMb?: number;
  /** Ordinary stages that run after the hostile one, for attacks aimed at a later stage. */
  after?: ReadonlyArray<{ name: string; code: string }>;
  /** The stage's timeout; 1 s unless a case needs its memory limit to be reached first. */
  timeoutSeconds?: number;
  /**
   * Why this case may take the sandbox host down instead of failing inside it. Only for what
   * isolated-vm cannot stop: V8 aborts the whole process when one allocation (a hash table's
   * backing store) overshoots the heap. The supervisor must then restart the host, fail the run
   * with a message naming the cause and the stage, and lose nothing else.
   */
  hostMayCrash?: string;
  /** Further checks on the run, for cases whose effect is not only the error. */
  check?: (result: RunResult, stage: StageTrace) => void;
  /**
   * The check when the warm realm is forced, for a case that changes what that realm freezes
   * (lodash, the modules). Left to itself the executor runs such code in a fresh context.
   */
  warmCheck?: (result: RunResult, stage: StageTrace) => void;
}

export interface HostileSuite {
  executor: SupervisedExecutor;
  /** Forced on every request (absent: the executor chooses, as for a real run). */
  isolation?: RunRequest['isolation'];
  dir: string;
  sentinel: string;
  close(): Promise<void>;
}

/**
 * One executor (pool of 2) and one sentinel folder per test file, as the suite's brief asks.
 * A first normal run starts the sandbox host and proves the baseline before any hostile case.
 */
export async function openSuite(isolation?: RunRequest['isolation']): Promise<HostileSuite> {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  const sentinel = join(dir, 'sentinel.txt');
  writeFileSync(sentinel, SENTINEL_TEXT);
  const executor = createExecutor({ poolSize: 2 });
  const suite: HostileSuite = {
    executor,
    ...(isolation ? { isolation } : {}),
    dir,
    sentinel,
    async close() {
      await executor.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await expectNextRunsClean(executor, isolation);
  return suite;
}

export function baseFixture(): Fixture {
  return {
    name: 'hostile case',
    trigger: TRIGGER,
    now: '2026-11-23T09:00:00Z',
    timezone: 'UTC',
    user: { id: 'user-1', email: 'ana@example.com', nickname: 'ana', company: 'Example' },
    context: {
      protocol: 'password',
      request: { ip: '10.1.2.3', geo: { country: 'PT' }, body: {}, query: {} },
    },
    env: {},
    http: [],
    authing: [],
  };
}

export function stage(name: string, code: string, timeoutSeconds = 1): StageSource {
  return {
    name,
    file: `${name}.js`,
    path: `pipelines/${TRIGGER}/${name}.js`,
    code,
    enabled: true,
    async: false,
    timeoutSeconds,
    terminateOnTimeout: true,
    description: '',
  };
}

/** The request for a hostile case: the sentinel's paths reach the guest as env, as an attacker would find them. */
export function hostileRequest(suite: HostileSuite, c: HostileCase): RunRequest {
  return {
    trigger: TRIGGER,
    stages: [
      stage(HOSTILE_STAGE, c.code, c.timeoutSeconds ?? 1),
      ...(c.after ?? []).map(({ name, code }) => stage(name, code)),
    ],
    fixture: baseFixture(),
    env: { SENTINEL_FILE: suite.sentinel, SENTINEL_DIR: suite.dir },
    secrets: {},
    ...(c.memoryLimitMb ? { memoryLimitMb: c.memoryLimitMb } : {}),
    ...(suite.isolation ? { isolation: suite.isolation } : {}),
  };
}

const FAILING: readonly StageOutcome[] = ['error', 'timeout'];
export const MESSAGE_MAX_CHARS = 10_000;

/**
 * A message a person can act on: present, bounded (a few screens at most, whatever the guest
 * threw), no stack of our own code, no "[object Object]".
 */
export function expectReadableMessage(message: string | undefined): asserts message is string {
  expect(typeof message).toBe('string');
  const text = message as string;
  expect(text.trim().length).toBeGreaterThan(0);
  expect(text.length, 'message length').toBeLessThanOrEqual(MESSAGE_MAX_CHARS);
  expect(text).not.toMatch(/\n\s+at .*\((?:node:|file:|\/)/);
  expect(text).not.toMatch(/main\/sandbox|main\/executor|node_modules|isolated-vm/);
  expect(text).not.toContain('[object Object]');
}

/**
 * Only JSON-shaped data may come back from the guest (issue 2): plain objects and arrays,
 * strings, finite numbers, booleans, null — no Dates, Maps, BigInts, functions or prototypes.
 */
export function expectJsonShaped(value: unknown, path = 'result'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${path} is a finite number`).toBe(true);
    return;
  }
  expect(typeof value, `${path} is JSON data`).toBe('object');
  if (Array.isArray(value)) {
    expect(Object.getPrototypeOf(value), `${path} is a plain array`).toBe(Array.prototype);
    for (const [i, item] of value.entries()) expectJsonShaped(item, `${path}[${i}]`);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  expect(proto === Object.prototype || proto === null, `${path} is a plain object`).toBe(true);
  expect(Object.getOwnPropertySymbols(value as object), `${path} has no symbol keys`).toEqual([]);
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    expect('value' in descriptor, `${path}.${key} is data, not an accessor`).toBe(true);
    expectJsonShaped(descriptor.value, `${path}.${key}`);
  }
}

function expectRunDataJsonShaped(result: RunResult): void {
  const { user, context, customData, idToken, accessToken } = result;
  expectJsonShaped({ user, context, customData, idToken, accessToken }, 'run');
  for (const s of result.stages) {
    expectJsonShaped({ input: s.input, output: s.output, logs: s.logs }, `stage ${s.name}`);
  }
}

/**
 * With HOSTILE_REPORT=<file>, each case appends what the executor said, one JSON line per case,
 * so a person can review every message the suite produced.
 */
function reportCase(c: HostileCase, st: StageTrace): void {
  const file = process.env.HOSTILE_REPORT;
  if (!file) return;
  const line = {
    case: c.name,
    outcome: st.outcome,
    message: st.error?.message,
    line: st.error?.location?.line,
  };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/** Runs one case and asserts the three things every hostile test asserts. */
export async function runHostileCase(suite: HostileSuite, c: HostileCase): Promise<RunResult> {
  // A case that crashed the host leaves it restarting: bring it up so failures do not cascade.
  if (suite.executor.hostPid === undefined) await expectNextRunsClean(suite.executor, suite.isolation);
  const before = snapshotHost(suite.dir);
  const hostPid = suite.executor.hostPid;
  const result = await suite.executor.run(hostileRequest(suite, c));
  if (c.hostMayCrash !== undefined && suite.executor.hostPid !== hostPid) {
    await expectSupervisedCrash(suite, c, result, before);
    return result;
  }
  const trace = result.stages.find((s) => s.name === HOSTILE_STAGE);
  expect(trace, `the run has a trace for the "${HOSTILE_STAGE}" stage`).toBeDefined();
  const st = trace as StageTrace;
  reportCase(c, st);
  const allowed = typeof c.outcome === 'string' ? [c.outcome] : c.outcome;
  expect(allowed, `stage outcome (error: ${st.error?.message ?? 'none'})`).toContain(st.outcome);

  if (FAILING.includes(st.outcome)) {
    expectReadableMessage(st.error?.message);
    if (c.message) expect(st.error?.message).toMatch(c.message);
    expect(result.outcome, 'a failed stage with terminateOnTimeout aborts the run').toBe('error');
    expect(result.error?.message).toBe(st.error?.message);
    expect(result.error?.stage).toBe(HOSTILE_STAGE);
    if (c.line !== undefined) expect(st.error?.location?.line, 'line in the user file').toBe(c.line);
  } else if (st.outcome === 'deny') {
    expectReadableMessage(st.error?.message);
    if (c.message) expect(st.error?.message).toMatch(c.message);
  }
  expectRunDataJsonShaped(result);
  (suite.isolation === 'warm' && c.warmCheck ? c.warmCheck : c.check)?.(result, st);

  expectHostUntouched(suite.dir, suite.sentinel, before);
  expect(hostPid, 'the sandbox host was running before the case').toBeTypeOf('number');
  expect(suite.executor.hostPid, 'the sandbox host process survived (no crash, no restart)').toBe(hostPid);
  await expectNextRunsClean(suite.executor, suite.isolation);
  return result;
}

/** A host crash the case allows: the run names the cause and the stage; files, next runs intact. */
async function expectSupervisedCrash(
  suite: HostileSuite,
  c: HostileCase,
  result: RunResult,
  before: ReturnType<typeof snapshotHost>,
): Promise<void> {
  expect(result.outcome).toBe('error');
  expectReadableMessage(result.error?.message);
  if (c.message) expect(result.error?.message).toMatch(c.message);
  expect(result.error?.stage, 'the crash is blamed on the stage that was running').toBe(HOSTILE_STAGE);
  const trace = result.stages.find((s) => s.name === HOSTILE_STAGE);
  expect(trace?.outcome, 'the running stage is marked failed').toBe('error');
  expectRunDataJsonShaped(result);
  expectHostUntouched(suite.dir, suite.sentinel, before);
  await expectNextRunsClean(suite.executor, suite.isolation);
}

/**
 * The next runs are a normal pipeline, twice at once so both isolates of the pool are used:
 * each must see a pristine global scope and compute the exact expected result.
 */
export async function expectNextRunsClean(
  executor: Executor,
  isolation?: RunRequest['isolation'],
): Promise<void> {
  const request = { ...normalRequest(), ...(isolation ? { isolation } : {}) };
  const results = await executor.runMany([request, request, request]);
  for (const result of results) expectNormalResult(result);
}

/** The normal pipeline's request; `expectNormalResult` knows its exact result. */
export function normalRequest(): RunRequest {
  return {
    trigger: TRIGGER,
    stages: NORMAL_STAGES.map(({ name, code }) => stage(name, code, 3)),
    fixture: baseFixture(),
    env: { GREETING: 'hello' },
    secrets: {},
  };
}

/**
 * One describe block per kind of context: as a real run gets it (the warm context and its
 * fallbacks), then the warm context and a fresh one forced, each with its own suite.
 */
export function describeInEachContext(title: string, cases: readonly HostileCase[]): void {
  for (const isolation of [undefined, 'warm', 'fresh'] as const) {
    describe(`${title}${isolation ? ` (${isolation} context)` : ''}`, () => {
      let suite: HostileSuite;
      beforeAll(async () => {
        suite = await openSuite(isolation);
      });
      afterAll(async () => {
        await suite?.close();
      });
      for (const c of cases) {
        it(c.name, async () => {
          await runHostileCase(suite, c);
        });
      }
    });
  }
}
