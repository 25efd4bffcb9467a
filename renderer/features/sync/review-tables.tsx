import type { BehaviourChange, ContentChange, DecisionOutcome } from '../../../shared/ipc/sync-types.ts';

function Outcome(props: { value: DecisionOutcome }) {
  return (
    <span className={`outcome-pill ${props.value}`}>{props.value === 'absent' ? '—' : props.value}</span>
  );
}

/** Fixtures whose result differs between the live version and the draft, found by running both. */
export function BehaviourTable(props: { rows: readonly BehaviourChange[]; firstVersion: boolean }) {
  if (props.firstVersion) {
    return (
      <p className="review-empty" data-testid="behaviour-first">
        Nothing is live yet, so no decision changes: the runtime starts answering with this version.
      </p>
    );
  }
  if (props.rows.length === 0) {
    return (
      <p className="review-empty" data-testid="behaviour-none">
        No fixture changes its decision.
      </p>
    );
  }
  return (
    <table className="review-table" data-testid="behaviour-table">
      <thead>
        <tr>
          <th>Trigger</th>
          <th>Fixture</th>
          <th>Published</th>
          <th>Draft</th>
          <th>What else changes</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr
            key={`${row.trigger}/${row.fixtureId}`}
            data-testid="behaviour-row"
            data-fixture={row.fixtureId}
          >
            <td className="mono">{row.trigger}</td>
            <td title={row.fixtureId}>{row.name}</td>
            <td>
              <Outcome value={row.published} />
            </td>
            <td>
              <Outcome value={row.draft} />
            </td>
            <td className="review-details">
              {row.details.length === 0 ? '—' : row.details.map((d) => <div key={d}>{d}</div>)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What would be published, compared with the live version: code as a diff, the rest in words. */
export function ContentChanges(props: { changes: readonly ContentChange[] }) {
  if (props.changes.length === 0) {
    return (
      <p className="review-empty" data-testid="changes-none">
        Nothing differs from the published version.
      </p>
    );
  }
  return (
    <ul className="review-changes" data-testid="content-changes">
      {props.changes.map((c) => (
        <li
          key={`${c.kind}/${c.trigger ?? ''}/${c.name}`}
          data-testid="content-change"
          data-kind={c.kind}
          data-name={c.name}
        >
          {c.kind === 'code' ? (
            <details open={props.changes.length <= 3}>
              <summary>
                <ChangeTitle change={c} />
              </summary>
              <CodeDiff text={c.detail} />
            </details>
          ) : (
            <div className="review-change-row">
              <ChangeTitle change={c} />
              {c.kind === 'fixture' ? null : <p className="review-detail">{c.detail}</p>}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function ChangeTitle(props: { change: ContentChange }) {
  const c = props.change;
  return (
    <span className="review-change-title">
      <span className={`change-kind ${c.change}`}>{c.change}</span>
      <span className="tag muted">{c.kind}</span>
      {c.trigger ? <span className="mono review-trigger">{c.trigger}</span> : null}
      <strong>{c.name}</strong>
    </span>
  );
}

/** A unified diff with added and removed lines coloured. */
function CodeDiff(props: { text: string }) {
  return (
    <pre className="code-diff">
      {props.text.split('\n').map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text, never reordered.
        <span key={i} className={line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'same'}>
          {line || ' '}
        </span>
      ))}
    </pre>
  );
}
