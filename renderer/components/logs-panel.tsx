import { useEffect, useRef } from 'react';
import { useApp } from '../store/app-store-context.tsx';

/** The studio's own log: saves, outside changes, sandbox host state, errors. Newest at the bottom. */
export function LogsPanel() {
  const logs = useApp((s) => s.logs);
  const end = useRef<HTMLLIElement>(null);
  const last = logs.at(-1)?.id;
  useEffect(() => {
    if (last !== undefined) end.current?.scrollIntoView({ block: 'end' });
  }, [last]);
  if (logs.length === 0) return <p className="panel-empty">Nothing logged yet.</p>;
  return (
    <ol className="log-list" data-testid="logs-list">
      {logs.map((line, i) => (
        <li key={line.id} className={`log-line ${line.level}`} ref={i === logs.length - 1 ? end : undefined}>
          <time>{line.time.slice(11, 19)}</time>
          <span>{line.message}</span>
        </li>
      ))}
    </ol>
  );
}
