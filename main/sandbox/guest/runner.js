// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 10: the run state machine. The host drives it with one call per step:
// `start` sets the run up, each `step` finishes the current stage if it settled (or fires its
// next virtual timer, or declares it stalled) and starts the next one. Microtasks drain between
// calls, inside the same CPU timeout. Each answer is JSON text the host parses with its own limits.

let run = null;
let factories = null;
const host = { call: null, fetch: null };
const PIPELINE_FILE = 'pipeline-studio:pipeline.js';
const LOCATION = /\(?([^()\s]*):(\d+):(\d+)\)?$/;

function define(list) {
  if (factories === null && run === null && ArrayIsArray(list)) factories = list;
}

function hostRequest(op, payload) {
  const answer = JSONParse(host.call(op, serialize(payload, 'the request').json));
  if (answer.error !== undefined) throw new ErrorCtor(answer.error);
  return answer.ok;
}

function liveRequest(_stage, payload) {
  run.pendingHost += 1;
  const done = (text) => {
    run.pendingHost -= 1;
    return JSONParse(text);
  };
  const failed = (error) => {
    run.pendingHost -= 1;
    return { error: errorMessage(error) };
  };
  return PromiseThen(host.fetch(serialize(payload, 'the request').json), done, failed);
}

/** A message for anything thrown or passed to callback as an error. */
function thrownMessage(value) {
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

/** The first frame of the error's stack that lies in a user file, mapped back to that file. */
function locate(error, _stage) {
  let stack;
  try {
    stack = typeof error === 'object' && error !== null ? error.stack : undefined;
  } catch {
    return undefined;
  }
  if (typeof stack !== 'string') return undefined;
  const lines = StringSplit(stack, '\n');
  for (let i = 1; i < lines.length && i < 50; i++) {
    const m = RegExpExec(LOCATION, StringTrim(lines[i]));
    if (m === null || m[1] !== PIPELINE_FILE) continue;
    const line = NumberCtor(m[2]);
    for (let k = run.stages.length - 1; k >= 0; k--) {
      const def = run.stages[k];
      if (def.firstLine > 0 && line >= def.firstLine) {
        if (line - def.firstLine >= def.lineCount) break;
        return { file: def.path, line: line - def.firstLine + 1, column: NumberCtor(m[3]) };
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
  settle(stage, { kind: 'error', message: thrownMessage(error), location: locate(error, stage) });
}

function start(token, requestJson, hostCall, hostFetch) {
  if (run !== null) return '{"k":"X"}';
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
    userJson: serialize(request.user, 'the fixture user').json,
    contextJson: serialize(context, 'the fixture context').json,
    envJson: serialize(request.env, 'env').json,
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
    timerIds: 0,
  };
  setClock(request.now, request.timeZone);
  seedRandom(request.seed);
  return report('S');
}

function step(token, flag) {
  if (run === null || token !== run.token) return '{"k":"X"}';
  if (run.doneJson !== null) return report('D');
  const stage = run.cur;
  if (stage !== null) {
    if (flag === 'timeout') {
      if (stage.settled) {
        pushLog(stage, 'warn', [
          'the function kept running after calling callback and was stopped at its timeout',
        ]);
      } else {
        settle(stage, { kind: 'timeout', message: `timed out after ${stage.def.timeoutMs / 1000} s` });
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

/** The host's view: which stage the next call works on, finished traces, and the result once done. */
function report(kind) {
  let index = run.cur === null ? run.next : run.cur.index;
  if (run.cur === null) while (index < run.stages.length && !run.stages[index].enabled) index += 1;
  let out = `{"k":"${kind}","i":${index}`;
  if (run.finished.length > 0) {
    out += `,"t":[${ArrayJoin(run.finished, ',')}]`;
    run.finished = newList();
  }
  if (kind === 'D') out += `,"r":${run.doneJson}`;
  return `${out}}`;
}

const api = ObjectFreeze({ define, start, step });
ObjectDefineProperty(globalThis, '__ps', {
  value: api,
  writable: false,
  enumerable: false,
  configurable: false,
});
