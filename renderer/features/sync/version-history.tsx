import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../store/app-store-context.tsx';

/** Published versions, newest first; any version but the live one can be made live again. */
export function VersionHistory() {
  const s = useApp(
    useShallow((st) => ({
      history: st.versionHistory,
      online: st.syncStatus?.connection === 'online',
      published: st.syncStatus?.publishedVersion ?? null,
      busy: st.syncBusy,
      load: st.loadVersions,
      ask: st.askRollback,
    })),
  );
  const { online, published, load } = s;
  // Reload when the live version changes (a publish here or by a teammate).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `published` is the trigger, not an input.
  useEffect(() => {
    if (online) void load();
  }, [online, published, load]);
  if (!online) return null;
  const versions = s.history?.versions ?? [];
  return (
    <section className="sync-section" data-testid="sync-versions">
      <h3 className="tree-section">Published versions</h3>
      {versions.length === 0 ? <p className="side-empty">Nothing published yet.</p> : null}
      <ol className="version-list">
        {versions.map((v) => {
          const live = v.version === s.history?.publishedVersion;
          return (
            <li key={v.version} className="version-row" data-testid={`version-${v.version}`} data-live={live}>
              <div className="version-main">
                <span className="version-number">v{v.version}</span>
                {live ? <span className="tag ok">live</span> : null}
                <span className="version-meta">
                  rev {v.revision}
                  {v.rollbackOf === null ? '' : ` · rollback of v${v.rollbackOf}`}
                </span>
              </div>
              <div className="version-sub">
                <time dateTime={v.createdAt} title={v.createdAt}>
                  {new Date(v.createdAt).toLocaleString()}
                </time>
                {v.note ? <span className="version-note"> — {v.note}</span> : null}
              </div>
              {live ? null : (
                <button
                  type="button"
                  className="link version-rollback"
                  data-testid={`rollback-${v.version}`}
                  disabled={s.busy !== null}
                  onClick={() => s.ask(v.version)}
                >
                  Roll back
                </button>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
