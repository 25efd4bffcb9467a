import type { DiffEntry } from '../../../shared/json-diff.ts';
import type { Json } from '../../../shared/schemas/json.ts';

function show(value: Json | undefined): string {
  return value === undefined ? '' : JSON.stringify(value);
}

/** What a stage changed, one line per path: added, removed, or changed from → to. */
export function DiffList(props: { entries: DiffEntry[] }) {
  if (props.entries.length === 0) {
    return <p className="pane-note">This stage changed nothing in user or context.</p>;
  }
  return (
    <ul className="diff-list" data-testid="step-diff">
      {props.entries.map((entry) => (
        <li
          key={`${entry.kind}:${entry.path}`}
          className={`diff-${entry.kind}`}
          data-testid="diff-entry"
          data-kind={entry.kind}
          data-path={entry.path}
        >
          <span className="diff-kind">{entry.kind}</span>
          <code className="diff-path">{entry.path}</code>
          {entry.kind === 'changed' ? (
            <span className="diff-values">
              <code className="before">{show(entry.before)}</code> →{' '}
              <code className="after">{show(entry.after)}</code>
            </span>
          ) : (
            <code className="diff-values">{show(entry.kind === 'added' ? entry.after : entry.before)}</code>
          )}
        </li>
      ))}
    </ul>
  );
}
