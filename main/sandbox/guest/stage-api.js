// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 9: what one stage's function sees: require, env, timers on the virtual
// clock, the user methods, and the callback.

const REQUIRABLE = 'lodash, querystring, url, crypto, ./utils';
const TOKEN_TRIGGER = { IdToken: 'PRE_OIDC_ID_TOKEN_ISSUED', AccessToken: 'PRE_OIDC_ACCESS_TOKEN_ISSUED' };

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

function makeTimers(stage) {
  const add = (fn, ms, args, repeat) => {
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

/** Adds the non-enumerable user methods, so they never show up in the serialized user. */
function attachUserMethods(user, stage) {
  const methods = {
    addCustomData(key, value) {
      checkKey('addCustomData', key);
      defineData(stage.customData, key, jsonCopy(value, `the value of custom data "${key}"`));
    },
  };
  addTokenMethods(methods, stage, 'IdToken');
  addTokenMethods(methods, stage, 'AccessToken');
  const names = ObjectKeys(methods);
  for (let i = 0; i < names.length; i++) {
    ObjectDefineProperty(user, names[i], {
      value: methods[names[i]],
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
  return user;
}

/** Adds add<Kind>/remove<Kind>, which work only in the trigger that issues that token. */
function addTokenMethods(methods, stage, kind) {
  const claims = kind === 'IdToken' ? stage.idToken : stage.accessToken;
  const removed = kind === 'IdToken' ? stage.idTokenRemoved : stage.accessTokenRemoved;
  const only = (method) => {
    if (run.trigger !== TOKEN_TRIGGER[kind]) {
      throw new ErrorCtor(
        `user.${method} is only available in the ${TOKEN_TRIGGER[kind]} trigger; this pipeline runs in ${run.trigger}`,
      );
    }
  };
  methods[`add${kind}`] = (key, value) => {
    only(`add${kind}`);
    checkKey(`add${kind}`, key);
    defineData(claims, key, jsonCopy(value, `the value of claim "${key}"`));
  };
  methods[`remove${kind}`] = (key) => {
    only(`remove${kind}`);
    checkKey(`remove${kind}`, key);
    delete claims[key];
    append(removed, key);
  };
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
