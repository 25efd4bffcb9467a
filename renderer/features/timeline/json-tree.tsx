import type { Json } from '../../../shared/schemas/json.ts';

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON value as a collapsible tree: objects and arrays fold (native details), scalars show typed. */
export function JsonTree(props: {
  value: Json | undefined;
  label?: string;
  testId?: string;
  openDepth?: number;
}) {
  return (
    <div className="json-tree" data-testid={props.testId}>
      <JsonNode
        name={props.label ?? null}
        value={props.value ?? null}
        depth={0}
        openDepth={props.openDepth ?? 2}
        path={props.label ?? ''}
      />
    </div>
  );
}

function JsonNode(props: {
  name: string | null;
  value: Json;
  depth: number;
  openDepth: number;
  path: string;
}) {
  const { name, value, depth } = props;
  const key = name === null ? null : <span className="json-key">{name}</span>;
  if (Array.isArray(value) || isObject(value)) {
    const entries: [string, Json][] = Array.isArray(value)
      ? value.map((v, i) => [String(i), v])
      : Object.entries(value);
    const summary = Array.isArray(value) ? `[${value.length}]` : `{${entries.length}}`;
    if (entries.length === 0) {
      return (
        <div className="json-leaf" data-path={props.path}>
          {key}
          {key ? ': ' : ''}
          <span className="json-empty">{Array.isArray(value) ? '[]' : '{}'}</span>
        </div>
      );
    }
    return (
      <details className="json-branch" open={depth < props.openDepth} data-path={props.path}>
        <summary>
          {key}
          {key ? ' ' : ''}
          <span className="json-summary">{summary}</span>
        </summary>
        <div className="json-children">
          {entries.map(([k, v]) => (
            <JsonNode
              key={k}
              name={k}
              value={v}
              depth={depth + 1}
              openDepth={props.openDepth}
              path={props.path ? `${props.path}.${k}` : k}
            />
          ))}
        </div>
      </details>
    );
  }
  return (
    <div className="json-leaf" data-path={props.path}>
      {key}
      {key ? ': ' : ''}
      <span className={`json-${value === null ? 'null' : typeof value}`}>{JSON.stringify(value)}</span>
    </div>
  );
}
