// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 10: the run state machine. The host drives it with one call per step:
// `start` sets the run up, each `step` finishes the current stage if it settled (or fires its
// next virtual timer, or declares it stalled) and starts the next one. Microtasks drain between
// calls, inside the same CPU timeout. Each answer is text the host reads with its own limits
// (see `report`).

let run = null;
let factories = null;
const host = { call: null, fetch: null };
const PIPELINE_FILE = 'pipeline-studio:pipeline.js';
const LOCATION = /\(?([^()\s]*):(\d+):(\d+)\)?$/;

/**
 * The stage factories of the pipeline the host runs next (the pipeline script calls this). Only
 * between runs: stage code cannot replace them. In a warm realm one set serves every run of its
 * pipeline, so they are frozen (`arguments.callee` in a stage's file reaches its factory).
 */
function define(list) {
  if (run !== null || !ArrayIsArray(list)) return;
  if (warm !== null) {
    for (let i = 0; i < list.length; i++) {
      const factory = list[i];
      if (typeof factory !== 'function') continue;
      ObjectFreeze(factory);
      if (typeof factory.prototype === 'object' && factory.prototype !== null)
        ObjectFreeze(factory.prototype);
    }
  }
  factories = list;
}

function hostRequest(op, payload) {
  const answer = JSONParse(host.call(op, serialize(payload, 'the request').json));
  const failure = ownData(answer, 'error');
  if (failure !== undefined) throw new ErrorCtor(failure);
  return ownData(answer, 'ok');
}

/**
 * Live HTTP: the host starts the request and later hands the answer in through `deliver`;
 * until then the step reports "W" (waiting for the host).
 */
function liveRequest(_stage, payload) {
  run.hostSeq += 1;
  const id = run.hostSeq;
  let resolveAnswer;
  const answer = new PromiseCtor((resolve) => {
    resolveAnswer = resolve;
  });
  MapSet(run.waiting, id, resolveAnswer);
  run.pendingHost += 1;
  try {
    host.fetch(id, serialize(payload, 'the request').json);
  } catch (error) {
    MapDelete(run.waiting, id);
    run.pendingHost -= 1;
    return PromiseResolve({ __proto__: null, error: errorMessage(error) });
  }
  return answer;
}

function deliver(token, id, text) {
  if (run === null || token !== run.token) return 'X';
  const resolveAnswer = MapGet(run.waiting, id);
  if (resolveAnswer !== undefined) {
    MapDelete(run.waiting, id);
    run.pendingHost -= 1;
    let answer;
    try {
      answer = JSONParse(text);
    } catch {
      answer = { __proto__: null, error: 'the host answered with something that is not JSON' };
    }
    resolveAnswer(answer);
  }
  return report('S');
}

const MESSAGE_MAX_CHARS = 4000;

/** A message for anything thrown or passed to callback as an error, shortened when huge. */
function thrownMessage(value) {
  const message = rawMessage(value);
  if (message.length <= MESSAGE_MAX_CHARS) return message;
  return `${StringSlice(message, 0, MESSAGE_MAX_CHARS)}… (${message.length - MESSAGE_MAX_CHARS} more characters)`;
}

function rawMessage(value) {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const message = ownOrInheritedMessage(value);
    if (message !== undefined && message !== '') return message;
    if (message === '') return safeString(ownOrInheritedName(value) ?? 'Error');
    const json = serialize(value, 'the thrown value', 2048);
    return `threw a non-Error value: ${json.error === undefined ? json.json : '[object]'}`;
  }
  return `threw a non-Error value: ${safeString(value)}`;
}

function ownOrInheritedName(value) {
  try {
    return typeof value.name === 'string' ? value.name : undefined;
  } catch {
    return undefined;
  }
}

/** V8 calls this instead of a user's `Error.prepareStackTrace` while the runtime reads a stack. */
function framesOf(_error, callSites) {
  const frames = newList();
  for (let i = 0; i < callSites.length && i < 50; i++) {
    try {
      const site = callSites[i];
      append(frames, {
        __proto__: null,
        file: site.getFileName(),
        line: site.getLineNumber(),
        column: site.getColumnNumber(),
      });
    } catch {}
  }
  return frames;
}

/** The error's stack frames; a user stack hook can neither hide nor fake them. */
function readFrames(error) {
  if (typeof error !== 'object' || error === null) return newList();
  let saved;
  let installed = false;
  try {
    saved = ObjectGetOwnPropertyDescriptor(ErrorCtor, 'prepareStackTrace');
    ObjectDefineProperty(ErrorCtor, 'prepareStackTrace', {
      value: framesOf,
      writable: true,
      configurable: true,
    });
    installed = true;
  } catch {}
  let stack;
  try {
    stack = error.stack;
  } catch {}
  if (installed) {
    try {
      if (saved === undefined) delete ErrorCtor.prepareStackTrace;
      else ObjectDefineProperty(ErrorCtor, 'prepareStackTrace', saved);
    } catch {}
  }
  if (ArrayIsArray(stack)) return stack;
  const frames = newList();
  if (typeof stack !== 'string') return frames;
  const lines = StringSplit(stack, '\n');
  for (let i = 1; i < lines.length && i < 50; i++) {
    const m = RegExpExec(LOCATION, StringTrim(lines[i]));
    if (m !== null)
      append(frames, { __proto__: null, file: m[1], line: NumberCtor(m[2]), column: NumberCtor(m[3]) });
  }
  return frames;
}

/** The first frame of the error's stack that lies in a user file, mapped back to that file. */
function locate(error, _stage) {
  const frames = readFrames(error);
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i];
    if (frame.file !== PIPELINE_FILE || typeof frame.line !== 'number') continue;
    const line = frame.line;
    for (let k = run.stages.length - 1; k >= 0; k--) {
      const def = run.stages[k];
      if (def.firstLine > 0 && line >= def.firstLine) {
        if (line - def.firstLine >= def.lineCount) break;
        return { __proto__: null, file: def.path, line: line - def.firstLine + 1, column: frame.column };
      }
    }
  }
  return undefined;
}

function settle(stage, result) {
  if (stage.settled) return;
  stage.settled = true;
  stage.result = result;
  stage.timers = newList();
}

function settleFault(stage, error) {
  settle(stage, {
    __proto__: null,
    kind: 'error',
    message: thrownMessage(error),
    location: locate(error, stage),
  });
}

function start(token, requestJson, hostCall, hostFetch) {
  if (run !== null) return 'X';
  const request = JSONParse(requestJson);
  // Not in the snapshot: deleting these there breaks context deserialization.
  delete globalThis.SharedArrayBuffer;
  delete globalThis.Atomics;
  delete globalThis.WebAssembly;
  host.call = hostCall;
  host.fetch = hostFetch;
  const context = request.context;
  const httpRequest = context.request;
  if (typeof httpRequest === 'object' && httpRequest !== null && !ArrayIsArray(httpRequest)) {
    if (context.ip === undefined && httpRequest.ip !== undefined) context.ip = httpRequest.ip;
    if (context.geo === undefined && httpRequest.geo !== undefined) context.geo = httpRequest.geo;
  }
  run = {
    token,
    trigger: request.trigger,
    mayAbort: request.mayAbort,
    stages: request.stages,
    next: 0,
    cur: null,
    // Parsed from the host's JSON just now, before any user code of this run: plain data, and
    // the built-ins are as the context began (warm realms compare or freeze them after each run).
    userJson: JSONStringify(request.user) ?? 'null',
    contextJson: JSONStringify(context),
    // The output of the last stage traced, as its trace holds it (see finishStage).
    lastOutUserJson: null,
    lastOutContextJson: null,
    envJson: JSONStringify(request.env),
    customData: {},
    idToken: {},
    accessToken: {},
    finished: newList(),
    doneJson: null,
    http: request.http,
    authing: request.authing,
    usedHttp: new SetCtor(),
    live: request.live ? {} : null,
    pendingHost: 0,
    hostSeq: 0,
    lastReport: null,
    waiting: new MapCtor(),
    timerIds: 0,
    retire: false,
    globalEnv: undefined,
  };
  lodashIds = 0;
  // The legacy RegExp statics (RegExp.$1, lastMatch, input) must not show an earlier run's text.
  RegExpExec(/(?:)/, '');
  if (warm !== null) {
    // The globals are accessors reading these (harden.js).
    renewStageValues();
    run.globalEnv = JSONParse(run.envJson);
  } else {
    ObjectDefineProperty(globalThis, 'env', {
      value: JSONParse(run.envJson),
      writable: true,
      configurable: true,
    });
  }
  setClock(request.now, request.timeZone);
  seedRandom(request.seed);
  return report('S');
}

function step(token, flag) {
  if (run === null || token !== run.token) return 'X';
  if (run.doneJson !== null) return report('D');
  const stage = run.cur;
  if (stage !== null) {
    if (flag === 'timeout') {
      if (stage.settled) {
        pushLog(stage, 'warn', [
          'the function kept running after calling callback and was stopped at its timeout',
        ]);
      } else {
        settle(stage, {
          __proto__: null,
          kind: 'timeout',
          message: `timed out after ${stage.def.timeoutMs / 1000} s`,
        });
      }
    }
    if (!stage.settled) {
      const timer = nextTimer(stage);
      if (timer !== null && timer.due > stage.deadline) {
        settle(stage, {
          kind: 'timeout',
          message: `timed out after ${stage.def.timeoutMs / 1000} s: a timer was still pending`,
        });
      } else if (timer !== null) {
        fireTimer(stage, timer);
        return report('S');
      } else if (run.pendingHost > 0) {
        return report('W');
      } else {
        settle(stage, {
          kind: 'timeout',
          message: `the function returned without calling callback (failed after its timeout of ${stage.def.timeoutMs / 1000} s)`,
        });
      }
    }
    finishStage(stage);
    run.cur = null;
    if (run.doneJson !== null) return report('D');
  }
  startNext();
  return report(run.doneJson !== null ? 'D' : 'S');
}

/**
 * The host's view, one line each: which stage the next call works on (`S2`: stepping stage 2,
 * `W2`: waiting for the host's HTTP answers, `D4`: done), then, once done, the result as JSON;
 * then the traces of the stages finished since the last answer, one JSON text a line (JSON text
 * never holds a raw line break). `X` alone: the call did not belong to the run.
 */
function report(kind) {
  let index = run.cur === null ? run.next : run.cur.index;
  if (run.cur === null) while (index < run.stages.length && !run.stages[index].enabled) index += 1;
  let out = `${kind}${index}`;
  if (kind === 'D') out += `\n${run.doneJson}`;
  if (run.finished.length > 0) {
    out += `\n${ArrayJoin(run.finished, '\n')}`;
    run.finished = newList();
  }
  run.lastReport = out;
  return run.lastReport;
}

/** The last answer again, after the host lost it to an unhandled rejection (noted in the log). */
function again(token, message) {
  if (run === null || token !== run.token) return 'X';
  const stage = currentStage();
  if (stage !== null) pushLog(stage, 'warn', [`unhandled promise rejection: ${safeString(message)}`]);
  return run.lastReport ?? report('S');
}

const api = ObjectFreeze({ define, start, step, deliver, again, harden, finish });
ObjectDefineProperty(globalThis, '__ps', {
  value: api,
  writable: false,
  enumerable: false,
  configurable: false,
});
