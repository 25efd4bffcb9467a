import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/app-store-context.tsx';
import { type EditorTab, isDirty } from '../store/editor-slice.ts';
import { editorView } from '../views/view-registry.ts';
import { Icon, type IconName } from './icon.tsx';

function tabIcon(tab: EditorTab): IconName {
  if (tab.kind === 'view') return editorView(tab.viewId)?.icon ?? 'templates';
  return tab.id.endsWith('.json') ? 'json' : 'code';
}

function tabTitle(tab: EditorTab): string {
  if (tab.kind === 'view') return tab.title;
  return tab.id.split('/').pop() ?? tab.id;
}

/** The row of open tabs; a dot marks unsaved edits, the close button takes its place on hover. */
export function EditorTabs() {
  const { tabs, activeTabId } = useApp(useShallow((s) => ({ tabs: s.tabs, activeTabId: s.activeTabId })));
  // View tabs (the env table) say themselves whether they hold unsaved edits.
  const viewDirty = useApp(
    useShallow((s) => s.tabs.map((t) => t.kind === 'view' && (editorView(t.viewId)?.dirty?.(s, t) ?? false))),
  );
  const activate = useApp((s) => s.activateTab);
  const close = useApp((s) => s.requestCloseTab);
  return (
    <div className="editor-tabs" role="tablist" data-testid="editor-tabs">
      {tabs.map((tab, i) => {
        const dirty = isDirty(tab) || viewDirty[i] === true;
        const active = tab.id === activeTabId;
        return (
          <div
            key={tab.id}
            role="tab"
            tabIndex={0}
            aria-selected={active}
            className={active ? 'editor-tab active' : 'editor-tab'}
            title={tab.kind === 'file' ? tab.id : tab.title}
            data-testid="editor-tab"
            data-tab-id={tab.id}
            data-dirty={dirty ? 'true' : 'false'}
            onClick={() => activate(tab.id)}
            onKeyDown={(e) => e.key === 'Enter' && activate(tab.id)}
            onAuxClick={(e) => e.button === 1 && close(tab.id)}
          >
            <Icon name={tabIcon(tab)} className="tab-icon" />
            <span className="tab-title">{tabTitle(tab)}</span>
            <button
              type="button"
              className={dirty ? 'tab-close dirty' : 'tab-close'}
              aria-label={dirty ? `Close ${tabTitle(tab)} (unsaved changes)` : `Close ${tabTitle(tab)}`}
              data-testid="tab-close"
              onClick={(e) => {
                e.stopPropagation();
                close(tab.id);
              }}
            >
              <Icon name="close" size={12} />
            </button>
          </div>
        );
      })}
    </div>
  );
}
