import { useApp } from '../store/app-store-context.tsx';
import { sideView } from '../views/view-registry.ts';
import { Splitter } from './splitter.tsx';

/** Shows the side view chosen in the activity bar. */
export function SideBar() {
  const id = useApp((s) => s.sideView);
  const width = useApp((s) => s.sideBarWidth);
  const resize = useApp((s) => s.resizeSideBar);
  const view = id ? sideView(id) : undefined;
  if (!view) return null;
  const View = view.component;
  return (
    <>
      <aside
        className="side-bar"
        aria-label={view.title}
        data-testid={`side-view-${view.id}`}
        style={{ width }}
      >
        <View />
      </aside>
      <Splitter
        axis="x"
        size={width}
        label="Resize the side bar"
        testId="side-bar-splitter"
        onResize={resize}
      />
    </>
  );
}

/** The header of a side view: its title and a few icon actions. */
export function SideHeader(props: { title: string; children?: React.ReactNode }) {
  return (
    <header className="side-header">
      <h2>{props.title}</h2>
      <div className="side-actions">{props.children}</div>
    </header>
  );
}
