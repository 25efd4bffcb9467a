import { useApp } from '../store/app-store-context.tsx';
import { sideViews } from '../views/view-registry.ts';
import { Icon } from './icon.tsx';

/** The column of view buttons at the far left; clicking the active one hides the side bar. */
export function ActivityBar() {
  const active = useApp((s) => s.sideView);
  const toggle = useApp((s) => s.toggleSideView);
  return (
    <nav className="activity-bar" aria-label="Views" data-testid="activity-bar">
      {sideViews().map((view) => (
        <button
          key={view.id}
          type="button"
          className={view.id === active ? 'activity-button active' : 'activity-button'}
          title={view.title}
          aria-label={view.title}
          aria-pressed={view.id === active}
          data-testid={`activity-${view.id}`}
          onClick={() => toggle(view.id)}
        >
          <Icon name={view.icon} size={22} />
        </button>
      ))}
    </nav>
  );
}
