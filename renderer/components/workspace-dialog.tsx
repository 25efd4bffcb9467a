import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/app-store-context.tsx';
import { Modal } from './modal.tsx';

/**
 * Opens or creates a workspace. The web host has no native folder picker, so the path is typed;
 * in Electron, "Browse…" asks the host for its native dialog.
 */
export function WorkspaceDialog(props: { mode: 'open' | 'create' }) {
  const s = useApp(
    useShallow((st) => ({
      close: st.closeDialog,
      open: st.openWorkspace,
      create: st.createWorkspace,
      recent: st.recent,
      loadError: st.loadError,
      busy: st.status === 'loading',
      native: st.appInfo?.nativeDialogs ?? false,
    })),
  );
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const creating = props.mode === 'create';
  const api = useApp((st) => st.pickFolder);

  const submit = async () => {
    setSubmitted(true);
    const ok = creating
      ? await s.create(path.trim(), name.trim() || defaultName(path))
      : await s.open(path.trim());
    if (ok) s.close();
  };

  return (
    <Modal
      title={creating ? 'Create a workspace' : 'Open a workspace'}
      testId="workspace-dialog"
      onClose={s.close}
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          Folder
          <span className="input-row">
            <input
              value={path}
              placeholder={creating ? '/home/me/pipelines/my-tenant' : '/home/me/pipelines/existing'}
              spellCheck={false}
              data-testid="workspace-path"
              onChange={(e) => setPath(e.target.value)}
            />
            {s.native ? (
              <button
                type="button"
                className="button secondary"
                onClick={() => void api().then((p) => p && setPath(p))}
              >
                Browse…
              </button>
            ) : null}
          </span>
        </label>
        {creating ? (
          <p className="form-hint">
            A new or empty folder; the studio writes studio.json, env.json and the pipelines/ and fixtures/
            folders.
          </p>
        ) : null}
        {creating ? (
          <label>
            Name
            <input
              value={name}
              placeholder={defaultName(path) || 'My pipelines'}
              data-testid="workspace-name-input"
              onChange={(e) => setName(e.target.value)}
            />
          </label>
        ) : null}
        {submitted && s.loadError ? (
          <p className="form-error" role="alert" data-testid="workspace-error">
            {s.loadError}
          </p>
        ) : null}
        {!creating && s.recent.length > 0 ? (
          <div className="recent">
            <h3>Recent</h3>
            <ul>
              {s.recent.map((r) => (
                <li key={r.path}>
                  <button type="button" className="link" onClick={() => setPath(r.path)} title={r.path}>
                    <strong>{r.name}</strong> <span>{r.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={s.close}>
            Cancel
          </button>
          <button
            type="submit"
            className="button"
            data-testid="workspace-submit"
            disabled={!path.trim() || s.busy}
          >
            {creating ? 'Create' : 'Open'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function defaultName(path: string): string {
  return (
    path
      .trim()
      .replace(/[/\\]+$/, '')
      .split(/[/\\]/)
      .pop() ?? ''
  );
}
