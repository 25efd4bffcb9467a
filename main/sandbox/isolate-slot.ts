import ivm from 'isolated-vm';
import type { StageSource } from '../../shared/run-request.ts';
import { type CombinedScript, combineStages, parseSyntaxError, type StagePlacement } from './combine.ts';
import { PIPELINE_FILE, snapshotScripts, snapshotWarmup } from './guest-source.ts';

/** Heap above a run's own limit: the runtime, lodash and not-yet-collected earlier contexts. */
export const HEADROOM_MB = 32;
/** Released contexts are not freed promptly; a fresh isolate (about 2 ms) every N runs bounds that. */
const RUNS_PER_ISOLATE = 20;
/** Runs in a warm realm release nothing, so an isolate serves many more of them. */
const WARM_RUNS_PER_ISOLATE = 5000;
/**
 * Warm runs between two measurements of the heap a run starts from (only read after a timeout,
 * to tell one that was really about memory; the heap moves by far less than a run's limit).
 */
const BASELINE_EVERY = 16;
/** CPU time for making a context a warm realm (about 3 ms). */
const HARDEN_MS = 2000;

/** The globals a warm realm freezes or compares, as stage code names them. */
const BUILTIN =
  '(?:Object|Function|String|Number|Boolean|Symbol|BigInt|Math|JSON|Date|Reflect|Intl|Map|Set|WeakMap|WeakSet|WeakRef|Proxy|Promise|Array|RegExp|ArrayBuffer|DataView|URL|URLSearchParams|globalThis|\\w*Error|\\w+Array)';

/**
 * Stage code that changes what a warm realm freezes (guest/harden.js): lodash itself (`_.mixin`,
 * `_.templateSettings`) or a built-in (`Date.prototype.format = ...`, `Math.round2 = ...`,
 * `Object.defineProperty(JSON, ...)`, `delete Intl.x`). Such a pipeline gets a fresh context per
 * run, where those writes work as on the platform. A write this misses still reaches no other
 * run: in a warm realm it fails.
 */
const NEEDS_FRESH = [
  /\bmixin\b|\btemplateSettings\b/,
  new RegExp(
    `(?<![\\w$.])${BUILTIN}(?:\\s*\\.\\s*[A-Za-z_$][\\w$]*|\\s*\\[[^\\]]*\\])+\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|\\?\\?|&&|\\|\\|)?=(?!=)`,
  ),
  new RegExp(
    `\\b(?:defineProperty|defineProperties|assign|setPrototypeOf|deleteProperty|set)\\s*\\(\\s*${BUILTIN}\\b(?!\\s*\\()`,
  ),
  new RegExp(`\\bdelete\\s+${BUILTIN}\\s*[.[]`),
];

/** True when a pipeline must run in a fresh context per run (see NEEDS_FRESH). */
export function needsFreshContext(codes: readonly string[]): boolean {
  return codes.some((code) => NEEDS_FRESH.some((pattern) => pattern.test(code)));
}

let snapshot: ivm.ExternalCopy<ArrayBuffer> | null = null;

/** The snapshot with the whole guest runtime, built once per thread (about 25 ms). */
function guestSnapshot(): ivm.ExternalCopy<ArrayBuffer> {
  snapshot ??= ivm.Isolate.createSnapshot(snapshotScripts(), snapshotWarmup());
  return snapshot;
}

export interface LoadedPipeline {
  script: ivm.Script;
  combined: CombinedScript;
  /** False when the pipeline needs a fresh context per run (see NEEDS_FRESH). */
  warmSafe: boolean;
}

/** The guest runtime's entry points (guest/runner.js `api`). */
export type GuestEntry = 'start' | 'step' | 'deliver' | 'again' | 'finish';

/** A context for one run; `warm` ones serve many runs (guest/harden.js). */
export interface RunContext {
  context: ivm.Context;
  /** Calls a guest entry point with the given CPU timeout (ms); answers what it returned. */
  call: (entry: GuestEntry, args: unknown[], timeoutMs: number) => unknown;
  /** Heap in use before the run (bytes). */
  baseline: number;
  warm: boolean;
}

/**
 * One isolate of the pool, with its compiled pipeline scripts. It is replaced after a number
 * of runs, after any timeout or memory fault, and when a run asks for another memory limit.
 */
export class IsolateSlot {
  readonly runLimitMb: number;
  readonly isolate: ivm.Isolate;
  /** Runs given a fresh context. */
  runs = 0;
  /** Runs served by a warm realm. */
  warmRuns = 0;
  /** The kind of context the last run wanted: what `prepare` makes ahead. */
  lastWarm = true;
  /** Set after a fault; the slot is replaced before the next run. */
  tainted = false;
  /** A context made ahead, while the worker was idle; no code has run in it. */
  #spare: { context: ivm.Context; baseline: number } | null = null;
  /**
   * The warm realm (guest/harden.js), kept from run to run while runs leave it clean, and the
   * pipeline whose stage factories it holds.
   */
  #warm: { context: ivm.Context; call: RunContext['call']; defined: LoadedPipeline | null } | null = null;
  /** The heap in use before a recent warm run (see `takeContext`). */
  #warmBaseline: number | null = null;
  #scripts = new Map<string, LoadedPipeline>();
  /** The same scripts by their stages' sources, so a warm lookup needs no hashing. */
  #bySource = new Map<string, LoadedPipeline>();

  constructor(runLimitMb: number) {
    this.runLimitMb = runLimitMb;
    this.isolate = new ivm.Isolate({ memoryLimit: runLimitMb + HEADROOM_MB, snapshot: guestSnapshot() });
  }

  get worn(): boolean {
    return (
      this.tainted ||
      this.isolate.isDisposed ||
      this.runs >= RUNS_PER_ISOLATE ||
      this.warmRuns >= WARM_RUNS_PER_ISOLATE
    );
  }

  /**
   * Compiles (or reuses) the script defining every stage; stages with syntax errors are marked.
   * `knownKey`, when given, names these exact stages for good (the worker's pipeline key), so
   * their sources need not be joined to look them up.
   */
  load(
    stages: StageSource[],
    syntaxCache: Map<string, StagePlacement['syntaxError'] | null>,
    knownKey?: string,
  ): LoadedPipeline {
    const sourceKey = knownKey ?? stages.map((stage) => `${stage.path}\n${stage.code}`).join('\u0000');
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
    const warmSafe = !needsFreshContext(stages.map((stage) => stage.code));
    const loaded = { script, combined, warmSafe };
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
   * Creates the next run's context now (about 0.7 ms of a run's own work, as
   * `npm run bench executor` prints in its floor line), so a run arriving later starts at once. Only a worker with nothing queued
   * calls this. The context stays untouched until `takeContext` hands it to exactly one run.
   */
  prepare(): void {
    if (this.worn) return;
    if (this.lastWarm) {
      this.#warmContext();
      return;
    }
    if (this.#spare !== null) return;
    const baseline = this.heapUsed();
    this.#spare = { context: this.isolate.createContextSync(), baseline };
  }

  /** A context for one run: the warm realm, or a fresh context (the prepared one when there is one). */
  takeContext(warm: boolean): RunContext {
    this.lastWarm = warm;
    if (warm) {
      const { context, call } = this.#warmContext();
      this.warmRuns += 1;
      // A warm realm's heap changes little from run to run: measured again every few runs.
      if (this.#warmBaseline === null || this.warmRuns % BASELINE_EVERY === 0)
        this.#warmBaseline = this.heapUsed();
      return { context, call, baseline: this.#warmBaseline, warm: true };
    }
    this.runs += 1;
    const spare = this.#spare;
    this.#spare = null;
    const { context, baseline } = spare ?? {
      baseline: this.heapUsed(),
      context: this.isolate.createContextSync(),
    };
    // Used for one run only: evaluating a call costs less than looking the functions up first.
    const call: RunContext['call'] = (entry, args, timeout) =>
      context.evalClosureSync(`return __ps.${entry}(${args.map((_, i) => `$${i}`).join(', ')})`, args, {
        timeout,
      });
    return { context, call, baseline, warm: false };
  }

  /**
   * Defines the pipeline's stage factories in the run's context. A warm realm that holds this
   * pipeline's already keeps them (guest/runner.js `define`).
   */
  define(taken: RunContext, loaded: LoadedPipeline, timeoutMs: number): void {
    const warm = taken.warm && this.#warm?.context === taken.context ? this.#warm : null;
    if (warm !== null && warm.defined === loaded) return;
    if (warm !== null) warm.defined = null;
    loaded.script.runSync(taken.context, { timeout: timeoutMs });
    if (warm !== null) warm.defined = loaded;
  }

  /** Gives back a run's context: a fresh one is released, a warm one kept unless `retire`. */
  giveBack(taken: RunContext, retire: boolean): void {
    if (this.isolate.isDisposed) return;
    if (!taken.warm) {
      taken.context.release();
      return;
    }
    if (retire && this.#warm?.context === taken.context) {
      this.#warm = null;
      taken.context.release();
    }
  }

  /** The warm realm now kept for the next run, if any (tests check when it is retired). */
  get warmContext(): ivm.Context | null {
    return this.#warm?.context ?? null;
  }

  #warmContext(): { context: ivm.Context; call: RunContext['call'] } {
    if (this.#warm !== null) return this.#warm;
    const context = this.isolate.createContextSync();
    const answer = context.evalClosureSync('return __ps.harden()', [], { timeout: HARDEN_MS });
    if (typeof answer !== 'string' || !answer.startsWith('{"ok":true')) {
      context.release();
      throw new Error(`the sandbox runtime could not prepare a context: ${String(answer)}`);
    }
    // The runtime's frozen entry points, looked up once: `__ps` cannot be replaced or changed.
    const api = context.global.getSync('__ps', { reference: true }) as ivm.Reference<Record<string, unknown>>;
    const entries = new Map<GuestEntry, ivm.Reference>();
    for (const entry of ['start', 'step', 'deliver', 'again', 'finish'] as const) {
      entries.set(entry, api.getSync(entry, { reference: true }) as ivm.Reference);
    }
    const call: RunContext['call'] = (entry, args, timeout) =>
      (entries.get(entry) as ivm.Reference).applySync(undefined, args, { timeout });
    this.#warm = { context, call, defined: null };
    return this.#warm;
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
    if (this.#warm !== null && !this.isolate.isDisposed) this.#warm.context.release();
    this.#warm = null;
    for (const loaded of this.#scripts.values()) loaded.script.release();
    this.#scripts.clear();
    this.#bySource.clear();
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}
