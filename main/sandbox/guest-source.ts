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
    ...parts,
    'installClock(globalThis);',
    "ObjectDefineProperty(globalThis, 'URL', { value: URL, writable: true, configurable: true });",
    "ObjectDefineProperty(globalThis, 'URLSearchParams', { value: URLSearchParams, writable: true, configurable: true });",
    '})();',
  ].join('\n');
  return [
    { code: lodash, filename: 'pipeline-studio:lodash.js' },
    { code: runtime, filename: 'pipeline-studio:runtime.js' },
  ];
}
