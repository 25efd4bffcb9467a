// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 9: what one stage's function sees: require, env, timers on the virtual
// clock, the user methods, and the callback.

const REQUIRABLE = 'lodash, querystring, url, crypto, ./utils';
const TOKEN_TRIGGER = { IdToken: 'PRE_OIDC_ID_TOKEN_ISSUED', AccessToken: 'PRE_OIDC_ACCESS_TOKEN_ISSUED' };

/** The modules `require` gives: shared by every run, so a warm realm freezes them. */
const MODULES = [querystringModule, urlModule, cryptoModule, utilsModule];

/**
 * `_.uniqueId` counts per run (lodash's own counter would carry over from run to run in a warm
 * realm, and replay must not depend on what ran before). Same result as lodash's.
 */
let lodashIds = 0;
const lodashToString = lodash.toString;
lodash.mixin(
  {
    uniqueId(prefix) {
      lodashIds += 1;
      return lodashToString(prefix) + lodashIds;
    },
  },
  { chain: false },
);

function makeRequire() {
  return function require(name) {
    switch (name) {
      case 'lodash':
        return lodash;
      case 'querystring':
      case 'node:querystring':
        return querystringModule;
      case 'url':
      case 'node:url':
        return urlModule;
      case 'crypto':
      case 'node:crypto':
        return cryptoModule;
      case './utils':
      case './utils.js':
        return utilsModule;
      default:
        throw new ErrorCtor(
          `require(${JSONStringify(safeString(name))}) is not available in a pipeline function; available modules: ${REQUIRABLE}`,
        );
    }
  };
}

/** Timers on the virtual clock, owned by the stage running now and dropped when it ends. */
function makeTimers() {
  const add = (fn, ms, args, repeat) => {
    const stage = currentStage();
    if (stage === null) return 0;
    if (typeof fn !== 'function')
      throw new TypeErrorCtor('setTimeout/setInterval: the first argument must be a function');
    const delay = MathMax(0, NumberCtor(ms) || 0);
    run.timerIds += 1;
    append(stage.timers, {
      id: run.timerIds,
      due: clock.now + (repeat ? MathMax(1, delay) : delay),
      fn,
      args,
      interval: repeat ? MathMax(1, delay) : 0,
    });
    return run.timerIds;
  };
  const clear = (id) => {
    const stage = currentStage();
    if (stage === null) return;
    const kept = newList();
    for (let i = 0; i < stage.timers.length; i++)
      if (stage.timers[i].id !== id) append(kept, stage.timers[i]);
    stage.timers = kept;
  };
  return {
    setTimeout: (fn, ms, ...args) => add(fn, ms, args, false),
    setInterval: (fn, ms, ...args) => add(fn, ms, args, true),
    setImmediate: (fn, ...args) => add(fn, 0, args, false),
    clearTimeout: clear,
    clearInterval: clear,
    clearImmediate: clear,
    queueMicrotask: (fn) => {
      PromiseThen(PromiseResolve(undefined), () => fn());
    },
  };
}

/** The earliest pending timer of a stage (ties: the one set first), or null. */
function nextTimer(stage) {
  let best = null;
  for (let i = 0; i < stage.timers.length; i++) {
    const t = stage.timers[i];
    if (best === null || t.due < best.due || (t.due === best.due && t.id < best.id)) best = t;
  }
  return best;
}

function fireTimer(stage, timer) {
  if (timer.due > clock.now) clock.now = timer.due;
  if (timer.interval > 0) timer.due += timer.interval;
  else {
    const kept = newList();
    for (let i = 0; i < stage.timers.length; i++)
      if (stage.timers[i] !== timer) append(kept, stage.timers[i]);
    stage.timers = kept;
  }
  try {
    ReflectApply(timer.fn, undefined, timer.args);
  } catch (error) {
    settleFault(stage, error);
  }
}

function defineData(object, key, value) {
  ObjectDefineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

function checkKey(method, key) {
  if (typeof key !== 'string' || key.length === 0) {
    throw new TypeErrorCtor(`user.${method}: the key must be a non-empty string, got ${safeString(key)}`);
  }
}

function stageFor(method) {
  const stage = currentStage();
  if (stage === null) throw new ErrorCtor(`user.${method} was called after its stage had ended`);
  return stage;
}

function tokenClaims(kind, method) {
  if (run.trigger !== TOKEN_TRIGGER[kind]) {
    throw new ErrorCtor(
      `user.${method} is only available in the ${TOKEN_TRIGGER[kind]} trigger; this pipeline runs in ${run.trigger}`,
    );
  }
  return stageFor(method);
}

/**
 * The user methods, built once in the snapshot; each writes to the stage running now. They are
 * added to every user object as non-enumerable own properties, so the user stays a plain object
 * (as on the platform) and the methods never show up in the serialized user.
 */
const USER_METHODS = {
  addCustomData(key, value) {
    const stage = stageFor('addCustomData');
    checkKey('addCustomData', key);
    defineData(stage.customData, key, jsonCopy(value, `the value of custom data "${key}"`));
  },
  addIdToken(key, value) {
    const stage = tokenClaims('IdToken', 'addIdToken');
    checkKey('addIdToken', key);
    defineData(stage.idToken, key, jsonCopy(value, `the value of claim "${key}"`));
  },
  removeIdToken(key) {
    const stage = tokenClaims('IdToken', 'removeIdToken');
    checkKey('removeIdToken', key);
    delete stage.idToken[key];
    append(stage.idTokenRemoved, key);
  },
  addAccessToken(key, value) {
    const stage = tokenClaims('AccessToken', 'addAccessToken');
    checkKey('addAccessToken', key);
    defineData(stage.accessToken, key, jsonCopy(value, `the value of claim "${key}"`));
  },
  removeAccessToken(key) {
    const stage = tokenClaims('AccessToken', 'removeAccessToken');
    checkKey('removeAccessToken', key);
    delete stage.accessToken[key];
    append(stage.accessTokenRemoved, key);
  },
};
const USER_METHOD_NAMES = ObjectKeys(USER_METHODS);

/** Gives a parsed user object the user methods. */
function attachUserMethods(user) {
  for (let i = 0; i < USER_METHOD_NAMES.length; i++) {
    const name = USER_METHOD_NAMES[i];
    ObjectDefineProperty(user, name, {
      value: USER_METHODS[name],
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
  return user;
}

function describeType(value) {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

/** The callback given to `pipe`; `contextOnly` is the two-parameter PRE_REGISTER form. */
function makeCallback(stage, contextOnly) {
  return function callback(error, first, second) {
    stage.callbackCalls += 1;
    if (stage.callbackCalls > 1 || stage.settled) {
      const why = stage.callbackCalls > 1 ? 'more than once' : 'after the function had already failed';
      if (!stage.closed) pushLog(stage, 'warn', [`callback was called ${why}; this call is ignored`]);
      return;
    }
    if (error) {
      settle(stage, {
        __proto__: null,
        kind: 'deny',
        message: thrownMessage(error),
        location: locate(error, stage),
      });
      return;
    }
    const user = contextOnly ? undefined : first;
    const context = contextOnly ? first : second;
    const misuse =
      user !== undefined && typeof user !== 'object'
        ? `the user passed to callback must be an object or null, not ${describeType(user)}`
        : context !== undefined && (typeof context !== 'object' || context === null)
          ? `the context passed to callback must be an object, not ${describeType(context)}`
          : null;
    if (misuse !== null) {
      settle(stage, {
        __proto__: null,
        kind: 'error',
        message: misuse,
        location: locate(new ErrorCtor(), stage),
      });
      return;
    }
    const out = {
      __proto__: null,
      kind: 'continue',
      userJson: stage.inputUserJson,
      contextJson: stage.inputContextJson,
    };
    if (user !== undefined) {
      const result = serialize(user, 'the user passed to callback');
      if (result.error !== undefined)
        return settle(stage, {
          kind: 'error',
          message: result.error,
          location: locate(new ErrorCtor(), stage),
        });
      out.userJson = result.json;
    }
    if (context !== undefined) {
      const result = serialize(context, 'the context passed to callback');
      if (result.error !== undefined)
        return settle(stage, {
          kind: 'error',
          message: result.error,
          location: locate(new ErrorCtor(), stage),
        });
      out.contextJson = result.json;
    }
    settle(stage, out);
  };
}
