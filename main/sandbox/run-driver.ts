import { randomBytes } from 'node:crypto';
import ivm from 'isolated-vm';
import type { RunRequest } from '../../shared/run-request.ts';
import type { RunError, RunResult, StageTrace } from '../../shared/run-result.ts';
import type { Json, JsonObject } from '../../shared/schemas/json.ts';
import { failedStageTrace } from '../executor/results.ts';
import type { StagePlacement } from './combine.ts';
import { type GuestStatus, hitFrozen, parseTrace, readStatus, withDuration } from './guest-answer.ts';
import { BadRequest, type GuestRequest, toGuestRequest } from './guest-request.ts';
import { hostCall, liveFetch } from './host-calls.ts';
import type { GuestEntry, IsolateSlot } from './isolate-slot.ts';
import { expandSharedTraces, MAX_RESULT_JSON_CHARS, parseGuestJson, redactSecrets } from './result-json.ts';

/** Runtime work of our own (loading, starting) gets this much CPU time per call. */
const RUNTIME_CALL_MS = 2000;
/**
 * No call into the isolate gets a shorter CPU timeout than this. isolated-vm's timeout races the
 * end of a call, and thousands of near-zero timeouts (a zero-delay timer chain near the end of
 * its budget) crashed the host now and then; a stage whose budget is spent is declared timed out
 * instead of being called again. A stage may so overrun its timeout by at most this much.
 */
const MIN_CALL_BUDGET_MS = 10;
/** A stage that keeps running after being stopped this many times aborts the run. */
const MAX_TIMEOUTS_PER_STAGE = 3;
/** Unhandled rejections recovered from in one run before the run is given up. */
const MAX_RECOVERIES = 50;

export interface DriverContext {
  syntaxCache: Map<string, StagePlacement['syntaxError'] | null>;
  isCancelled: () => boolean;
  /** Told the index of each stage as it starts, so a crash of the whole host can name it. */
  onStage?: (index: number) => void;
  /** A name for exactly these stages, if the caller has one (IsolateSlot.load `knownKey`). */
  pipelineKey?: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isTimeout(error: unknown): boolean {
  return errorText(error).includes('Script execution timed out');
}

function isMemoryFault(error: unknown, slot: IsolateSlot): boolean {
  return slot.isolate.isDisposed || /memory limit|disposed/i.test(errorText(error));
}

function errorResult(request: RunRequest, error: RunError, stages: StageTrace[], started: number): RunResult {
  return {
    outcome: 'error',
    error,
    user: request.fixture.user ?? null,
    context: request.fixture.context ?? {},
    idToken: {},
    accessToken: {},
    customData: {},
    stages,
    durationMs: performance.now() - started,
  };
}

/** A trace for the stage that was running when the isolate itself failed. */
function faultTrace(
  guest: GuestRequest,
  index: number,
  message: string,
  last: StageTrace | undefined,
): StageTrace {
  const def = guest.stages[index];
  const input = last?.output ?? {
    user: guest.user as JsonObject | null,
    context: guest.context as JsonObject,
  };
  return failedStageTrace(def?.name ?? `stage ${index + 1}`, message, input);
}

/** Run tokens: only the host knows them, so user code cannot drive the runtime itself. */
const tokenPrefix = randomBytes(12).toString('base64url');
let tokenCount = 0;

const callbacks = {
  call: new ivm.Callback(hostCall),
  offline: new ivm.Callback(() => JSON.stringify({ error: 'live HTTP is off' })),
};

/**
 * Runs one request on one isolate slot, one synchronous call per step, the stage's remaining CPU
 * budget as each call's timeout. The run gets the slot's warm realm unless it asks for a fresh
 * context, changes lodash, or wrote to a frozen built-in there (then it runs again, fresh: replay
 * is deterministic; a live run is not repeated).
 */
export async function driveRun(
  slot: IsolateSlot,
  request: RunRequest,
  ctx: DriverContext,
): Promise<RunResult> {
  const result = parseGuestJson(
    await driveRunJson(slot, request, ctx),
    MAX_RESULT_JSON_CHARS,
  ) as unknown as RunResult;
  expandSharedTraces(result.stages);
  return result;
}

/** `driveRun`, answering the result as JSON text (what the worker sends on). */
export async function driveRunJson(
  slot: IsolateSlot,
  request: RunRequest,
  ctx: DriverContext,
): Promise<string> {
  const first = await driveOnce(slot, request, ctx, request.isolation);
  const usable = !slot.tainted && !slot.isolate.isDisposed;
  if (request.isolation === undefined && first.warm && !request.live && usable && hitFrozen(first.traces)) {
    return (await driveOnce(slot, request, ctx, 'fresh')).json;
  }
  return first.json;
}

/** One attempt: the result's JSON text, whether it ran warm, and its traces' texts. */
interface Driven {
  json: string;
  warm: boolean;
  traces: string[];
}

async function driveOnce(
  slot: IsolateSlot,
  request: RunRequest,
  ctx: DriverContext,
  isolation: RunRequest['isolation'],
): Promise<Driven> {
  const started = performance.now();
  const asText = (result: RunResult): Driven => ({
    json: JSON.stringify(redactSecrets(result as unknown as Json, request.secrets ?? {})),
    warm: false,
    traces: [],
  });
  const limitMb = slot.runLimitMb;
  let guest: GuestRequest;
  let loaded: ReturnType<IsolateSlot['load']>;
  try {
    loaded = slot.load(request.stages, ctx.syntaxCache, ctx.pipelineKey);
    guest = toGuestRequest(request, loaded.combined.placements);
  } catch (error) {
    if (error instanceof BadRequest)
      return asText(errorResult(request, { message: error.message }, [], started));
    throw error;
  }
  const deliveries: [number, string][] = [];
  let wake: (() => void) | null = null;
  const fetchCallback = request.live
    ? new ivm.Callback((id: unknown, payload: unknown) => {
        void liveFetch(request.live, payload).then((text) => {
          deliveries.push([Number(id), text]);
          wake?.();
        });
      })
    : callbacks.offline;
  const traceTexts: string[] = [];
  /** The traces so far as objects, for the rare results built here (faults, cancellation). */
  const traces = (): StageTrace[] => {
    const list = traceTexts.map(
      (text, index) =>
        parseTrace(text) ??
        failedStageTrace(guest.stages[index]?.name ?? `stage ${index + 1}`, 'the trace could not be read', {
          user: null,
          context: {},
        }),
    );
    expandSharedTraces(list);
    for (const trace of list) {
      if (typeof trace.input !== 'object' || trace.input === null) trace.input = { user: null, context: {} };
      if (typeof trace.output !== 'object' || trace.output === null) trace.output = trace.input;
    }
    return list;
  };
  const lastTrace = (): StageTrace | undefined => traces().at(-1);
  const used = new Map<number, number>();
  const timeouts = new Map<number, number>();
  const taken = slot.takeContext(isolation === 'warm' || (isolation === undefined && loaded.warmSafe));
  const { baseline } = taken;
  /** Whether the context may serve another run: only a warm one that the guest found clean. */
  let retire = true;
  tokenCount += 1;
  const token = `${tokenPrefix}${tokenCount}`;
  let current = 0;
  const budget = (index: number): number => {
    const def = guest.stages[index];
    if (!def) return RUNTIME_CALL_MS;
    return Math.max(MIN_CALL_BUDGET_MS, Math.ceil(def.timeoutMs - (used.get(index) ?? 0)));
  };
  /** True when a stage has less CPU time left than the shortest call we make. */
  const spent = (index: number): boolean => {
    const def = guest.stages[index];
    return def !== undefined && def.timeoutMs - (used.get(index) ?? 0) < MIN_CALL_BUDGET_MS;
  };
  const timed = <T>(index: number, fn: () => T): T => {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      used.set(index, (used.get(index) ?? 0) + performance.now() - t0);
    }
  };
  let recoveries = 0;
  /** One call into the runtime, answering its status (index -1: runtime work, not a stage). */
  const guestCall = (index: number, entry: GuestEntry, args: unknown[]): GuestStatus => {
    let text: unknown;
    try {
      text = timed(index, () => taken.call(entry, args, budget(index)));
    } catch (error) {
      // No user code runs in `start`: anything it throws is a fault of the run, not a rejection.
      if (entry === 'start' || isTimeout(error) || isMemoryFault(error, slot) || recoveries >= MAX_RECOVERIES)
        throw error;
      // isolated-vm throws a promise the user code left rejected without a handler. The call
      // itself completed: ask for its answer again and note the rejection in the stage log.
      recoveries += 1;
      text = taken.call('again', [token, errorText(error)], RUNTIME_CALL_MS);
    }
    return readStatus(text);
  };
  try {
    slot.define(taken, loaded, RUNTIME_CALL_MS);
    let status = guestCall(-1, 'start', [token, JSON.stringify(guest), callbacks.call, fetchCallback]);
    let flag: string | null = null;
    for (;;) {
      if (status.texts) traceTexts.push(...status.texts);
      if (status.k === 'D' || status.k === 'X') break;
      if (ctx.isCancelled())
        return asText(errorResult(request, { message: 'run cancelled' }, traces(), started));
      if ((status.i !== current || traceTexts.length === 0) && guest.stages[status.i] !== undefined) {
        ctx.onStage?.(status.i);
      }
      current = status.i;
      if (status.k === 'W') {
        // Live HTTP in flight: wait (wall time counts against the stage) and hand answers in.
        const t0 = performance.now();
        if (deliveries.length === 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, budget(current));
          });
          wake = null;
        }
        used.set(current, (used.get(current) ?? 0) + performance.now() - t0);
        const delivery = deliveries.shift();
        if (delivery) {
          status = guestCall(current, 'deliver', [token, delivery[0], delivery[1]]);
          continue;
        }
        flag = 'timeout';
      }
      if (flag === null && spent(current)) {
        // The stage used up its CPU time between calls: it timed out, without a near-zero timeout call.
        flag = 'timeout';
      }
      const callFlag = flag;
      flag = null;
      try {
        status = guestCall(current, 'step', [token, callFlag]);
      } catch (error) {
        if (!isTimeout(error) || slot.isolate.isDisposed) throw error;
        slot.tainted = true;
        if (slot.overRunLimit(baseline)) throw new Error('memory limit');
        const count = (timeouts.get(current) ?? 0) + 1;
        timeouts.set(current, count);
        if (count > MAX_TIMEOUTS_PER_STAGE) {
          const message = 'the stage kept running after its timeout and the run was stopped';
          const all = [...traces(), faultTrace(guest, current, message, lastTrace())];
          return asText(errorResult(request, { message, stage: guest.stages[current]?.name }, all, started));
        }
        flag = 'timeout';
        status = { k: 'S', i: current };
      }
    }
    if (status.k === 'X' || !status.r) {
      return asText(
        errorResult(
          request,
          { message: 'the pipeline code interfered with the sandbox runtime; the run was stopped' },
          traces(),
          started,
        ),
      );
    }
    if (taken.warm) {
      try {
        const answer = taken.call('finish', [token], RUNTIME_CALL_MS);
        retire = answer !== '{"clean":true}';
      } catch {
        // The run's result stands; its context serves no other run.
      }
    }
    const stages: string[] = [];
    for (let index = 0; index < traceTexts.length; index++) {
      const text = withDuration(
        traceTexts[index] as string,
        Math.round((used.get(index) ?? 0) * 1000) / 1000,
      );
      if (text === null) {
        return asText(
          errorResult(
            request,
            { message: `the sandbox runtime answered with a broken trace for stage ${index + 1}` },
            traces(),
            started,
          ),
        );
      }
      stages.push(text);
    }
    const head = status.r;
    if (head.length < 2 || head[0] !== '{' || head[head.length - 1] !== '}') {
      return asText(
        errorResult(
          request,
          { message: 'the sandbox runtime answered with a broken result' },
          traces(),
          started,
        ),
      );
    }
    let json = `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"stages":[${stages.join(',')}],"durationMs":${performance.now() - started}}`;
    const secrets = request.secrets ?? {};
    if (Object.keys(secrets).length > 0) {
      // Expanded first: a secret's value must not be able to match a shared-trace mark.
      const whole = parseGuestJson(json, MAX_RESULT_JSON_CHARS) as unknown as RunResult;
      expandSharedTraces(whole.stages);
      json = JSON.stringify(redactSecrets(whole as unknown as Json, secrets));
    }
    return { json, warm: taken.warm, traces: traceTexts };
  } catch (error) {
    if (isMemoryFault(error, slot)) {
      slot.tainted = true;
      const name = guest.stages[current]?.name;
      const message = `memory limit of ${limitMb} MB exceeded${name ? ` in stage ${name}` : ''}`;
      const all = [...traces(), faultTrace(guest, current, message, lastTrace())];
      return asText(errorResult(request, { message, stage: name }, all, started));
    }
    slot.tainted = true;
    return asText(
      errorResult(request, { message: `the sandbox failed: ${errorText(error)}` }, traces(), started),
    );
  } finally {
    slot.giveBack(taken, retire);
  }
}
