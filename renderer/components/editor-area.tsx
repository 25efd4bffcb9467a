import { useApp } from '../store/app-store-context.tsx';
import { editorView } from '../views/view-registry.ts';
import { CodeEditor } from './code-editor.tsx';
import { ConflictBar } from './conflict-bar.tsx';
import { EditorTabs } from './editor-tabs.tsx';

/** Tabs above the active tab's content: a file in Monaco, or a registered editor view. */
export function EditorArea() {
  const tab = useApp((s) => s.tabs.find((t) => t.id === s.activeTabId));
  const hasTabs = useApp((s) => s.tabs.length > 0);
  const ViewComponent = tab?.kind === 'view' ? editorView(tab.viewId)?.component : undefined;
  return (
    <section className="editor-area" aria-label="Editor" data-testid="editor-area">
      {hasTabs ? <EditorTabs /> : null}
      {tab?.kind === 'file' ? <ConflictBar tab={tab} /> : null}
      <div className="editor-content">
        {tab?.kind === 'file' ? <CodeEditor tab={tab} /> : null}
        {tab?.kind === 'view' && ViewComponent ? <ViewComponent tab={tab} /> : null}
        {tab?.kind === 'view' && !ViewComponent ? (
          <p className="editor-empty">This view is not available.</p>
        ) : null}
        {tab ? null : <EditorPlaceholder />}
      </div>
    </section>
  );
}

function EditorPlaceholder() {
  const openDialog = useApp((s) => s.openDialog);
  const showSideView = useApp((s) => s.showSideView);
  // The modifier as this computer's keyboard labels it.
  const mod = useApp((s) => (s.appInfo?.platform === 'darwin' ? '⌘' : 'Ctrl'));
  return (
    <div className="editor-empty" data-testid="editor-empty">
      <p className="editor-empty-title">Pipeline Studio</p>
      <p>Open a stage or fixture from the explorer, or start a new stage.</p>
      <div className="editor-empty-actions">
        <button type="button" className="button" onClick={() => openDialog({ kind: 'add-stage' })}>
          Add a stage…
        </button>
        <button type="button" className="button secondary" onClick={() => showSideView('templates')}>
          Browse templates
        </button>
      </div>
      <dl className="shortcuts">
        <dt>Save</dt>
        <dd>
          <kbd>{mod}</kbd> + <kbd>S</kbd>
        </dd>
        <dt>Side bar</dt>
        <dd>
          <kbd>{mod}</kbd> + <kbd>B</kbd>
        </dd>
        <dt>Panel</dt>
        <dd>
          <kbd>{mod}</kbd> + <kbd>J</kbd>
        </dd>
        <dt>Run the selected fixture</dt>
        <dd>
          <kbd>F5</kbd>
        </dd>
      </dl>
    </div>
  );
}
