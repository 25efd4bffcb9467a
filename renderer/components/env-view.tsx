import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/app-store-context.tsx';
import { IconButton } from './icon-button.tsx';
import { SideHeader } from './side-bar.tsx';

const ENV_TAB = { id: 'view:env', title: 'Environment', viewId: 'env-editor', params: {} };

/** The environment at a glance; editing happens in a full-width tab, where long values fit. */
export function EnvView() {
  const s = useApp(useShallow((st) => ({ env: st.snapshot?.env, openView: st.openView })));
  if (!s.env) return <p className="side-empty">Open a workspace to edit its environment.</p>;
  const entries = Object.entries(s.env);
  return (
    <div className="side-view">
      <SideHeader title="Environment">
        <IconButton
          icon="edit"
          label="Edit the variables"
          testId="env-open-table"
          onClick={() => s.openView(ENV_TAB)}
        />
      </SideHeader>
      <p className="side-note">
        <code>env.json</code>: plain settings read as <code>env.NAME</code>.
      </p>
      <ul className="env-list" data-testid="env-list">
        {entries.map(([key, value]) => (
          <li key={key}>
            <button
              type="button"
              className="env-item"
              title={`${key}=${value}`}
              onClick={() => s.openView(ENV_TAB)}
            >
              <span className="env-key">{key}</span>
              <span className="env-value">{value || '(empty)'}</span>
            </button>
          </li>
        ))}
      </ul>
      {entries.length === 0 ? <p className="side-empty">No variables yet.</p> : null}
      <div className="side-footer">
        <button
          type="button"
          className="button secondary"
          data-testid="env-open-table-button"
          onClick={() => s.openView(ENV_TAB)}
        >
          Edit variables…
        </button>
      </div>
    </div>
  );
}
