import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/app-store-context.tsx';
import { problemRows } from '../store/problem-rows.ts';
import { Icon } from './icon.tsx';

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
