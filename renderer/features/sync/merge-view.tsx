import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SyncConflict } from '../../../shared/ipc/sync-types.ts';
import { loadMonaco } from '../../monaco/load-monaco.ts';
import type { Monaco } from '../../monaco/monaco-setup.ts';
import { DARK_THEME, LIGHT_THEME } from '../../monaco/themes.ts';
import { useApi, useApp, useAppStore } from '../../store/app-store-context.tsx';

type DiffEditor = ReturnType<Monaco['editor']['createDiffEditor']>;
type Editor = ReturnType<Monaco['editor']['create']>;

/** Conflict blocks left in a text: saving it would send the markers to the server. */
export function hasConflictMarkers(text: string): boolean {
  return /^(<{7}|>{7})( |$)/m.test(text);
}

/** What "deleted" reads as in a text editor, so a side that removed the item still shows something. */
const DELETED = '';

/**
 * The merge view of one conflict: mine and theirs side by side in Monaco's diff editor, and an
 * editable result below (starting with the merge and its conflict blocks). Accept mine or theirs
 * settles it at once; Save merged sends the edited result.
 */
export function MergeView() {
  const s = useApp(
    useShallow((st) => ({
      conflicts: st.syncStatus?.conflicts ?? [],
      selection: st.mergeSelection,
      select: st.openMerge,
      resolve: st.resolveSyncConflict,
      busy: st.syncBusy,
      head: st.syncStatus?.headRevision ?? null,
    })),
  );
  const conflict = s.conflicts.find((c) => c.id === s.selection) ?? s.conflicts[0];
  if (!conflict) {
    return (
      <p className="editor-empty" data-testid="merge-view-empty">
        No conflicts are waiting. Pull again if the server changed.
      </p>
    );
  }
  const index = s.conflicts.indexOf(conflict);
  return (
    <div className="merge-view" data-testid="merge-view" data-conflict={conflict.id}>
      <header className="merge-header">
        <div>
          <h1>{conflict.title}</h1>
          <p className="merge-path">{conflict.relPath}</p>
        </div>
        {s.conflicts.length > 1 ? (
          <label className="merge-pick">
            Conflict {index + 1} of {s.conflicts.length}
            <select value={conflict.id} onChange={(e) => s.select(e.target.value)}>
              {s.conflicts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </header>
      <MergeEditors
        key={conflict.id}
        conflict={conflict}
        head={s.head}
        busy={s.busy !== null}
        resolve={s.resolve}
      />
    </div>
  );
}

function MergeEditors(props: {
  conflict: SyncConflict;
  head: number | null;
  busy: boolean;
  resolve: (id: string, text: string | null) => Promise<boolean>;
}) {
  const { conflict } = props;
  const api = useApi();
  const store = useAppStore();
  const theme = useApp((st) => st.theme);
  const diffHost = useRef<HTMLDivElement>(null);
  const resultHost = useRef<HTMLDivElement>(null);
  const resultRef = useRef<Editor | null>(null);
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const [result, setResult] = useState(conflict.merged);

  useEffect(() => {
    let live = true;
    const report = (message: string) => store.getState().notify('error', message);
    loadMonaco(api, report)
      .then((setup) => live && setMonaco(setup.monaco))
      .catch((error: unknown) => report(`The merge view could not load the editor: ${String(error)}`));
    return () => {
      live = false;
    };
  }, [api, store]);

  useEffect(() => {
    if (!monaco || !diffHost.current || !resultHost.current) return;
    const mine = monaco.editor.createModel(conflict.local ?? DELETED, conflict.language);
    const theirs = monaco.editor.createModel(conflict.remote ?? DELETED, conflict.language);
    const merged = monaco.editor.createModel(conflict.merged, conflict.language);
    const diff: DiffEditor = monaco.editor.createDiffEditor(diffHost.current, {
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
    });
    diff.setModel({ original: mine, modified: theirs });
    const editor = monaco.editor.create(resultHost.current, {
      model: merged,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      tabSize: 2,
    });
    resultRef.current = editor;
    const edits = merged.onDidChangeContent(() => setResult(merged.getValue()));
    return () => {
      edits.dispose();
      diff.dispose();
      editor.dispose();
      resultRef.current = null;
      for (const model of [mine, theirs, merged]) model.dispose();
    };
  }, [monaco, conflict]);

  useEffect(() => {
    monaco?.editor.setTheme(theme === 'dark' ? DARK_THEME : LIGHT_THEME);
  }, [monaco, theme]);

  const markers = hasConflictMarkers(result);
  const invalidJson = conflict.language === 'json' && !markers && !parses(result);
  return (
    <div className="merge-body" data-merge-state={monaco ? 'ready' : 'loading'}>
      <div className="merge-labels">
        <span>
          <strong>Mine</strong> — this workspace{conflict.local === null ? ' (deleted here)' : ''}
        </span>
        <span>
          <strong>Theirs</strong> — the server{props.head === null ? '' : `, revision ${props.head}`}
          {conflict.remote === null ? ' (deleted there)' : ''}
        </span>
      </div>
      <div className="merge-diff" ref={diffHost} data-testid="merge-diff" />
      <div className="merge-labels single">
        <span>
          <strong>Result</strong> — edit it, then save; conflict blocks (<code>{'<<<<<<<'}</code> …{' '}
          <code>{'>>>>>>>'}</code>) must go first
        </span>
      </div>
      <div className="merge-result" ref={resultHost} data-testid="merge-result" />
      {monaco ? null : <p className="code-editor-loading">Loading the editor…</p>}
      <footer className="merge-actions">
        {markers ? (
          <span className="merge-hint warn" data-testid="merge-markers-left">
            The result still has conflict blocks.
          </span>
        ) : invalidJson ? (
          <span className="merge-hint warn">The result is not valid JSON.</span>
        ) : (
          <span className="merge-hint">Nothing is sent to the server until you push.</span>
        )}
        <button
          type="button"
          className="button secondary"
          data-testid="merge-accept-mine"
          disabled={props.busy}
          onClick={() => void props.resolve(conflict.id, conflict.local)}
        >
          Accept mine
        </button>
        <button
          type="button"
          className="button secondary"
          data-testid="merge-accept-theirs"
          disabled={props.busy}
          onClick={() => void props.resolve(conflict.id, conflict.remote)}
        >
          Accept theirs
        </button>
        <button
          type="button"
          className="button"
          data-testid="merge-save"
          disabled={props.busy || markers || invalidJson}
          onClick={() => void props.resolve(conflict.id, resultRef.current?.getValue() ?? result)}
        >
          Save merged
        </button>
      </footer>
    </div>
  );
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    // Not JSON yet: the person is still editing; the hint says so.
    return false;
  }
}
