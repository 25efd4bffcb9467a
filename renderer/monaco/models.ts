import type { FileProblem } from '../../shared/ipc/workspace-types.ts';
import type { EditorMarker } from '../store/problems-slice.ts';
import type { Monaco } from './monaco-setup.ts';

type Model = ReturnType<Monaco['editor']['createModel']>;

/** Workspace files live under this URI root in Monaco, so schemas and types match by path. */
const ROOT = 'file:///workspace/';

export function modelUri(monaco: Monaco, relPath: string) {
  return monaco.Uri.parse(ROOT + relPath.split('/').map(encodeURIComponent).join('/'));
}

export function relPathOf(uri: { toString(skipEncoding?: boolean): string }): string | undefined {
  const text = uri.toString(true);
  return text.startsWith(ROOT) ? text.slice(ROOT.length) : undefined;
}

export function languageOf(relPath: string): string {
  if (relPath.endsWith('.json')) return 'json';
  if (relPath.endsWith('.js') || relPath.endsWith('.cjs') || relPath.endsWith('.mjs')) return 'javascript';
  if (relPath.endsWith('.ts')) return 'typescript';
  if (relPath.endsWith('.md')) return 'markdown';
  return 'plaintext';
}

/** The model of a file, created with `content` the first time. */
export function modelFor(monaco: Monaco, relPath: string, content: string): Model {
  const uri = modelUri(monaco, relPath);
  return monaco.editor.getModel(uri) ?? monaco.editor.createModel(content, languageOf(relPath), uri);
}

/** Drops models of files no longer open, so stale text cannot come back. */
export function disposeModelsExcept(monaco: Monaco, keep: ReadonlySet<string>): void {
  for (const model of monaco.editor.getModels()) {
    const rel = relPathOf(model.uri);
    if (rel !== undefined && !keep.has(rel)) model.dispose();
  }
}

const OWNER = 'workspace';

/** Marks the workspace's problems (malformed JSON, schema violations) at their lines. */
export function applyProblemMarkers(monaco: Monaco, problems: readonly FileProblem[]): void {
  for (const model of monaco.editor.getModels()) {
    const rel = relPathOf(model.uri);
    const mine = problems.filter((p) => p.file === rel);
    monaco.editor.setModelMarkers(
      model,
      OWNER,
      mine.map((p) => {
        const line = Math.min(Math.max(p.line ?? 1, 1), model.getLineCount());
        const column = p.column ?? 1;
        return {
          severity: monaco.MarkerSeverity.Error,
          message: p.path ? `${p.message} (at ${p.path})` : p.message,
          startLineNumber: line,
          startColumn: column,
          endLineNumber: line,
          endColumn: Math.max(model.getLineMaxColumn(line), column + 1),
          source: 'workspace',
        };
      }),
    );
  }
}

/** The editor's own markers of a file (type errors, schema checks), for the problems panel. */
export function editorMarkersOf(monaco: Monaco, relPath: string): EditorMarker[] {
  const uri = modelUri(monaco, relPath);
  return monaco.editor
    .getModelMarkers({ resource: uri })
    .filter((m) => m.owner !== OWNER)
    .map((m) => ({
      file: relPath,
      message: m.message,
      severity:
        m.severity === monaco.MarkerSeverity.Error
          ? 'error'
          : m.severity === monaco.MarkerSeverity.Warning
            ? 'warning'
            : 'info',
      line: m.startLineNumber,
      column: m.startColumn,
    }));
}
