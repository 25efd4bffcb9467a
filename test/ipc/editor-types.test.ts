/**
 * The editor's declarations are checked twice: TypeScript must accept them and use them to
 * type a stage file (as Monaco will), and the real sandbox must define every global and module
 * they declare, so IntelliSense cannot promise what the runtime lacks.
 */
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor, type Executor } from '../../main/executor/index.ts';
import { typedBlankStageCode } from '../../main/ipc/pipeline-handlers.ts';
import { buildRunRequest } from '../../shared/build-run-request.ts';
import { editorTypes } from '../../shared/ipc/editor-types.ts';
import { PIPELINE_GLOBALS, PIPELINE_MODULES, USER_METHODS } from '../../shared/ipc/pipeline-globals.ts';
import { fixtureSchema } from '../../shared/schemas/fixture.ts';
import { stageSchema } from '../../shared/schemas/pipeline.ts';

const types = editorTypes();
const GLOBALS = '/pipeline-globals.d.ts';
const UTILS = '/pipelines/PRE_AUTHENTICATION/utils.d.ts';
const STAGE = '/pipelines/PRE_AUTHENTICATION/stage.js';

/** Semantic diagnostics of a stage file, as Monaco's JavaScript worker would report them. */
function diagnose(code: string): string[] {
  const files: Record<string, string> = {
    [GLOBALS]: types.globals.text,
    [UTILS]: types.utils.text,
    [STAGE]: code,
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => Object.keys(files),
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = files[name] ?? ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => '/',
    getCompilationSettings: () => ({
      allowJs: true,
      checkJs: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    }),
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (name) => name in files || ts.sys.fileExists(name),
    readFile: (name) => files[name] ?? ts.sys.readFile(name),
  };
  const service = ts.createLanguageService(host);
  return [GLOBALS, UTILS, STAGE].flatMap((file) =>
    service
      .getSemanticDiagnostics(file)
      .map((d) => `${file}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
  );
}

describe('the editor declarations in TypeScript', () => {
  it('type a new stage without errors', () => {
    expect(diagnose(typedBlankStageCode('PRE_AUTHENTICATION'))).toEqual([]);
  });

  it('accept code that uses every global and module', () => {
    const code = `${types.pipeJsDoc}
async function pipe(user, context, callback) {
  const _ = require('lodash');
  const qs = require('querystring');
  const url = require('url');
  const crypto = require('crypto');
  const { ipRangeCheck } = require('./utils');
  const res = await axios.get('https://api.example.com/' + env.REGION);
  log('status', res.status, qs.stringify({ a: 1 }), url.parse('https://x').hostname);
  const orgs = await authing.users.listOrgs(user.id);
  user.addCustomData('hash', crypto.createHash('sha256').update(user.email || '').digest('hex'));
  if (!ipRangeCheck(context.request.ip, ['10.0.0.0', '10.255.255.255'])) return callback(new Error('blocked'));
  console.log(_.get(orgs, '0.name'), context.protocol === 'password');
  callback(null, user, context);
}
`;
    expect(diagnose(code)).toEqual([]);
  });

  it('mark typos in user fields, utils and module calls', () => {
    const code = `${types.pipeJsDoc}
async function pipe(user, context, callback) {
  const { ipRangeChek } = require('./utils');
  require('querystring').parse(42);
  context.protocol === 'carrier-pigeon';
  user.addIdToken();
  callback(null, user, context);
}
`;
    const problems = diagnose(code).join('\n');
    expect(problems).toContain("'ipRangeChek'");
    expect(problems).toContain("'number' is not assignable to parameter of type 'string'");
    expect(problems).toContain('carrier-pigeon');
    expect(problems).toContain('Expected 2 arguments');
  });
});

describe('the editor declarations against the sandbox', () => {
  let executor: Executor;
  beforeAll(() => {
    executor = createExecutor({ poolSize: 1 });
  });
  afterAll(async () => {
    await executor?.close();
  });

  it('match the globals, modules and user methods the sandbox really provides', async () => {
    const code = `function pipe(user, context, callback) {
  const report = {};
  for (const name of ${JSON.stringify(PIPELINE_GLOBALS)}) report['global:' + name] = typeof globalThis[name] !== 'undefined' || typeof eval(name) !== 'undefined';
  for (const name of ${JSON.stringify(PIPELINE_MODULES)}) {
    try { report['module:' + name] = require(name) != null; } catch (e) { report['module:' + name] = String(e.message); }
  }
  for (const name of ${JSON.stringify(USER_METHODS.map((m) => m.name))}) report['user:' + name] = typeof user[name] === 'function';
  try { require('fs'); report.fs = 'loaded'; } catch (e) { report.fs = 'refused'; }
  user.report = report;
  callback(null, user, context);
}`;
    const stage = { ...stageSchema.parse({ name: 'probe', file: 'probe.js' }), relPath: 'probe.js', code };
    const request = buildRunRequest({
      trigger: 'POST_AUTHENTICATION',
      stages: [stage],
      fixture: fixtureSchema.parse({ name: 'probe', trigger: 'POST_AUTHENTICATION', user: { id: 'u1' } }),
      env: {},
      secrets: {},
    });
    const result = await executor.run(request);
    expect(result.error).toBeUndefined();
    const report = (result.user as { report?: Record<string, unknown> } | null)?.report ?? {};
    const expected: Record<string, unknown> = { fs: 'refused' };
    for (const name of PIPELINE_GLOBALS) expected[`global:${name}`] = true;
    for (const name of PIPELINE_MODULES) expected[`module:${name}`] = true;
    for (const method of USER_METHODS) expected[`user:${method.name}`] = true;
    expect(report).toEqual(expected);
  });
});
