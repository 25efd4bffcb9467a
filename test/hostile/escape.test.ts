/**
 * Hostile code, part 3: escape attempts — reaching the host realm through the constructors of
 * every object the executor hands in, stack-trace hooks, callers, and any isolated-vm handle left
 * within reach. Each attack writes the sentinel file if it reaches Node, so the harness sees it.
 */
import { describeInEachContext, type HostileCase } from './hostile-harness.ts';

/**
 * Evaluates `return this` with the Function constructor found through `source` and reports what
 * that realm holds. The guest has its own `require` (the fixed list), so the attack tries it on
 * 'fs' too. On reaching Node it writes the sentinel file; otherwise line 6 throws the report.
 */
function constructorAttack(name: string, source: string): HostileCase {
  return {
    name: `${name} does not reach the host`,
    code: `function pipe(user, context, callback) {
  const g = (${source})('return this')();
  let fs = null;
  try { fs = g.require('fs'); } catch (refused) {}
  if (g.process || fs) (fs || g.process.mainModule.require('fs')).writeFileSync(env.SENTINEL_FILE, 'pwned');
  throw new Error(${JSON.stringify(name)} + ' reached: process ' + typeof g.process + ', fs ' + (fs ? 'loaded' : 'refused'));
}`,
    outcome: 'error',
    message: /reached: process undefined, fs refused/,
    line: 6,
  };
}

const CASES: HostileCase[] = [
  {
    name: "this.constructor.constructor('return process')()",
    code: `function pipe(user, context, callback) {
  const proc = this.constructor.constructor('return process')();
  proc.mainModule.require('fs').writeFileSync(env.SENTINEL_FILE, 'pwned');
  callback(null, user, context);
}`,
    outcome: 'error',
    // `this` is the guest global in a sloppy function, undefined if the executor calls it strictly.
    message: /process is not defined|Cannot read properties of undefined \(reading 'constructor'\)/,
    line: 2,
  },
  constructorAttack('callback.constructor', 'callback.constructor'),
  constructorAttack('user.addCustomData.constructor', 'user.addCustomData.constructor'),
  constructorAttack('log.constructor', 'log.constructor'),
  constructorAttack('axios.constructor', "(typeof axios === 'function' ? axios : axios.get).constructor"),
  constructorAttack('require.constructor', 'require.constructor'),
  constructorAttack('console.log.constructor', 'console.log.constructor'),
  constructorAttack('user.constructor.constructor', 'user.constructor.constructor'),
  constructorAttack('context.request.constructor.constructor', 'context.request.constructor.constructor'),
  constructorAttack("require('lodash').constructor", "require('lodash').constructor"),
  {
    name: 'Error.prepareStackTrace hook walking the frames for host objects',
    code: `function pipe(user, context, callback) {
  const leaks = [];
  Error.prepareStackTrace = function HOSTILE(error, frames) {
    for (const frame of frames) {
      for (const candidate of [frame.getFunction(), frame.getThis()]) {
        try {
          const P = candidate.constructor.constructor('return typeof process === "undefined" ? null : process')();
          if (P) leaks.push(P);
        } catch (ignored) {}
      }
    }
    return 'hooked';
  };
  void new Error('probe').stack;
  if (leaks.length) leaks[0].mainModule.require('fs').writeFileSync(env.SENTINEL_FILE, 'pwned');
  throw new Error('stack hook found ' + leaks.length + ' host objects');
}`,
    outcome: 'error',
    message: /stack hook found 0 host objects/,
    line: 16,
  },
  {
    name: 'throwing Error.prepareStackTrace and Error.captureStackTrace do not hide the real error',
    code: `function pipe(user, context, callback) {
  Error.prepareStackTrace = function HOSTILE() { throw new Error('HOSTILE prepare hook'); };
  Error.captureStackTrace = function HOSTILE() { throw new Error('HOSTILE capture hook'); };
  throw new Error('the original failure');
}`,
    outcome: 'error',
    message: /the original failure/,
    line: 4,
  },
  {
    name: 'Error.prepareStackTrace that never returns',
    code: `function pipe(user, context, callback) {
  Error.prepareStackTrace = function HOSTILE() { for (;;) {} };
  throw new Error('thrown with a looping stack hook');
}`,
    // Reading .stack is optional for an executor: if it does, the hook loops into the timeout.
    outcome: ['error', 'timeout'],
    message: /thrown with a looping stack hook|timed out|time limit|timeout/i,
  },
  {
    name: 'walking pipe.caller up the guest call chain',
    code: `function pipe(user, context, callback) {
  const chain = [];
  for (let f = pipe.caller; f && chain.length < 20; f = f.caller) chain.push(f);
  const hosts = chain.filter((f) => f.constructor('return typeof process')() !== 'undefined');
  throw new Error('callers seen ' + chain.length + ', host realms ' + hosts.length);
}`,
    outcome: 'error',
    message: /host realms 0/,
    line: 5,
  },
  {
    name: 'no isolated-vm handle is reachable from guest code',
    // Walks own data properties and prototypes only (never getters or proxy \`get\` traps, which
    // answer any name) looking for isolated-vm's classes or their methods.
    code: `function pipe(user, context, callback) {
  const found = [];
  const seen = new Set();
  const classes = ['Reference', 'ExternalCopy', 'Callback', 'Isolate', 'Context', 'Script'];
  const methods = ['applySync', 'applySyncPromise', 'derefInto', 'copySync', 'getSync', 'setSync'];
  const visit = (value, path, depth) => {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
    if (seen.has(value) || depth > 6) return;
    seen.add(value);
    let keys = [];
    try { keys = Reflect.ownKeys(value); } catch (ignored) {}
    for (const key of keys) {
      if (methods.includes(key)) found.push(path + '.' + key);
      let d;
      try { d = Object.getOwnPropertyDescriptor(value, key); } catch (ignored) {}
      if (key === 'constructor' && d && typeof d.value === 'function' && classes.includes(d.value.name)) {
        found.push(path + ' is a ' + d.value.name);
      }
      if (d && 'value' in d) visit(d.value, path + '.' + String(key), depth + 1);
    }
    try { visit(Object.getPrototypeOf(value), path + '.__proto__', depth + 1); } catch (ignored) {}
  };
  visit(globalThis, 'globalThis', 0);
  visit({ user, context, callback, args: [...arguments] }, 'arguments', 0);
  throw new Error('ivm handles reachable: ' + (found.slice(0, 10).join(', ') || 'none'));
}`,
    outcome: 'error',
    message: /ivm handles reachable: none/,
    line: 25,
  },
];

describeInEachContext('hostile code: escape attempts', CASES);
