/**
 * The minimal in-process stand-in for the platform used by the baselines of the executor
 * benchmark: `user` with its methods, `callback`, `env`, `log` and `require('lodash' | './utils')`.
 * Baseline (a) calls the stage functions directly with it; (b) puts the same shim into a fresh
 * `node:vm` context per run, (b′) also with a lodash of its own per run. None is a security
 * boundary: they show what the sandbox costs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import type { Fixture } from '../../shared/schemas/fixture.ts';

type Callback = (error?: unknown, user?: unknown, context?: unknown) => void;
type Pipe = (user: unknown, context: unknown, callback: Callback) => unknown;
type Dict = Record<string, unknown>;

/** What a baseline run produced, in the same terms as the executor's RunResult. */
export interface ShimResult {
  outcome: 'continue' | 'deny' | 'error';
  error?: string;
  user: Dict | null;
  customData: Dict;
  idToken: Dict;
}

const requireHere = createRequire(import.meta.url);
const lodash: unknown = requireHere('lodash');

function ipToNumber(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return Number.NaN;
  return parts.reduce((acc, n) => acc * 256 + n, 0);
}

/** `./utils.ipRangeCheck(ip, [start, end])`: whether an IPv4 address lies in the inclusive range. */
export function ipRangeCheck(ip: string, range: [string, string]): boolean {
  const value = ipToNumber(String(ip));
  return value >= ipToNumber(range[0]) && value <= ipToNumber(range[1]);
}

function shimRequire(name: string): unknown {
  return requireWith(lodash, name);
}

function requireWith(lodashModule: unknown, name: string): unknown {
  if (name === 'lodash') return lodashModule;
  if (name === './utils') return { ipRangeCheck };
  throw new Error(`require('${name}') is not available in the benchmark shim`);
}

function shimLog(): void {}
const shimConsole = { log: shimLog, info: shimLog, warn: shimLog, error: shimLog, debug: shimLog };

/** Runs the stage functions one after another as SEMANTICS.md describes, with the shim's user methods. */
export async function runPipes(pipes: readonly Pipe[], fixture: Fixture): Promise<ShimResult> {
  let user = structuredClone(fixture.user ?? null) as Dict | null;
  let context = structuredClone(fixture.context) as Dict;
  const customData: Dict = {};
  const idToken: Dict = {};
  for (const pipe of pipes) {
    if (user) {
      const methods = {
        addCustomData(key: string, value: unknown): void {
          customData[key] = value;
        },
        addIdToken(key: string, value: unknown): void {
          idToken[key] = value;
        },
        removeIdToken(key: string): void {
          delete idToken[key];
        },
      };
      for (const [name, value] of Object.entries(methods)) {
        Object.defineProperty(user, name, { value, configurable: true });
      }
    }
    const settled = await new Promise<{ error?: unknown; user?: unknown; context?: unknown }>((resolve) => {
      let called = false;
      const callback: Callback = (error, nextUser, nextContext) => {
        if (called) return;
        called = true;
        resolve({ error, user: nextUser, context: nextContext });
      };
      try {
        const returned = pipe(user, context, callback) as { then?: unknown } | undefined;
        if (returned && typeof returned.then === 'function') {
          (returned as Promise<unknown>).then(undefined, (error: unknown) => callback(error));
        }
      } catch (error) {
        callback(error);
      }
    });
    if (settled.error) {
      // Not `instanceof Error`: an Error made inside a vm context belongs to another realm.
      const message = (settled.error as { message?: unknown }).message;
      const error = typeof message === 'string' ? message : String(settled.error);
      return { outcome: 'deny', error, user, customData, idToken };
    }
    user = (settled.user ?? null) as Dict | null;
    context = (settled.context ?? {}) as Dict;
  }
  return { outcome: 'continue', user, customData, idToken };
}

/** Baseline (a): compiles each stage once as a plain function with the shim's globals in scope. */
export function compileDirect(codes: readonly string[], env: Readonly<Record<string, string>>): Pipe[] {
  return codes.map((code) => {
    const factory = new Function('env', 'require', 'log', 'console', `${code}\nreturn pipe;`);
    return factory(env, shimRequire, shimLog, shimConsole) as Pipe;
  });
}

/**
 * lodash as a script evaluated inside a context: each evaluation makes a new lodash whose
 * module state (`_.mixin`, `_.templateSettings`, patched methods) belongs to that context only.
 */
const lodashInContext = new vm.Script(
  `(function () { var module = { exports: {} }; var exports = module.exports;\n${readFileSync(
    requireHere.resolve('lodash/lodash.min.js'),
    'utf8',
  )}\n;return module.exports; })()`,
  { filename: 'lodash.min.js' },
);

/**
 * Baseline (b): scripts compiled once; each run gets a fresh `vm` context holding the same shim
 * and evaluates every stage file in it before calling the functions. With `lodashPerRun`
 * (baseline b′) lodash is also evaluated in each run's context, the module isolation our
 * executor gives; without it every run shares this process's one lodash.
 */
export function createVmRunner(
  codes: readonly { name: string; code: string }[],
  env: Readonly<Record<string, string>>,
  options: { lodashPerRun?: boolean } = {},
): (fixture: Fixture) => Promise<ShimResult> {
  const scripts = codes.map(({ name, code }) => new vm.Script(`${code}\n;pipe;`, { filename: `${name}.js` }));
  return (fixture) => {
    const context = vm.createContext({
      env: { ...env },
      log: shimLog,
      console: shimConsole,
    });
    const runLodash = options.lodashPerRun ? lodashInContext.runInContext(context) : lodash;
    context.require = (name: string) => requireWith(runLodash, name);
    const pipes = scripts.map((script) => script.runInContext(context) as Pipe);
    return runPipes(pipes, fixture);
  };
}
