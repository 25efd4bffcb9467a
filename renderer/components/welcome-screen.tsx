import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/app-store-context.tsx';
import { Icon } from './icon.tsx';

/** Shown when no workspace is open (or it could not be read): open, create, or pick a recent one. */
export function WelcomeScreen() {
  const s = useApp(
    useShallow((st) => ({
      recent: st.recent,
      error: st.status === 'error' ? st.loadError : null,
      openDialog: st.openDialog,
      open: st.openWorkspace,
    })),
  );
  return (
    <main className="welcome" data-testid="welcome">
      <div className="welcome-card">
        <h1>Pipeline Studio</h1>
        <p className="welcome-lead">Write, replay and step through authentication pipelines, offline.</p>
        {s.error ? (
          <p className="form-error" role="alert" data-testid="load-error">
            {s.error}
          </p>
        ) : null}
        <div className="welcome-actions">
          <button
            type="button"
            className="button"
            data-testid="welcome-open"
            onClick={() => s.openDialog({ kind: 'open-workspace' })}
          >
            <Icon name="folder" /> Open a workspace…
          </button>
          <button
            type="button"
            className="button secondary"
            data-testid="welcome-create"
            onClick={() => s.openDialog({ kind: 'create-workspace' })}
          >
            <Icon name="plus" /> Create a workspace…
          </button>
        </div>
        {s.recent.length > 0 ? (
          <section className="recent">
            <h2>Recent</h2>
            <ul>
              {s.recent.map((r) => (
                <li key={r.path}>
                  <button
                    type="button"
                    className="link"
                    data-testid="recent-workspace"
                    onClick={() => void s.open(r.path)}
                  >
                    <strong>{r.name}</strong> <span>{r.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </main>
  );
}
