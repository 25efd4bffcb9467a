// biome-ignore-all lint/correctness/noUnusedVariables: the guest files are concatenated into one scope (guest-source.ts).
// Guest runtime, part 12: the warm realm. One context serves run after run, and nothing a run
// leaves behind reaches the next:
// - the built-ins V8 keeps fast paths for, and the errors (`hotIntrinsics`), stay as they are and
//   are compared after every run: a run that changed one (a method added to String.prototype,
//   `Error.prepareStackTrace` set) worked exactly as in a fresh context, and its context is
//   thrown away;
// - every other object reachable from the global object (the other built-ins and their methods,
//   lodash, the runtime's modules and the user methods) is frozen. Code that writes to one of
//   them (`Date.prototype.format = ...`, `_.mixin(...)`) is sent to a fresh context per run by
//   the host (isolate-slot.ts, NEEDS_FRESH); a write the host did not see fails here (quietly in
//   sloppy code, with an error in strict code, which the host then repeats in a fresh context);
// - the global object is put back as it was after every run (implicit globals are common in
//   sloppy code, so they work within a run and are removed after it);
// - everything else a stage sees (require, axios, log, console, authing, timers, env, user,
//   context) is made for each run.
// A run that registers a finalizer (code that could run later, in another run) also retires the
// context. The host creates a fresh context when one is retired.

/** Built-ins left unfrozen and compared after each run (see above). */
function hotIntrinsics() {
  const gpo = ObjectGetPrototypeOf;
  const arrayIterator = gpo([][Symbol.iterator]());
  const typedArray = gpo(Uint8ArrayCtor);
  const list = [
    ObjectPrototype,
    Function.prototype,
    Array,
    Array.prototype,
    arrayIterator,
    gpo(arrayIterator),
    String.prototype,
    gpo(''[Symbol.iterator]()),
    Number.prototype,
    Boolean.prototype,
    BigIntCtor.prototype,
    Symbol.prototype,
    RegExp,
    RegExp.prototype,
    gpo(/a/[Symbol.matchAll]('')),
    PromiseCtor,
    PromiseCtor.prototype,
    MapCtor.prototype,
    gpo(new MapCtor()[Symbol.iterator]()),
    SetCtor.prototype,
    gpo(new SetCtor()[Symbol.iterator]()),
    typedArray,
    typedArray.prototype,
    ErrorCtor,
    ErrorCtor.prototype,
  ];
  for (const name of ['EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError']) {
    const ctor = globalThis[name];
    append(list, ctor);
    append(list, ctor.prototype);
  }
  const globalProto = gpo(globalThis);
  if (globalProto !== null && globalProto !== ObjectPrototype) append(list, globalProto);
  return list;
}

/** Intrinsics no global property leads to (SES calls them hidden intrinsics). */
function hiddenIntrinsics() {
  const gpo = ObjectGetPrototypeOf;
  const list = [
    gpo(function* () {}),
    gpo(async () => {}),
    gpo(async function* () {}),
    gpo((function* () {})()),
    gpo((async function* () {})()),
    ObjectGetOwnPropertyDescriptor(
      (function () {
        // biome-ignore lint/complexity/noArguments: the strict arguments object holds %ThrowTypeError%.
        return arguments;
      })(),
      'callee',
    ).get,
  ];
  try {
    const segments = new Intl.Segmenter('en').segment('a');
    append(list, gpo(segments));
    append(list, gpo(segments[Symbol.iterator]()));
  } catch {}
  try {
    append(list, gpo([][Symbol.iterator]().map((x) => x)));
    append(list, gpo(globalThis.Iterator.from({ next: () => ({ done: true }) })));
  } catch {}
  return list;
}

/**
 * Makes a stage global (`log`, `axios`, `env`...) an accessor reading the run's own value, so no
 * global is redefined per run. Assigning to it (`log = ...` in sloppy code) makes it a plain
 * property for the rest of the run; the global object is put back after the run.
 */
function defineRunGlobal(name, read) {
  ObjectDefineProperty(globalThis, name, {
    get: read,
    set(value) {
      ObjectDefineProperty(globalThis, name, {
        value,
        writable: true,
        enumerable: false,
        configurable: true,
      });
    },
    enumerable: false,
    configurable: true,
  });
}

/** Null until `harden` made this context a warm realm. */
let warm = null;

function snapshotOf(object) {
  const keys = ReflectOwnKeys(object);
  const descs = newList();
  const fixed = newList();
  for (let i = 0; i < keys.length; i++) {
    const desc = ObjectGetOwnPropertyDescriptor(object, keys[i]);
    append(descs, desc);
    // A non-configurable accessor or read-only data property can never change.
    append(
      fixed,
      !desc.configurable && (desc.writable === false || desc.get !== undefined || desc.set !== undefined),
    );
  }
  return {
    __proto__: null,
    object,
    proto: ObjectGetPrototypeOf(object),
    extensible: ObjectIsExtensible(object),
    keys,
    descs,
    fixed,
  };
}

function sameDescriptor(a, b) {
  return (
    ObjectIs(a.value, b.value) &&
    a.get === b.get &&
    a.set === b.set &&
    a.writable === b.writable &&
    a.enumerable === b.enumerable &&
    a.configurable === b.configurable
  );
}

/** True when the object has exactly the prototype, extensibility and properties recorded. */
function unchanged(record) {
  const object = record.object;
  if (ObjectGetPrototypeOf(object) !== record.proto || ObjectIsExtensible(object) !== record.extensible)
    return false;
  const keys = ReflectOwnKeys(object);
  if (keys.length !== record.keys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] !== record.keys[i]) return false;
    if (record.fixed[i]) continue;
    if (!sameDescriptor(ObjectGetOwnPropertyDescriptor(object, keys[i]), record.descs[i])) return false;
  }
  return true;
}

/**
 * Makes this context a warm realm (see the top of this file). Called by the host once, before
 * any user code has run in the context; answers how many objects were frozen and compared.
 */
function harden() {
  if (warm !== null || run !== null) return '{"ok":false}';
  delete globalThis.SharedArrayBuffer;
  delete globalThis.Atomics;
  delete globalThis.WebAssembly;
  const FR = globalThis.FinalizationRegistry;
  if (typeof FR === 'function') {
    const register = FR.prototype.register;
    const wrapped = {
      register(...args) {
        if (run !== null) run.retire = true;
        return ReflectApply(register, this, args);
      },
    }.register;
    ObjectDefineProperty(wrapped, 'length', { value: register.length });
    ObjectDefineProperty(FR.prototype, 'register', { value: wrapped, writable: true, configurable: true });
  }
  for (let i = 0; i < STAGE_GLOBALS.length; i++) {
    if (STAGE_VALUES[i] !== null) defineRunGlobal(STAGE_GLOBALS[i], () => STAGE_VALUES[i]);
  }
  defineRunGlobal('env', () => (run === null ? undefined : run.globalEnv));
  const hot = hotIntrinsics();
  const hotSet = new SetCtor(hot);
  const stack = [...hot, ...hiddenIntrinsics(), lodash, api, ...ObjectValues(USER_METHODS)];
  const globalKeys = ReflectOwnKeys(globalThis);
  for (let i = 0; i < globalKeys.length; i++) {
    const desc = ObjectGetOwnPropertyDescriptor(globalThis, globalKeys[i]);
    append(stack, desc.value);
    append(stack, desc.get);
    append(stack, desc.set);
  }
  for (let i = 0; i < MODULES.length; i++) append(stack, MODULES[i]);
  const seen = new SetCtor([globalThis]);
  let frozen = 0;
  while (stack.length > 0) {
    const object = stack.pop();
    if ((typeof object !== 'object' || object === null) && typeof object !== 'function') continue;
    if (SetHas(seen, object)) continue;
    SetAdd(seen, object);
    const keys = ReflectOwnKeys(object);
    for (let i = 0; i < keys.length; i++) {
      const desc = ObjectGetOwnPropertyDescriptor(object, keys[i]);
      if (desc.value !== undefined) append(stack, desc.value);
      if (desc.get !== undefined) append(stack, desc.get);
      if (desc.set !== undefined) append(stack, desc.set);
    }
    const proto = ObjectGetPrototypeOf(object);
    if (proto !== null) append(stack, proto);
    if (SetHas(hotSet, object)) continue;
    try {
      ObjectFreeze(object);
      frozen += 1;
    } catch {
      // Some exotic objects cannot be frozen: compare them after each run instead.
      append(hot, object);
    }
  }
  const records = newList();
  for (let i = 0; i < hot.length; i++) append(records, snapshotOf(hot[i]));
  const global = snapshotOf(globalThis);
  warm = { __proto__: null, hot: records, global, globalKeys: new SetCtor(global.keys) };
  return `{"ok":true,"frozen":${frozen},"compared":${records.length}}`;
}

/** Puts the global object back as `harden` found it; false when that is not possible. */
function restoreGlobal() {
  const base = warm.global;
  if (ObjectGetPrototypeOf(globalThis) !== base.proto || !ObjectIsExtensible(globalThis)) return false;
  const known = warm.globalKeys;
  const keys = ReflectOwnKeys(globalThis);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (SetHas(known, key)) continue;
    const desc = ObjectGetOwnPropertyDescriptor(globalThis, key);
    if (!desc.configurable) return false;
    delete globalThis[key];
  }
  for (let i = 0; i < base.keys.length; i++) {
    const key = base.keys[i];
    if (base.fixed[i]) continue;
    const desc = ObjectGetOwnPropertyDescriptor(globalThis, key);
    if (desc !== undefined && sameDescriptor(desc, base.descs[i])) continue;
    if (desc !== undefined && !desc.configurable) return false;
    ObjectDefineProperty(globalThis, key, base.descs[i]);
  }
  return true;
}

/**
 * Ends a run in a warm realm: answers "clean" when the context may serve the next run (no
 * compared built-in changed, the global object restored, no finalizer registered).
 */
function finish(token) {
  if (run === null || token !== run.token || warm === null) return '{"clean":false}';
  const retire = run.retire === true;
  // The stage factories stay: the host defines them again only for another pipeline (they are
  // frozen, and each run calls them anew, so every run gets its own stage functions and state).
  run = null;
  if (retire || !restoreGlobal()) return '{"clean":false}';
  for (let i = 0; i < warm.hot.length; i++) if (!unchanged(warm.hot[i])) return '{"clean":false}';
  return '{"clean":true}';
}
