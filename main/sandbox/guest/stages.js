// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 11: starting and finishing stages (SEMANTICS.md, A function).

// STAGE_GLOBALS (the names every stage is given) is defined by guest-source.ts from STAGE_PARAMETERS.

/**
 * What every stage's code is given (in STAGE_GLOBALS order); each routes to the stage running
 * now. `env` (index 1) is a fresh copy per stage.
 */
function makeStageValues() {
  const consoleObject = makeConsole();
  const log = levelLogger('log');
  log.info = consoleObject.info;
  log.warn = consoleObject.warn;
  log.error = consoleObject.error;
  log.debug = consoleObject.debug;
  const timers = makeTimers();
  return [
    makeRequire(),
    null,
    makeAxios({ headers: {} }),
    log,
    consoleObject,
    makeAuthing(),
    timers.setTimeout,
    timers.clearTimeout,
    timers.setInterval,
    timers.clearInterval,
    timers.setImmediate,
    timers.clearImmediate,
    timers.queueMicrotask,
  ];
}

/** Built once in the snapshot for a fresh context; a warm realm renews them for every run. */
const STAGE_VALUES = makeStageValues();

function renewStageValues() {
  const fresh = makeStageValues();
  for (let i = 0; i < fresh.length; i++) STAGE_VALUES[i] = fresh[i];
}

/** Makes the stage values globals too, for code that reads them from `globalThis`. */
function installStageGlobals(global) {
  for (let i = 0; i < STAGE_GLOBALS.length; i++) {
    if (STAGE_VALUES[i] !== null) {
      ObjectDefineProperty(global, STAGE_GLOBALS[i], {
        value: STAGE_VALUES[i],
        writable: true,
        configurable: true,
      });
    }
  }
}

function newStage(index, def) {
  return {
    index,
    def,
    logs: newList(),
    logLines: 0,
    logChars: 0,
    logsDropped: 0,
    http: newList(),
    authing: newList(),
    customData: {},
    idToken: {},
    accessToken: {},
    idTokenRemoved: newList(),
    accessTokenRemoved: newList(),
    timers: newList(),
    settled: false,
    closed: false,
    result: null,
    forcedError: null,
    callbackCalls: 0,
    startNow: clock.now,
    deadline: clock.now + def.timeoutMs,
    inputUserJson: run.userJson,
    inputContextJson: run.contextJson,
  };
}

/** Starts the next enabled stage (recording disabled ones as skipped), or ends the run. */
function startNext() {
  while (run.next < run.stages.length) {
    const index = run.next;
    const def = run.stages[index];
    run.next += 1;
    const stage = newStage(index, def);
    if (!def.enabled) {
      settle(stage, { __proto__: null, kind: 'skipped' });
      finishStage(stage);
      continue;
    }
    run.cur = stage;
    runStage(stage);
    return;
  }
  endRun('continue', null);
}

function runStage(stage) {
  const def = stage.def;
  const syntaxError = ownData(def, 'syntaxError');
  if (syntaxError !== undefined) {
    settle(stage, {
      __proto__: null,
      kind: 'error',
      message: syntaxError.message,
      location: ownData(syntaxError, 'location'),
    });
    return;
  }
  const values = newList();
  for (let i = 0; i < STAGE_VALUES.length; i++) append(values, STAGE_VALUES[i]);
  ObjectDefineProperty(values, 1, {
    value: JSONParse(run.envJson),
    writable: true,
    enumerable: true,
    configurable: true,
  });
  const module = { exports: {} };
  let pipe;
  try {
    const factory = factories === null ? undefined : factories[stage.index];
    if (typeof factory !== 'function') throw new ErrorCtor('the stage was not loaded');
    append(values, module);
    append(values, module.exports);
    pipe = ReflectApply(factory, undefined, values);
  } catch (error) {
    settleFault(stage, error);
    return;
  }
  if (typeof pipe !== 'function') {
    settle(stage, {
      kind: 'error',
      message: `${def.path} does not define a function named pipe`,
      location: undefined,
    });
    return;
  }
  const twoParams = run.trigger === 'PRE_REGISTER' && ownData(pipe, 'length') === 2;
  const context = JSONParse(stage.inputContextJson);
  try {
    let returned;
    if (twoParams) returned = pipe(context, makeCallback(stage, true));
    else {
      const user = JSONParse(stage.inputUserJson);
      const withMethods = typeof user === 'object' && user !== null ? attachUserMethods(user) : user;
      returned = pipe(withMethods, context, makeCallback(stage, false));
    }
    watchPromise(stage, returned);
  } catch (error) {
    settleFault(stage, error);
  }
}

/** A rejected promise from an async `pipe` fails the stage like a throw. */
function watchPromise(stage, returned) {
  if (typeof returned !== 'object' || returned === null) return;
  let then;
  try {
    then = returned.then;
  } catch {
    return;
  }
  if (typeof then !== 'function') return;
  ReflectApply(then, returned, [undefined, (error) => settleFault(stage, error)]);
}

function mergeClaims(target, written, removed) {
  const keys = ObjectKeys(written);
  for (let i = 0; i < removed.length; i++) delete target[removed[i]];
  for (let i = 0; i < keys.length; i++) defineData(target, keys[i], written[keys[i]]);
}

/** Records the stage's trace and applies its outcome to the flow. */
function finishStage(stage) {
  stage.closed = true;
  closeLog(stage);
  const def = stage.def;
  let result = stage.result;
  if (stage.forcedError !== null && (result.kind === 'continue' || result.kind === 'deny')) {
    result = { __proto__: null, kind: 'error', message: stage.forcedError, location: undefined };
  }
  const kind = result.kind;
  const continued = kind === 'continue' && !def.async;
  const outUser = continued ? result.userJson : stage.inputUserJson;
  const outContext = continued ? result.contextJson : stage.inputContextJson;
  let error = 'null';
  if (kind !== 'continue' && kind !== 'skipped') {
    const e = { __proto__: null, message: result.message, stage: def.name };
    if (result.location !== undefined) e.location = result.location;
    error = serialize(e, 'the error').json;
  }
  mergeClaims(run.customData, stage.customData, newList());
  mergeClaims(run.idToken, stage.idToken, stage.idTokenRemoved);
  mergeClaims(run.accessToken, stage.accessToken, stage.accessTokenRemoved);
  const outcome = def.async && kind !== 'skipped' ? 'async' : kind;
  const fields = {
    __proto__: null,
    name: def.name,
    outcome,
    logs: stage.logs,
    http: stage.http,
    authing: stage.authing,
    customData: stage.customData,
    idToken: stage.idToken,
    accessToken: stage.accessToken,
  };
  if (stage.idTokenRemoved.length > 0) fields.idTokenRemoved = stage.idTokenRemoved;
  if (stage.accessTokenRemoved.length > 0) fields.accessTokenRemoved = stage.accessTokenRemoved;
  const head = serialize(fields, 'the stage trace').json;
  // Most stages get what the stage before them gave, and many give it back unchanged: such an
  // input or output is sent as a mark the host expands (result-json.ts `expandSharedTraces`).
  const sameInput =
    stage.inputUserJson === run.lastOutUserJson && stage.inputContextJson === run.lastOutContextJson;
  const sameOutput = outUser === stage.inputUserJson && outContext === stage.inputContextJson;
  const input = sameInput ? '"^"' : `{"user":${stage.inputUserJson},"context":${stage.inputContextJson}}`;
  const output = sameOutput ? '"="' : `{"user":${outUser},"context":${outContext}}`;
  run.lastOutUserJson = outUser;
  run.lastOutContextJson = outContext;
  const io = `"input":${input},"output":${output}`;
  append(run.finished, `${StringSlice(head, 0, -1)},${io}${error === 'null' ? '' : `,"error":${error}`}}`);
  if (def.async) {
    clock.now = stage.startNow;
    return;
  }
  if (continued) {
    run.userJson = outUser;
    run.contextJson = outContext;
    return;
  }
  const aborts =
    (kind === 'deny' && run.mayAbort) ||
    (kind === 'error' && run.mayAbort) ||
    (kind === 'timeout' && def.terminate);
  if (aborts) endRun(kind === 'deny' ? 'deny' : 'error', error);
}

function endRun(outcome, errorJson) {
  run.cur = null;
  run.next = run.stages.length;
  const claims = serialize(
    { idToken: run.idToken, accessToken: run.accessToken, customData: run.customData },
    'the token claims',
  ).json;
  run.doneJson = `{"outcome":"${outcome}"${errorJson === null ? '' : `,"error":${errorJson}`},"user":${run.userJson},"context":${run.contextJson},${StringSlice(claims, 1)}`;
}
