import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../store/app-store-context.tsx';

/**
 * The remote's URL, tenant and API key. The key goes one way, into the host's secret store; a
 * stored key is never shown again, only that there is one (the field stays empty).
 */
export function RemoteForm(props: { onDone?: () => void }) {
  const s = useApp(
    useShallow((st) => ({
      remote: st.syncStatus?.remote ?? null,
      busy: st.syncBusy,
      connect: st.connectRemote,
    })),
  );
  const [url, setUrl] = useState(s.remote?.url ?? '');
  const [tenant, setTenant] = useState(s.remote?.tenant ?? '');
  const [apiKey, setApiKey] = useState('');
  const hasKey = s.remote?.hasKey ?? false;
  const canSave = url.trim() !== '' && tenant.trim() !== '' && (hasKey || apiKey.trim() !== '');

  return (
    <form
      className="sync-remote-form"
      data-testid="sync-remote-form"
      onSubmit={(e) => {
        e.preventDefault();
        void s.connect(url.trim(), tenant.trim(), apiKey).then((ok) => {
          if (!ok) return;
          setApiKey('');
          props.onDone?.();
        });
      }}
    >
      <label>
        Server URL
        <input
          value={url}
          placeholder="http://127.0.0.1:4100"
          spellCheck={false}
          data-testid="sync-url-input"
          onChange={(e) => setUrl(e.target.value)}
        />
      </label>
      <label>
        Tenant
        <input
          value={tenant}
          placeholder="acme"
          spellCheck={false}
          data-testid="sync-tenant-input"
          onChange={(e) => setTenant(e.target.value)}
        />
      </label>
      <label>
        API key
        <input
          type="password"
          value={apiKey}
          autoComplete="off"
          placeholder={hasKey ? 'stored — type a new key to replace it' : 'an admin key of this tenant'}
          data-testid="sync-key-input"
          onChange={(e) => setApiKey(e.target.value)}
        />
      </label>
      <p className="sync-form-note">
        URL and tenant are saved in <code>studio.json</code>; the key stays in this computer's secret store.
      </p>
      <div className="form-actions">
        {props.onDone && s.remote ? (
          <button type="button" className="button secondary" onClick={props.onDone}>
            Cancel
          </button>
        ) : null}
        <button
          type="submit"
          className="button"
          data-testid="sync-connect"
          disabled={!canSave || s.busy !== null}
        >
          {s.busy === 'connect' ? 'Connecting…' : s.remote ? 'Save and check' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
