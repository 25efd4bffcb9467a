import ivm from 'isolated-vm';
import type { StageSource } from '../../shared/run-request.ts';
import { type CombinedScript, combineStages, parseSyntaxError, type StagePlacement } from './combine.ts';
import { PIPELINE_FILE, snapshotScripts, snapshotWarmup } from './guest-source.ts';

/** Heap above a run's own limit: the runtime, lodash and not-yet-collected earlier contexts. */
export const HEADROOM_MB = 32;
/** Released contexts are not freed promptly; a fresh isolate (about 2 ms) every N runs bounds that. */
const RUNS_PER_ISOLATE = 20;

let snapshot: ivm.ExternalCopy<ArrayBuffer> | null = null;

/** The snapshot with the whole guest runtime, built once per thread (about 25 ms). */
function guestSnapshot(): ivm.ExternalCopy<ArrayBuffer> {
  snapshot ??= ivm.Isolate.createSnapshot(snapshotScripts(), snapshotWarmup());
  return snapshot;
}

export interface LoadedPipeline {
  script: ivm.Script;
  combined: CombinedScript;
}

/**
 * One isolate of the pool, with its compiled pipeline scripts. It is replaced after a number
 * of runs, after any timeout or memory fault, and when a run asks for another memory limit.
 */
export class IsolateSlot {
  readonly runLimitMb: number;
  readonly isolate: ivm.Isolate;
  runs = 0;
  /** Set after a fault; the slot is replaced before the next run. */
  tainted = false;
  /** A context made ahead, while the worker was idle; no code has run in it. */
  #spare: { context: ivm.Context; baseline: number } | null = null;
  #scripts = new Map<string, LoadedPipeline>();
  /** The same scripts by their stages' sources, so a warm lookup needs no hashing. */
  #bySource = new Map<string, LoadedPipeline>();

  constructor(runLimitMb: number) {
    this.runLimitMb = runLimitMb;
    this.isolate = new ivm.Isolate({ memoryLimit: runLimitMb + HEADROOM_MB, snapshot: guestSnapshot() });
  }

  get worn(): boolean {
    return this.tainted || this.isolate.isDisposed || this.runs >= RUNS_PER_ISOLATE;
  }

  /** Compiles (or reuses) the script defining every stage; stages with syntax errors are marked. */
  load(
    stages: StageSource[],
    syntaxCache: Map<string, StagePlacement['syntaxError'] | null>,
  ): LoadedPipeline {
    const sourceKey = stages.map((stage) => `${stage.path}\n${stage.code}`).join('\u0000');
    const warm = this.#bySource.get(sourceKey);
    if (warm) return warm;
    const broken = new Map<number, StagePlacement['syntaxError']>();
    stages.forEach((stage, index) => {
      const error = this.#checkSyntax(stage, syntaxCache);
      if (error) broken.set(index, error);
    });
    const combined = combineStages(
      stages.map((stage) => stage.code),
      broken,
    );
    const cached = this.#scripts.get(combined.key);
    if (cached) {
      this.#bySource.set(sourceKey, cached);
      return cached;
    }
    const script = this.isolate.compileScriptSync(combined.source, { filename: PIPELINE_FILE });
    const loaded = { script, combined };
    this.#scripts.set(combined.key, loaded);
    this.#bySource.set(sourceKey, loaded);
    return loaded;
  }

  /**
   * Parses a stage's file on its own, as the script it is. Only a file that parses alone is
   * wrapped into the pipeline script, so no file can close its wrapper and reach another stage.
   */
  #checkSyntax(
    stage: StageSource,
    syntaxCache: Map<string, StagePlacement['syntaxError'] | null>,
  ): StagePlacement['syntaxError'] | null {
    const key = `${stage.path}\n${stage.code}`;
    const known = syntaxCache.get(key);
    if (known !== undefined) return known;
    let result: StagePlacement['syntaxError'] | null = null;
    try {
      this.isolate.compileScriptSync(stage.code, { filename: stage.path }).release();
    } catch (error) {
      result = parseSyntaxError(error instanceof Error ? error.message : String(error), stage.path);
    }
    if (syntaxCache.size > 5000) syntaxCache.clear();
    syntaxCache.set(key, result);
    return result;
  }

  /**
   * Creates the next run's context now (about half a millisecond of a run's own work, measured
   * in scratch/perf), so a run arriving later starts at once. Only a worker with nothing queued
   * calls this. The context stays untouched until `takeContext` hands it to exactly one run.
   */
  prepare(): void {
    if (this.#spare !== null || this.worn) return;
    const baseline = this.heapUsed();
    this.#spare = { context: this.isolate.createContextSync(), baseline };
  }

  /** A fresh context for one run (the prepared one when there is one) and the heap in use before it. */
  takeContext(): { context: ivm.Context; baseline: number } {
    const spare = this.#spare;
    this.#spare = null;
    if (spare !== null) return spare;
    const baseline = this.heapUsed();
    return { context: this.isolate.createContextSync(), baseline };
  }

  /** Heap in use now (bytes), counting memory held outside the V8 heap. */
  heapUsed(): number {
    try {
      const heap = this.isolate.getHeapStatisticsSync();
      return heap.used_heap_size + heap.externally_allocated_size;
    } catch {
      return Number.POSITIVE_INFINITY;
    }
  }

  /** True when the run grew the heap past its own limit: a timeout there was really memory. */
  overRunLimit(baseline: number): boolean {
    return this.heapUsed() - baseline > this.runLimitMb * 1024 * 1024;
  }

  dispose(): void {
    if (this.#spare !== null && !this.isolate.isDisposed) this.#spare.context.release();
    this.#spare = null;
    for (const loaded of this.#scripts.values()) loaded.script.release();
    this.#scripts.clear();
    this.#bySource.clear();
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}
