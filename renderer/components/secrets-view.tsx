import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/app-store-context.tsx';
import { SECRET_NAME } from '../store/secrets-slice.ts';
import { IconButton } from './icon-button.tsx';
import { SideHeader } from './side-bar.tsx';

/**
 * Secrets: names and whether a value is stored. A stored value is never shown or fetched
 * again; it can only be replaced or deleted.
 */
export function SecretsView() {
  const s = useApp(
    useShallow((st) => ({
      names: st.secretNames,
      state: st.secretsState,
      load: st.loadSecrets,
      set: st.setSecret,
      remove: st.deleteSecret,
      declared: st.snapshot?.studio.secrets,
      hasWorkspace: st.snapshot !== null,
    })),
  );
  const [editing, setEditing] = useState<string | null>(null);
  const { state, load, hasWorkspace } = s;
  useEffect(() => {
    if (hasWorkspace && state === 'idle') void load();
  }, [hasWorkspace, state, load]);
  if (!hasWorkspace) return <p className="side-empty">Open a workspace to manage its secrets.</p>;
  const missing = (s.declared ?? []).filter((n) => !s.names.includes(n));

  return (
    <div className="side-view">
      <SideHeader title="Secrets" />
      <p className="side-note">
        Stored in the key store, never in the workspace. Pipeline code reads them as <code>env.NAME</code>.
      </p>
      <ul className="secret-list" data-testid="secret-list">
        {s.names.map((name) => (
          <li key={name} className="secret-row" data-testid={`secret-${name}`}>
            <span className="secret-name">{name}</span>
            <span className="tag ok" data-testid="secret-state">
              set
            </span>
            <span className="secret-actions">
              <IconButton
                icon="edit"
                label={`Replace ${name}`}
                testId={`secret-replace-${name}`}
                onClick={() => setEditing(name)}
              />
              <IconButton
                icon="trash"
                label={`Delete ${name}`}
                testId={`secret-delete-${name}`}
                onClick={() => void s.remove(name)}
              />
            </span>
          </li>
        ))}
        {missing.map((name) => (
          <li key={name} className="secret-row" data-testid={`secret-${name}`}>
            <span className="secret-name">{name}</span>
            <span className="tag warn">not set</span>
            <span className="secret-actions">
              <IconButton icon="edit" label={`Set ${name}`} onClick={() => setEditing(name)} />
            </span>
          </li>
        ))}
      </ul>
      <SecretForm key={editing ?? ''} name={editing} onDone={() => setEditing(null)} save={s.set} />
    </div>
  );
}

function SecretForm(props: {
  name: string | null;
  onDone: () => void;
  save: (n: string, v: string) => Promise<boolean>;
}) {
  const [name, setName] = useState(props.name ?? '');
  const [value, setValue] = useState('');
  const replacing = props.name !== null;
  const badName = name.trim() !== '' && !SECRET_NAME.test(name.trim());
  return (
    <form
      className="secret-form"
      data-testid="secret-form"
      onSubmit={(e) => {
        e.preventDefault();
        void props.save(name.trim(), value).then((ok) => {
          if (!ok) return;
          setValue('');
          if (!replacing) setName('');
          props.onDone();
        });
      }}
    >
      <h3>{replacing ? `Replace ${props.name}` : 'Add a secret'}</h3>
      <label>
        Name
        <input
          value={name}
          readOnly={replacing}
          placeholder="API_KEY"
          spellCheck={false}
          data-testid="secret-name-input"
          aria-invalid={badName}
          aria-describedby={badName ? 'secret-name-problem' : undefined}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      {badName ? (
        <p className="form-hint error" id="secret-name-problem" data-testid="secret-name-problem">
          Use letters, digits and _, starting with a letter or _, like API_KEY.
        </p>
      ) : null}
      <label>
        Value
        <input
          type="password"
          value={value}
          autoComplete="off"
          data-testid="secret-value-input"
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <div className="form-actions">
        <button
          type="submit"
          className="button"
          data-testid="secret-save"
          disabled={!name.trim() || badName || !value}
        >
          {replacing ? 'Replace' : 'Save'}
        </button>
        {replacing ? (
          <button type="button" className="button secondary" onClick={props.onDone}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
