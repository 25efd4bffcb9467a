import type { FileProblem } from '../../shared/ipc/workspace-types.ts';
import type { AppState } from './app-state.ts';
import type { EditorMarker } from './problems-slice.ts';

export interface ProblemRow {
  key: string;
  source: 'workspace' | 'editor';
  severity: EditorMarker['severity'];
  file: string;
  message: string;
  line?: number;
  column?: number;
}

/** Workspace problems first (files the studio could not read), then what the editor marks. */
export function problemRows(state: Pick<AppState, 'snapshot' | 'editorMarkers'>): ProblemRow[] {
  const workspace = (state.snapshot?.problems ?? []).map(
    (p: FileProblem, i): ProblemRow => ({
      key: `w${i}`,
      source: 'workspace',
      severity: 'error',
      file: p.file,
      message: p.path ? `${p.message} (at ${p.path})` : p.message,
      line: p.line,
      column: p.column,
    }),
  );
  const editor = Object.values(state.editorMarkers)
    .flat()
    .filter((m) => m.severity !== 'info')
    .map((m, i): ProblemRow => ({ key: `e${i}`, source: 'editor', ...m }));
  return [...workspace, ...editor];
}

export function problemCount(state: AppState): number {
  return problemRows(state).length;
}
