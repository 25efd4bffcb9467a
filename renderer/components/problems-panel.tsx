import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FileProblem } from '../../shared/ipc/workspace-types.ts';
import type { AppState } from '../store/app-state.ts';
import { useApp } from '../store/app-store-context.tsx';
import type { EditorMarker } from '../store/problems-slice.ts';
import { Icon } from './icon.tsx';

interface Row {
  key: string;
  source: 'workspace' | 'editor';
  severity: EditorMarker['severity'];
  file: string;
  message: string;
  line?: number;
  column?: number;
}

/** Workspace problems first (files the studio could not read), then what the editor marks. */
export function problemRows(state: Pick<AppState, 'snapshot' | 'editorMarkers'>): Row[] {
  const workspace = (state.snapshot?.problems ?? []).map(
    (p: FileProblem, i): Row => ({
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
    .map((m, i): Row => ({ key: `e${i}`, source: 'editor', ...m }));
  return [...workspace, ...editor];
}

export function problemCount(state: AppState): number {
  return problemRows(state).length;
}

/** Lists problems; clicking one opens its file at the problem's line. */
export function ProblemsPanel() {
  const sources = useApp(useShallow((s) => ({ snapshot: s.snapshot, editorMarkers: s.editorMarkers })));
  const rows = useMemo(() => problemRows(sources), [sources]);
  const openFile = useApp((s) => s.openFile);
  if (rows.length === 0) {
    return (
      <p className="panel-empty" data-testid="problems-empty">
        No problems found in the workspace.
      </p>
    );
  }
  return (
    <ul className="problem-list" data-testid="problems-list">
      {rows.map((row) => (
        <li key={row.key}>
          <button
            type="button"
            className="problem-row"
            data-testid="problem-row"
            data-file={row.file}
            data-source={row.source}
            title={row.message}
            onClick={() => void openFile(row.file, { line: row.line ?? 1, column: row.column })}
          >
            <Icon
              name={row.severity === 'error' ? 'error' : 'warning'}
              className={`severity ${row.severity}`}
            />
            <span className="problem-message">{row.message}</span>
            <span className="problem-where">
              {row.file}
              {row.line ? `:${row.line}` : ''}
              {row.column ? `:${row.column}` : ''}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
