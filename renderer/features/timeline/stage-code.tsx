import { useEffect, useRef, useState } from 'react';
import { loadMonaco } from '../../monaco/load-monaco.ts';
import type { Monaco } from '../../monaco/monaco-setup.ts';
import { DARK_THEME, LIGHT_THEME } from '../../monaco/themes.ts';
import { useApi, useApp, useAppStore } from '../../store/app-store-context.tsx';

type Editor = ReturnType<Monaco['editor']['create']>;

/**
 * The current step's code, read-only, with the line of its error or deny highlighted and
 * scrolled into view. Its own small editor and model, so the main editor's tabs are untouched.
 */
export function StageCode(props: { code: string; line: number | null; relPath: string }) {
  const api = useApi();
  const store = useAppStore();
  const theme = useApp((s) => s.theme);
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const [monaco, setMonaco] = useState<Monaco | null>(null);

  useEffect(() => {
    let cancelled = false;
    const report = (message: string) => store.getState().notify('error', message);
    loadMonaco(api, report)
      .then((setup) => !cancelled && setMonaco(setup.monaco))
      .catch((error: unknown) => report(`The code view could not load: ${String(error)}`));
    return () => {
      cancelled = true;
    };
  }, [api, store]);

  useEffect(() => {
    if (!monaco || !host.current) return;
    const model = monaco.editor.createModel('', 'javascript');
    const editor = monaco.editor.create(host.current, {
      model,
      readOnly: true,
      domReadOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 12,
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      renderValidationDecorations: 'off',
      glyphMargin: false,
      lineDecorationsWidth: 14,
      wordWrap: 'on',
      renderLineHighlight: 'none',
    });
    editorRef.current = editor;
    return () => {
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, [monaco]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!monaco || !editor || !model) return;
    if (model.getValue() !== props.code) model.setValue(props.code);
    const line = props.line !== null && props.line <= model.getLineCount() ? props.line : null;
    const decorations = editor.createDecorationsCollection(
      line === null
        ? []
        : [
            {
              range: new monaco.Range(line, 1, line, 1),
              options: {
                isWholeLine: true,
                className: 'code-error-line',
                firstLineDecorationClassName: 'code-error-glyph',
              },
            },
          ],
    );
    if (line !== null) editor.revealLineInCenter(line);
    else editor.setScrollTop(0);
    return () => decorations.clear();
  }, [monaco, props.code, props.line]);

  useEffect(() => {
    monaco?.editor.setTheme(theme === 'dark' ? DARK_THEME : LIGHT_THEME);
  }, [monaco, theme]);

  return (
    <div
      className="stage-code"
      data-testid="step-code"
      data-file={props.relPath}
      data-error-line={props.line ?? ''}
      data-editor-state={monaco ? 'ready' : 'loading'}
    >
      {monaco ? null : <div className="code-editor-loading">Loading the code…</div>}
      <div className="stage-code-host" ref={host} />
    </div>
  );
}
