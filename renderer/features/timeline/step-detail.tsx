import { useState } from 'react';
import { assertNever } from '../../../shared/assert-never.ts';
import { diffJson } from '../../../shared/json-diff.ts';
import type { StageTrace } from '../../../shared/run-result.ts';
import type { Json } from '../../../shared/schemas/json.ts';
import { DiffList } from './diff-list.tsx';
import { JsonTree } from './json-tree.tsx';
import './step-detail.css';

type DetailTab = 'diff' | 'input' | 'output' | 'logs' | 'http' | 'data';

/** The number of token claims and custom data writes a stage made (its "data" badge). */
export function dataCount(stage: StageTrace): number {
  return (
    Object.keys(stage.idToken).length +
    Object.keys(stage.accessToken).length +
    Object.keys(stage.customData).length +
    (stage.idTokenRemoved?.length ?? 0) +
    (stage.accessTokenRemoved?.length ?? 0)
  );
}

/** What one stage saw and did: diff, input and output trees, logs, HTTP, tokens and custom data. */
export function StepDetail(props: { stage: StageTrace }) {
  const { stage } = props;
  const [tab, setTab] = useState<DetailTab>('diff');
  const tabs: { id: DetailTab; label: string }[] = [
    { id: 'diff', label: 'Changes' },
    { id: 'input', label: 'Input' },
    { id: 'output', label: 'Output' },
    { id: 'logs', label: `Logs (${stage.logs.length})` },
    { id: 'http', label: `HTTP (${stage.http.length + stage.authing.length})` },
    { id: 'data', label: `Tokens & data (${dataCount(stage)})` },
  ];
  return (
    <div className="step-detail" data-testid="step-detail" data-stage={stage.name}>
      <div className="detail-tabs" role="tablist" aria-label="Step details">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'detail-tab active' : 'detail-tab'}
            data-testid={`step-tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="detail-body" role="tabpanel">
        <DetailBody stage={stage} tab={tab} />
      </div>
    </div>
  );
}

function DetailBody(props: { stage: StageTrace; tab: DetailTab }) {
  const { stage } = props;
  switch (props.tab) {
    case 'diff': {
      const before = { user: stage.input.user, context: stage.input.context } as Json;
      const after = { user: stage.output.user, context: stage.output.context } as Json;
      return <DiffList entries={diffJson(before, after)} />;
    }
    case 'input':
      return <UserContext testId="step-input" user={stage.input.user} context={stage.input.context} />;
    case 'output':
      return <UserContext testId="step-output" user={stage.output.user} context={stage.output.context} />;
    case 'logs':
      return stage.logs.length === 0 ? (
        <p className="pane-note">No log lines.</p>
      ) : (
        <ol className="log-lines" data-testid="step-logs">
          {stage.logs.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: log lines repeat; their order is their identity.
            <li key={i}>{line}</li>
          ))}
        </ol>
      );
    case 'http':
      return <Exchanges stage={stage} />;
    case 'data':
      return <TokensAndData stage={stage} />;
    default:
      return assertNever(props.tab);
  }
}

function UserContext(props: { user: Json; context: Json; testId: string }) {
  return (
    <div className="user-context" data-testid={props.testId}>
      <JsonTree label="user" value={props.user} />
      <JsonTree label="context" value={props.context} />
    </div>
  );
}

function Exchanges(props: { stage: StageTrace }) {
  const { http, authing } = props.stage;
  if (http.length === 0 && authing.length === 0)
    return <p className="pane-note">No HTTP or management calls.</p>;
  return (
    <ul className="exchanges" data-testid="step-http">
      {http.map((x, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same request may be made twice.
        <li key={`h${i}`} className={x.error ? 'exchange failed' : 'exchange'}>
          <div className="exchange-line">
            <span className="method">{x.method}</span> <code>{x.url}</code>{' '}
            <span className="status">{x.error ? 'failed' : (x.status ?? '')}</span>
          </div>
          {x.error ? <p className="exchange-error">{x.error}</p> : null}
          {x.requestBody !== undefined ? (
            <JsonTree label="request body" value={x.requestBody} openDepth={0} />
          ) : null}
          {x.responseBody !== undefined ? (
            <JsonTree label="response body" value={x.responseBody} openDepth={1} />
          ) : null}
        </li>
      ))}
      {authing.map((call, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same call may be made twice.
        <li key={`a${i}`} className={call.error ? 'exchange failed' : 'exchange'}>
          <div className="exchange-line">
            <span className="method">authing</span> <code>{call.method}</code>
            <code className="muted">({call.args.map((a) => JSON.stringify(a)).join(', ')})</code>
          </div>
          {call.error ? (
            <p className="exchange-error">{call.error}</p>
          ) : (
            <JsonTree label="result" value={call.result} openDepth={1} />
          )}
        </li>
      ))}
    </ul>
  );
}

function TokensAndData(props: { stage: StageTrace }) {
  const s = props.stage;
  const sections: [string, Json, string[] | undefined][] = [
    ['ID token claims', s.idToken, s.idTokenRemoved],
    ['Access token claims', s.accessToken, s.accessTokenRemoved],
    ['Custom data writes', s.customData, undefined],
  ];
  if (dataCount(s) === 0) return <p className="pane-note">No token claims or custom data written.</p>;
  return (
    <div className="tokens" data-testid="step-data">
      {sections.map(([title, value, removed]) =>
        Object.keys(value as object).length > 0 || (removed?.length ?? 0) > 0 ? (
          <section key={title}>
            <h4>{title}</h4>
            <JsonTree value={value} />
            {removed?.length ? <p className="muted">Removed: {removed.join(', ')}</p> : null}
          </section>
        ) : null,
      )}
    </div>
  );
}
