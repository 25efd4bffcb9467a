import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../store/app-store-context.tsx';

/** Conflicts waiting for a choice; each opens the merge view. Nothing is pushed until none remain. */
export function SyncConflicts() {
  const s = useApp(useShallow((st) => ({ conflicts: st.syncStatus?.conflicts ?? [], open: st.openMerge })));
  if (s.conflicts.length === 0) return null;
  return (
    <section className="sync-section sync-conflicts" data-testid="sync-conflicts">
      <h3 className="tree-section">
        Conflicts <span className="badge">{s.conflicts.length}</span>
      </h3>
      <p className="side-note">Both sides changed these; choose the result before pushing.</p>
      <ul>
        {s.conflicts.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="sync-row conflict"
              data-testid={`sync-conflict-${c.id}`}
              title={c.relPath}
              onClick={() => s.open(c.id)}
            >
              <span className="sync-row-name">{c.title}</span>
              <span className="link">Resolve</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
