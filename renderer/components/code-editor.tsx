import { useEffect, useRef, useState } from 'react';
import { loadMonaco } from '../monaco/load-monaco.ts';
import {
  applyProblemMarkers,
  disposeModelsExcept,
  editorMarkersOf,
  modelFor,
  relPathOf,
} from '../monaco/models.ts';
import type { Monaco } from '../monaco/monaco-setup.ts';
import { DARK_THEME, LIGHT_THEME } from '../monaco/themes.ts';
import { errorMessage } from '../store/app-state.ts';
import { useApi, useApp, useAppStore } from '../store/app-store-context.tsx';
import type { FileTab } from '../store/editor-slice.ts';

type Editor = ReturnType<Monaco['editor']['create']>;

/**
 * The Monaco editor for file tabs. One editor instance; each open file has its own model, so
 * undo history and scroll survive tab switches. Monaco itself is loaded on first mount.
 */
export function CodeEditor(props: { tab: FileTab }) {
  const api = useApi();
  const store = useAppStore();
  const host = useRef<HTMLDivElement>(null);
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const editorRef = useRef<Editor | null>(null);
  const theme = useApp((s) => s.theme);
  const problems = useApp((s) => s.snapshot?.problems);
  const reveal = useApp((s) => s.reveal);
  const { tab } = props;

  useEffect(() => {
    let cancelled = false;
    const report = (message: string) => store.getState().notify('error', message);
    loadMonaco(api, report)
      .then((setup) => {
        if (!cancelled) setMonaco(setup.monaco);
      })
      .catch((error: unknown) => {
        if (!cancelled) setLoadError(errorMessage(error));
      });
    return () => {
      cancelled = true;
    };
  }, [api, store]);

  // Create the editor once Monaco is here; Ctrl/Cmd+S saves; markers feed the problems panel.
  useEffect(() => {
    if (!monaco || !host.current) return;
    const editor = monaco.editor.create(host.current, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'all',
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void store.getState().saveActive());
    const markers = monaco.editor.onDidChangeMarkers((uris) => {
      for (const uri of uris) {
        const rel = relPathOf(uri);
        if (rel !== undefined) store.getState().setEditorMarkers(rel, editorMarkersOf(monaco, rel));
      }
    });
    const edits = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      const rel = model ? relPathOf(model.uri) : undefined;
      if (model && rel !== undefined) store.getState().editContent(rel, model.getValue());
    });
    return () => {
      markers.dispose();
      edits.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, [monaco, store]);

  // Show the tab's model; push content replaced from disk (a new revision) into it. Typing
  // changes `tab.content` too, but that text came from the model, so it must not re-run this.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on revision, not on content (see above).
  useEffect(() => {
    const editor = editorRef.current;
    if (!monaco || !editor) return;
    const model = modelFor(monaco, tab.id, tab.content);
    if (model.getValue() !== tab.content)
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: tab.content }], () => null);
    if (editor.getModel() !== model) editor.setModel(model);
    const open = new Set(
      store
        .getState()
        .tabs.filter((t) => t.kind === 'file')
        .map((t) => t.id),
    );
    disposeModelsExcept(monaco, open);
    applyProblemMarkers(monaco, store.getState().snapshot?.problems ?? []);
  }, [monaco, tab.id, tab.revision, store]);

  useEffect(() => {
    if (monaco) applyProblemMarkers(monaco, problems ?? []);
  }, [monaco, problems]);

  useEffect(() => {
    monaco?.editor.setTheme(theme === 'dark' ? DARK_THEME : LIGHT_THEME);
  }, [monaco, theme]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!monaco || !editor || !reveal || reveal.tabId !== tab.id) return;
    const column = reveal.at.column ?? 1;
    editor.revealLineInCenter(reveal.at.line);
    editor.setPosition({ lineNumber: reveal.at.line, column });
    editor.focus();
  }, [monaco, reveal, tab.id]);

  return (
    <div
      className="code-editor"
      data-testid="code-editor"
      data-file={tab.id}
      data-editor-state={monaco ? 'ready' : 'loading'}
    >
      {monaco || loadError ? null : <div className="code-editor-loading">Loading the editor…</div>}
      {loadError && !monaco ? (
        <div className="code-editor-loading" role="alert" data-testid="code-editor-load-error">
          <p>
            The code editor could not load ({loadError}). If the studio was rebuilt or restarted since this
            page opened, reload the page.
          </p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Reload the page
          </button>
        </div>
      ) : null}
      <div className="code-editor-host" ref={host} />
    </div>
  );
}
