import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/app-store-context.tsx';
import { panel, panels } from '../views/view-registry.ts';
import { IconButton } from './icon-button.tsx';
import { Splitter } from './splitter.tsx';

/** The panel under the editor, with one tab per registered panel (problems, logs, ...). */
export function BottomPanel() {
  const active = useApp((s) => s.bottomPanel);
  const open = useApp((s) => s.bottomPanelOpen);
  const show = useApp((s) => s.showBottomPanel);
  const toggle = useApp((s) => s.toggleBottomPanel);
  const badges = useApp(useShallow((s) => panels().map((p) => p.badge?.(s) ?? 0)));
  const height = useApp((s) => s.panelHeight);
  const resize = useApp((s) => s.resizePanel);
  if (!open) return null;
  const current = panel(active) ?? panels()[0];
  const Current = current?.component;
  return (
    <section className="bottom-panel" aria-label="Panel" data-testid="bottom-panel" style={{ height }}>
      <Splitter
        axis="y"
        size={height}
        direction={-1}
        label="Resize the panel"
        testId="panel-splitter"
        onResize={resize}
      />
      <div className="panel-tabs" role="tablist">
        {panels().map((p, i) => {
          const badge = badges[i] ?? 0;
          return (
            <button
              key={p.id}
              type="button"
              role="tab"
              aria-selected={p.id === current?.id}
              className={p.id === current?.id ? 'panel-tab active' : 'panel-tab'}
              data-testid={`panel-tab-${p.id}`}
              onClick={() => show(p.id)}
            >
              {p.title}
              {badge > 0 ? <span className="badge">{badge}</span> : null}
            </button>
          );
        })}
        <span className="spacer" />
        <IconButton icon="close" label="Hide the panel" testId="panel-close" onClick={toggle} />
      </div>
      <div className="panel-body">{Current ? <Current /> : null}</div>
    </section>
  );
}
