import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/app-store-context.tsx';
import { envFromRows } from '../store/env-slice.ts';
import { IconButton } from './icon-button.tsx';

/** The env editor tab: `env.json` as a key/value table. Plain settings only; secrets have their own view. */
export function EnvTable() {
  const s = useApp(
    useShallow((st) => ({
      rows: st.envRows,
      dirty: st.envDirty,
      setRow: st.setEnvRow,
      addRow: st.addEnvRow,
      removeRow: st.removeEnvRow,
      save: st.saveEnv,
      reset: st.resetEnvDraft,
      conflict: st.envConflict,
      keep: st.keepEnvDraft,
      hasWorkspace: st.snapshot !== null,
    })),
  );
  if (!s.hasWorkspace) return <p className="side-empty">Open a workspace to edit its environment.</p>;
  // Checked as the person types, so a bad or repeated name is marked on its row before Save.
  const check = s.dirty ? envFromRows(s.rows) : null;
  const invalidRow = check && 'error' in check ? check.row : -1;
  return (
    <div className="env-editor" data-testid="env-editor">
      <header className="env-editor-header">
        <div>
          <h1>Environment</h1>
          <p>
            Plain settings in <code>env.json</code>, read by pipeline code as <code>env.NAME</code>. This file
            is meant for git: keep secrets in the Secrets view.
          </p>
        </div>
        <button type="button" className="button secondary" data-testid="env-add" onClick={s.addRow}>
          Add a variable
        </button>
      </header>
      {s.conflict ? (
        <div className="conflict-bar env-conflict" role="alert" data-testid="env-conflict">
          <span>
            <code>env.json</code> changed on disk while you had unsaved edits here.
          </span>
          <button type="button" className="button" data-testid="env-conflict-reload" onClick={s.reset}>
            Reload from disk
          </button>
          <button type="button" className="button secondary" data-testid="env-conflict-keep" onClick={s.keep}>
            Keep mine
          </button>
        </div>
      ) : null}
      <table className="kv-table" data-testid="env-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Value</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {s.rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the key may be empty or repeated.
            <tr key={i} data-testid="env-row">
              <td>
                <input
                  aria-label={`Name of variable ${i + 1}`}
                  data-testid="env-key"
                  aria-invalid={i === invalidRow}
                  aria-describedby={i === invalidRow ? 'env-problem' : undefined}
                  value={row.key}
                  spellCheck={false}
                  onChange={(e) => s.setRow(i, { ...row, key: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Value of variable ${i + 1}`}
                  data-testid="env-value"
                  value={row.value}
                  spellCheck={false}
                  onChange={(e) => s.setRow(i, { ...row, value: e.target.value })}
                />
              </td>
              <td>
                <IconButton
                  icon="trash"
                  label={`Remove ${row.key || 'this row'}`}
                  onClick={() => s.removeRow(i)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.rows.length === 0 ? <p className="side-empty">No variables yet.</p> : null}
      <div className="env-editor-footer">
        {check && 'error' in check ? (
          <p className="form-error" id="env-problem" role="alert" data-testid="env-problem">
            {check.error}
          </p>
        ) : null}
        <button
          type="button"
          className="button"
          data-testid="env-save"
          disabled={!s.dirty || invalidRow >= 0}
          onClick={() => void s.save()}
        >
          Save
        </button>
        <button type="button" className="button secondary" disabled={!s.dirty} onClick={s.reset}>
          Discard
        </button>
      </div>
    </div>
  );
}
