/**
 * The executor benchmark (issue 2): 1,000 fixtures through five realistic stages, measured side
 * by side in one process: (a) the functions called directly, (b) `node:vm` with a fresh context
 * per run (sharing one lodash), (b′) the same with lodash loaded in each run's context (the module
 * isolation our executor gives), (c) our executor with per-run isolation. Prints runs/s, p50/p99,
 * ratios and targets.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Executor, ExecutorOptions } from '../main/executor/types.ts';
import type { RunRequest } from '../shared/run-request.ts';
import type { RunResult } from '../shared/run-result.ts';
import type { Fixture } from '../shared/schemas/fixture.ts';
import { measureContextFloor } from './executor/context-floor.ts';
import { BENCH_ENV, benchFixtures } from './executor/fixtures.ts';
import { compileDirect, createVmRunner, runPipes, type ShimResult } from './executor/shim.ts';
import { BENCH_STAGE_FILES, BENCH_TRIGGER, benchStages } from './executor/stages.ts';
import {
  formatNumber,
  formatRatio,
  formatTable,
  measureSequential,
  now,
  printSection,
  type Summary,
  summarize,
} from './helpers.ts';

const RUNS = 1000;
/** Each variant first replays every fixture once, unmeasured. */
const WARM_UP = RUNS;
/** (a), (b) and (c) are measured this many times, in turn, and the median round is shown. */
const ROUNDS = 3;
/** Throughput wanted from the executor on a 2-core machine (issue 2). */
const TARGET_RUNS_PER_SECOND = 2000;

type CreateExecutor = (options?: ExecutorOptions) => Executor;

/** A stable digest of what a run decided, to check the three variants agree. */
function digest(outcome: string, user: unknown, customData: unknown, idToken: unknown): string {
  const stable = (value: unknown): string =>
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
          )
        : v,
    );
  const nickname = (user as { nickname?: unknown } | null)?.nickname;
  return `${outcome}|${stable(nickname)}|${stable(customData)}|${stable(idToken)}`;
}

const shimDigest = (r: ShimResult) =>
  digest(
    r.outcome,
    r.outcome === 'continue' ? r.user : null,
    r.outcome === 'continue' ? r.customData : {},
    r.outcome === 'continue' ? r.idToken : {},
  );
const executorDigest = (r: RunResult) =>
  digest(
    r.outcome,
    r.outcome === 'continue' ? r.user : null,
    r.outcome === 'continue' ? r.customData : {},
    r.outcome === 'continue' ? r.idToken : {},
  );

function toRequest(fixture: Fixture): RunRequest {
  return { trigger: BENCH_TRIGGER, stages: benchStages(), fixture, env: { ...BENCH_ENV }, secrets: {} };
}

function row(label: string, s: Summary): string[] {
  return [label, formatNumber(s.runsPerSecond), formatNumber(s.p50Ms), formatNumber(s.p99Ms)];
}

async function loadExecutor(): Promise<CreateExecutor> {
  const entry = '../main/executor/index.ts';
  const mod = (await import(entry).catch((error: unknown) => {
    throw new Error(
      `cannot load ${entry.slice(3)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  })) as { createExecutor?: CreateExecutor };
  if (typeof mod.createExecutor !== 'function') {
    throw new Error('main/executor/index.ts does not export createExecutor(options)');
  }
  return mod.createExecutor;
}

/** The round with the median throughput. */
function medianRound<T extends { runsPerSecond: number }>(rounds: T[]): T {
  const sorted = [...rounds].sort((x, y) => x.runsPerSecond - y.runsPerSecond);
  return sorted[Math.floor(sorted.length / 2)] as T;
}

/** (c): throughput from one runMany over all requests; latency from each run's own duration. */
async function measureBatch(
  executor: Executor,
  requests: RunRequest[],
): Promise<Summary & { results: RunResult[] }> {
  const start = now();
  const results = await executor.runMany(requests);
  const wall = now() - start;
  return {
    ...summarize(
      results.map((r) => r.durationMs),
      wall,
    ),
    results,
  };
}

export async function run(): Promise<void> {
  const cores = availableParallelism();
  printSection(`executor: ${RUNS.toLocaleString('en-US')} fixtures through a five-stage pipeline`);
  process.stdout.write(`cores: ${cores}; stages: ${BENCH_STAGE_FILES.map((s) => s.name).join(' → ')}\n`);

  // First, while this process's heap is small: later, a context costs more here (about 1 ms).
  const floor = measureContextFloor();
  const fixtures = benchFixtures(RUNS);
  const at = (i: number) => fixtures[i % fixtures.length] as Fixture;
  const direct = compileDirect(
    BENCH_STAGE_FILES.map((s) => s.code),
    BENCH_ENV,
  );
  const inVm = createVmRunner(BENCH_STAGE_FILES, BENCH_ENV);
  const inVmOwnLodash = createVmRunner(BENCH_STAGE_FILES, BENCH_ENV, { lodashPerRun: true });

  const createExecutor = await loadExecutor().catch((error: unknown) => error);
  const executor = typeof createExecutor === 'function' ? createExecutor({ poolSize: cores }) : undefined;
  let executorFailure: unknown = typeof createExecutor === 'function' ? undefined : createExecutor;
  const requests = fixtures.map(toRequest);

  await measureSequential(WARM_UP, (i) => runPipes(direct, at(i)));
  await measureSequential(WARM_UP, (i) => inVm(at(i)));
  await measureSequential(WARM_UP, (i) => inVmOwnLodash(at(i)));
  try {
    if (executor) await executor.runMany(requests);
  } catch (error) {
    executorFailure = error;
  }

  // The rounds alternate the variants, so a burst of other work on the machine hits them alike.
  const aRounds: (Summary & { results: ShimResult[] })[] = [];
  const bRounds: (Summary & { results: ShimResult[] })[] = [];
  const cRounds: (Summary & { results: RunResult[] })[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const directResults: ShimResult[] = [];
    aRounds.push({
      ...(await measureSequential(RUNS, async (i) => directResults.push(await runPipes(direct, at(i))))),
      results: directResults,
    });
    const vmResults: ShimResult[] = [];
    bRounds.push({
      ...(await measureSequential(RUNS, async (i) => vmResults.push(await inVm(at(i))))),
      results: vmResults,
    });
    if (executor && executorFailure === undefined) {
      try {
        cRounds.push(await measureBatch(executor, requests));
      } catch (error) {
        executorFailure = error;
      }
    }
  }
  const a = medianRound(aRounds);
  const b = medianRound(bRounds);
  const directResults = a.results;
  const vmResults = b.results;

  let c: { batch: Summary; oneAtATime: Summary; results: RunResult[] } | undefined;
  if (executor) {
    try {
      if (executorFailure === undefined) {
        const batch = medianRound(cRounds);
        const oneAtATime = await measureSequential(RUNS, (i) => executor.run(requests[i] as RunRequest));
        c = { batch, oneAtATime, results: batch.results };
      }
    } catch (error) {
      executorFailure = error;
    } finally {
      await executor.close();
    }
  }
  // (b′) evaluates lodash in every run (seconds per round): measured once, as a reference.
  const vmLodashResults: ShimResult[] = [];
  const b2 = await measureSequential(RUNS, async (i) => vmLodashResults.push(await inVmOwnLodash(at(i))));

  const rows = [
    row('(a) direct in Node, no sandbox', a),
    row('(b) node:vm, fresh context per run', b),
    row('(b′) node:vm, fresh context + lodash per run', b2),
  ];
  if (c) {
    rows.push(row(`(c) executor runMany, pool=${cores}`, c.batch));
    rows.push(row('    executor run() one at a time', c.oneAtATime));
  }
  process.stdout.write(`${formatTable(['variant', 'runs/s', 'p50 ms', 'p99 ms'], rows)}\n`);
  process.stdout.write(
    '(a), (b), (b′) and the last row run one fixture at a time; their latency is the whole call.\n' +
      '(b) shares one lodash across runs (no module isolation); (b′) evaluates lodash in each\n' +
      "run's context, as our executor gives each run its own lodash. Neither is a security boundary.\n" +
      `(c) runs ${RUNS} requests in one runMany; its latency is each run's own durationMs.\n` +
      `Each variant replayed all ${RUNS} fixtures once to warm up; (a), (b) and (c) were then measured ` +
      `${ROUNDS} times in turn and the median round is shown (b′ once).\n`,
  );
  const aDigests = directResults.map(shimDigest);
  const disagree = (other: string[]) => other.filter((d, i) => d !== aDigests[i]).length;
  if (!c) {
    process.stdout.write(
      `results: runs differing from (a): (b) ${disagree(vmResults.map(shimDigest))}, ` +
        `(b′) ${disagree(vmLodashResults.map(shimDigest))}\n`,
    );
    const reason = executorFailure instanceof Error ? executorFailure.message : String(executorFailure);
    throw new Error(`the executor could not be measured: ${reason}`);
  }

  const cDigests = c.results.map(executorDigest);
  const outcomes = c.results.reduce<Record<string, number>>((acc, r) => {
    acc[r.outcome] = (acc[r.outcome] ?? 0) + 1;
    return acc;
  }, {});
  process.stdout.write(
    `results: executor outcomes ${JSON.stringify(outcomes)}; runs differing from (a): ` +
      `(b) ${disagree(vmResults.map(shimDigest))}, (b′) ${disagree(vmLodashResults.map(shimDigest))}, ` +
      `(c) ${disagree(cDigests)}\n`,
  );

  const cRate = c.batch.runsPerSecond;
  process.stdout.write(
    `ratios (runs/s): (c)/(a) = ${formatRatio(cRate, a.runsPerSecond)}, ` +
      `(c)/(b) = ${formatRatio(cRate, b.runsPerSecond)}, (c)/(b′) = ${formatRatio(cRate, b2.runsPerSecond)}\n`,
  );
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  process.stdout.write(
    `target (c) ≥ ${TARGET_RUNS_PER_SECOND.toLocaleString('en-US')} runs/s on 2 cores: ` +
      `${met(cRate >= TARGET_RUNS_PER_SECOND)} (${formatNumber(cRate)} runs/s on ${cores} cores)\n` +
      `target (c) no slower than (b): ${met(cRate >= b.runsPerSecond)}\n` +
      `(c) no slower than (b′), the like-for-like isolation: ${cRate >= b2.runsPerSecond ? 'yes' : 'no'}\n` +
      `load average at the end: ${(loadavg()[0] ?? 0).toFixed(1)} (1 min; above ${cores} other work shared the cores)\n`,
  );
  const ceiling = (ms: number) => formatNumber((1000 / ms) * cores);
  process.stdout.write(
    `floor: a fresh context alone costs ${formatNumber(floor.nodeVmMs)} ms in node:vm and ` +
      `${formatNumber(floor.sandboxMs)} ms in isolated-vm from the sandbox snapshot, so a new context ` +
      `per run caps ${cores} cores at ${ceiling(floor.nodeVmMs)} and ${ceiling(floor.sandboxMs)} runs/s ` +
      'before any stage code runs\n',
  );
}
