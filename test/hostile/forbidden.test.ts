/**
 * Hostile code, part 4: reaching Node the direct way — `require` of anything off the fixed list
 * (SEMANTICS.md: lodash, querystring, ./utils, url, crypto) and Node's globals. Each attempt
 * would write the sentinel file if it worked; instead it must fail naming what was refused.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type HostileCase, type HostileSuite, openSuite, runHostileCase } from './hostile-harness.ts';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `require(name)` must fail on line 2 with a message naming the module and saying it is refused. */
function forbiddenRequire(name: string, use: string): HostileCase {
  return {
    name: `require('${name}') is refused`,
    code: `function pipe(user, context, callback) {
  const mod = require(${JSON.stringify(name)});
  ${use}
  callback(null, user, context);
}`,
    outcome: 'error',
    message: new RegExp(
      `${escapeRegExp(name)}[\\s\\S]*(not|cannot|unknown|only)|(not|cannot|unknown|only)[\\s\\S]*${escapeRegExp(name)}`,
      'i',
    ),
    line: 2,
  };
}

const writeSentinel = "mod.writeFileSync(env.SENTINEL_FILE, 'pwned');";

const CASES: HostileCase[] = [
  forbiddenRequire('fs', writeSentinel),
  forbiddenRequire('node:fs', writeSentinel),
  forbiddenRequire('fs/promises', "mod.writeFile(env.SENTINEL_FILE, 'pwned');"),
  forbiddenRequire('child_process', "mod.execSync('echo pwned > ' + env.SENTINEL_FILE);"),
  forbiddenRequire('net', 'mod.createServer().listen(0);'),
  forbiddenRequire('process', "mod.mainModule.require('fs').writeFileSync(env.SENTINEL_FILE, 'pwned');"),
  forbiddenRequire('module', "mod.createRequire('/')('fs').writeFileSync(env.SENTINEL_FILE, 'pwned');"),
  forbiddenRequire('../../etc/passwd', 'user.nickname = String(mod);'),
  forbiddenRequire('./utils/../../../package.json', 'user.nickname = String(mod.name);'),
  forbiddenRequire('vm', "mod.runInThisContext('process').exit(1);"),
  forbiddenRequire('worker_threads', "new mod.Worker('process.exit(1)', { eval: true });"),
  {
    name: 'process is not a global',
    code: `function pipe(user, context, callback) {
  process.mainModule.require('fs').writeFileSync(env.SENTINEL_FILE, 'pwned');
  callback(null, user, context);
}`,
    outcome: 'error',
    message: /process is not defined/,
    line: 2,
  },
  {
    name: 'global.process is not reachable',
    code: `function pipe(user, context, callback) {
  global.process.mainModule.require('fs').writeFileSync(env.SENTINEL_FILE, 'pwned');
  callback(null, user, context);
}`,
    outcome: 'error',
    // Either `global` is absent, or it is the guest's own global with no `process` on it.
    message: /global is not defined|Cannot read properties of undefined \(reading 'mainModule'\)/,
    line: 2,
  },
  {
    name: 'Buffer is not a global',
    code: `function pipe(user, context, callback) {
  user.nickname = Buffer.from('pwned').toString('base64');
  callback(null, user, context);
}`,
    outcome: 'error',
    message: /Buffer is not defined/,
    line: 2,
  },
  {
    name: "eval('process') finds no process",
    code: `function pipe(user, context, callback) {
  const proc = eval('process');
  proc.exit(1);
}`,
    outcome: 'error',
    message: /process is not defined/,
  },
  {
    name: "new Function('return require') finds no require of Node",
    code: `function pipe(user, context, callback) {
  const req = new Function('return typeof module === "undefined" ? undefined : module.require')();
  if (req) req('fs').writeFileSync(env.SENTINEL_FILE, 'pwned');
  throw new Error('module.require is ' + typeof req);
}`,
    outcome: 'error',
    message: /module\.require is undefined/,
    line: 4,
  },
  {
    name: "dynamic import('fs') is refused",
    code: `async function pipe(user, context, callback) {
  const fs = await import('fs');
  fs.writeFileSync(env.SENTINEL_FILE, 'pwned');
  callback(null, user, context);
}`,
    outcome: 'error',
    message: /import|not supported|fs/i,
  },
];

describe('hostile code: forbidden modules and Node globals', () => {
  let suite: HostileSuite;
  beforeAll(async () => {
    suite = await openSuite();
  });
  afterAll(async () => {
    await suite?.close();
  });

  for (const c of CASES) {
    it(c.name, async () => {
      await runHostileCase(suite, c);
    });
  }
});
