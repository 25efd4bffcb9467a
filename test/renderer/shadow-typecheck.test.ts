/**
 * The shadow types must accept correct code: every stage of the example workspace, checked as
 * the editor's TypeScript worker checks it (the shadow of the file, the pipeline globals and the
 * shadow's own declarations), has no error. A person's first look at the studio must not show
 * red squiggles on code that runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { pipelineShadowLib, shadowSource } from '../../renderer/monaco/shadow-source.ts';
import { editorTypes } from '../../shared/ipc/editor-types.ts';

const PIPELINES = resolve(import.meta.dirname, '..', '..', 'examples', 'default-workspace', 'pipelines');
const types = editorTypes();
const NAMES = { user: 'PipelineUser', context: 'PipelineContext', callback: 'PipelineCallback' };

/** Semantic diagnostics of one stage's shadow, with line numbers of the file a person sees. */
function diagnose(trigger: string, code: string): string[] {
  const stage = `/pipelines/${trigger}/stage.js`;
  const shadow = shadowSource(code);
  const files: Record<string, string> = {
    '/pipeline-globals.d.ts': types.globals.text,
    '/shadow.d.ts': pipelineShadowLib(NAMES),
    [`/pipelines/${trigger}/utils.d.ts`]: types.utils.text,
    [stage]: shadow.text,
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => Object.keys(files),
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = files[name] ?? ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => '/',
    // Monaco's settings (renderer/monaco/monaco-setup.ts).
    getCompilationSettings: () => ({
      allowJs: true,
      checkJs: true,
      noEmit: true,
      strict: false,
      noImplicitAny: false,
      strictNullChecks: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      lib: ['lib.es2023.d.ts'],
    }),
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (name) => name in files || ts.sys.fileExists(name),
    readFile: (name) => files[name] ?? ts.sys.readFile(name),
  };
  return ts
    .createLanguageService(host)
    .getSemanticDiagnostics(stage)
    .map((d) => {
      const line = code.slice(0, d.start === undefined ? 0 : d.start - shadow.length).split('\n').length;
      return `line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
}

const stages = readdirSync(PIPELINES).flatMap((trigger) =>
  readdirSync(join(PIPELINES, trigger))
    .filter((f) => f.endsWith('.js') && f !== 'utils.js')
    .map((file) => ({ trigger, file, code: readFileSync(join(PIPELINES, trigger, file), 'utf8') })),
);

describe('the shadow types on the example workspace', () => {
  it('finds stages of both shapes to check', () => {
    expect(stages.some((s) => /function pipe\(\s*context\s*,\s*callback\s*\)/.test(s.code))).toBe(true);
    expect(stages.some((s) => /function pipe\(\s*user\s*,\s*context\s*,\s*callback\s*\)/.test(s.code))).toBe(
      true,
    );
  });

  it.each(stages.map((s) => [`${s.trigger}/${s.file}`, s] as const))('%s has no type error', (_name, s) => {
    expect(diagnose(s.trigger, s.code)).toEqual([]);
  });

  it('marks a two-parameter function that continues with a user as well', () => {
    const code = 'async function pipe(context, callback) {\n  callback(null, {}, context);\n}\n';
    expect(diagnose('PRE_REGISTER', code)).toEqual(['line 2: Expected 1-2 arguments, but got 3.']);
  });
});
