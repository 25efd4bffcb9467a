import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Guest runtime files, concatenated in this order into one strict-mode function scope. */
const GUEST_FILES = [
  'primordials.js',
  'serialize.js',
  'format.js',
  'clock.js',
  'modules-text.js',
  'modules-crypto.js',
  'http.js',
  'authing.js',
  'stage-api.js',
  'stages.js',
  'harden.js',
  'runner.js',
];

/** Names of the parameters each stage's code is wrapped in: they shadow the globals per stage. */
export const STAGE_PARAMETERS = [
  'require',
  'env',
  'axios',
  'log',
  'console',
  'authing',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'queueMicrotask',
  'module',
  'exports',
] as const;

/** The stage parameters that are also the runtime's globals (all but the CommonJS pair). */
const STAGE_GLOBALS = STAGE_PARAMETERS.filter((name) => name !== 'module' && name !== 'exports');

/** The file name V8 reports for user code; the guest maps its lines back to each stage's path. */
export const PIPELINE_FILE = 'pipeline-studio:pipeline.js';

/**
 * The scripts baked into the isolate snapshot: lodash first (sloppy mode, as published), then
 * the runtime, which captures intrinsics and installs the replay clock before any user code.
 */
export function snapshotScripts(): { code: string; filename: string }[] {
  const require = createRequire(import.meta.url);
  const lodashSource = readFileSync(require.resolve('lodash/lodash.min.js'), 'utf8');
  const lodash = `globalThis.__lodash = (function () { var module = { exports: {} }; var exports = module.exports;\n${lodashSource}\n;return module.exports; })();`;
  const parts = GUEST_FILES.map((file) => readFileSync(new URL(`./guest/${file}`, import.meta.url), 'utf8'));
  const runtime = [
    '(function () {',
    "'use strict';",
    'const lodash = globalThis.__lodash;',
    'delete globalThis.__lodash;',
    // The one list of stage globals, from STAGE_PARAMETERS, so the guest cannot drift from the wrapper.
    `const STAGE_GLOBALS = ${JSON.stringify(STAGE_GLOBALS)};`,
    ...parts,
    'installClock(globalThis);',
    'installStageGlobals(globalThis);',
    "ObjectDefineProperty(globalThis, 'URL', { value: URL, writable: true, configurable: true });",
    "ObjectDefineProperty(globalThis, 'URLSearchParams', { value: URLSearchParams, writable: true, configurable: true });",
    '})();',
  ].join('\n');
  return [
    { code: lodash, filename: 'pipeline-studio:lodash.js' },
    { code: runtime, filename: 'pipeline-studio:runtime.js' },
  ];
}

/**
 * Run once while the snapshot is built, so the runtime's and lodash's functions (and their
 * regular expressions) are compiled into it: without this, every fresh isolate pays about
 * 50 ms of lazy compilation on its first run. Nothing this script leaves behind is kept.
 */
export function snapshotWarmup(): string {
  const body = [
    "const _ = require('lodash');",
    "log('warm', { a: [1, 'b'] }, 2);",
    "console.warn(new Error('warm'));",
    "user.nickname = _.startCase(_.toLower(_.head(_.split('HELLO.world@example.com', '@'))));",
    "user.g = _.uniq(_.map(_.get(context, 'appMetadata.groups', ['A', 'b']), _.toLower));",
    "user.m = _.merge(_.cloneDeep(_.pick(user, ['id'])), _.omit({ x: 1, y: 2 }, 'y'), { k: _.camelCase('a b'), l: _.kebabCase('A B'), e: _.isEmpty({}) });",
    "const utils = require('./utils');",
    "utils.ipRangeCheck('10.1.1.1', ['10.0.0.0', '10.255.255.255']);",
    "utils.ipRangeCheck('2001:db8::1', '2001:db8::/32');",
    "require('querystring').parse(require('querystring').stringify({ a: 'b c' }));",
    "new URL('https://example.com/a?b=1').searchParams.get('b');",
    "require('url').parse('https://example.com/a?b=1', true);",
    "require('crypto').randomUUID();",
    "user.addCustomData('k', { v: 1 });",
    "user.addIdToken('role', 'x');",
    'const d = new Date();',
    'user.d = [d.toString(), d.getHours(), d.toISOString(), Date.now(), Math.random()];',
    'setTimeout(() => {}, 1);',
    "axios.get('https://warm.example/a', { params: { q: 1 } }).then(() => authing.users.find('u'));",
    'callback(null, user, context);',
  ].join('\n');
  const request = {
    trigger: 'PRE_OIDC_ID_TOKEN_ISSUED',
    mayAbort: true,
    stages: [
      {
        name: 'warm',
        path: 'warm.js',
        enabled: true,
        async: false,
        timeoutMs: 3000,
        terminate: false,
        firstLine: 0,
        lineCount: 0,
      },
    ],
    user: { id: 'u', email: 'a@example.com' },
    context: { request: { ip: '10.1.1.1', geo: { country: 'PT' } }, appMetadata: { groups: ['A'] } },
    env: { A: 'b' },
    now: 0,
    timeZone: 'Europe/Paris',
    seed: 1,
    http: [
      {
        request: { method: 'GET', url: 'https://warm.example/a?q=1' },
        response: { status: 200, headers: {}, body: {} },
      },
    ],
    authing: [{ method: 'users.find', args: ['u'], result: {} }],
    live: false,
  };
  return [
    `__ps.define([function (${STAGE_PARAMETERS.join(', ')}) {\nfunction pipe(user, context, callback) {\n${body}\n}\nreturn pipe;\n}]);`,
    `__ps.start('warm', ${JSON.stringify(JSON.stringify(request))}, function () { return '{"ok":"00"}'; }, function () {});`,
    'for (let i = 0; i < 10; i++) if (__ps.step(\'warm\', null).indexOf(\'"k":"D"\') >= 0) break;',
  ].join('\n');
}
