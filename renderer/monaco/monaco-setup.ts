import * as monaco from 'monaco-editor';
import type { EditorTypes, JsonSchemaEntry } from '../../shared/ipc/results.ts';
import { TRIGGERS } from '../../shared/triggers.ts';
import { installMonacoEnvironment } from './monaco-environment.ts';
import { pipelineShadowLib } from './shadow-source.ts';
import { defineThemes } from './themes.ts';

/** The Monaco namespace, as handed to the editor views once loaded. */
export type Monaco = typeof monaco;

installMonacoEnvironment();
defineThemes(monaco);

const { javascriptDefaults } = monaco.typescript;
javascriptDefaults.setCompilerOptions({
  allowJs: true,
  checkJs: true,
  strict: false,
  noImplicitAny: false,
  strictNullChecks: true,
  target: monaco.typescript.ScriptTarget.ES2020,
  module: monaco.typescript.ModuleKind.CommonJS,
  lib: ['es2023'],
  allowNonTsExtensions: true,
});
javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
// Results of these features carry offsets our shadowing worker does not map (pipeline-ts.worker.ts).
javascriptDefaults.setModeConfiguration({
  completionItems: true,
  hovers: true,
  documentSymbols: false,
  definitions: false,
  references: false,
  documentHighlights: true,
  rename: false,
  diagnostics: true,
  documentRangeFormattingEdits: false,
  signatureHelp: true,
  onTypeFormattingEdits: false,
  codeActions: false,
  inlayHints: false,
});
javascriptDefaults.setEagerModelSync(true);

/** The names the pipeline `.d.ts` uses for the three parameters, found in its text. */
export function parameterTypeNames(dts: string): { user: string; context: string; callback: string } {
  const find = (candidates: string[], fallback: string) =>
    candidates.find((name) => new RegExp(`(?:interface|type|class)\\s+${name}\\b`).test(dts)) ?? fallback;
  return {
    user: find(['PipelineUser', 'User'], 'any'),
    context: find(['PipelineContext', 'Context'], 'any'),
    callback: find(['PipelineCallback', 'Callback'], 'any'),
  };
}

let typesDisposables: monaco.IDisposable[] = [];

/**
 * Gives pipeline code its IntelliSense: the globals `.d.ts`, `./utils` beside every trigger's
 * stage files (it resolves by path), and the two `pipe` shapes the shadowing worker uses.
 */
export function applyPipelineTypes(types: EditorTypes): void {
  for (const d of typesDisposables) d.dispose();
  const shadow = pipelineShadowLib(parameterTypeNames(types.globals.text));
  typesDisposables = [
    javascriptDefaults.addExtraLib(types.globals.text, `file:///types/${types.globals.fileName}`),
    javascriptDefaults.addExtraLib(shadow, 'file:///types/pipeline-studio-shadow.d.ts'),
    ...TRIGGERS.map((t) =>
      javascriptDefaults.addExtraLib(
        types.utils.text,
        `file:///workspace/pipelines/${t}/${types.utils.fileName}`,
      ),
    ),
  ];
}

/** Validates workspace JSON files against the contract's schemas, matched by path. */
export function applyJsonSchemas(schemas: JsonSchemaEntry[]): void {
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    // A file that breaks its schema will not load in the studio: that is an error, not a hint.
    schemaValidation: 'error',
    schemas: schemas.map((s) => ({ uri: s.uri, fileMatch: s.fileMatch, schema: s.schema })),
  });
}

export { monaco };
