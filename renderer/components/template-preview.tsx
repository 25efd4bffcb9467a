import { useEffect, useState } from 'react';
import type { TemplateDetail } from '../../shared/ipc/results.ts';
import { errorMessage } from '../store/app-state.ts';
import { useApi, useApp } from '../store/app-store-context.tsx';
import type { ViewTab } from '../store/editor-slice.ts';
import { ColorizedCode } from './colorized-code.tsx';

/** An editor tab previewing one template: what it does, the env it reads, its code. */
export function TemplatePreview(props: { tab: ViewTab }) {
  const api = useApi();
  const id = props.tab.params.id ?? '';
  const openDialog = useApp((s) => s.openDialog);
  const [detail, setDetail] = useState<TemplateDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setDetail(null);
    api['templates.get']({ id })
      .then((d) => live && setDetail(d))
      .catch((e: unknown) => live && setError(`Could not load the template ${id}: ${errorMessage(e)}`));
    return () => {
      live = false;
    };
  }, [api, id]);

  if (error) return <p className="editor-empty error-text">{error}</p>;
  if (!detail) return <p className="editor-empty">Loading the template…</p>;
  return (
    <div className="template-preview" data-testid="template-preview" data-template-id={detail.id}>
      <header className="template-preview-header">
        <div>
          <h1>{detail.title}</h1>
          <p>{detail.description}</p>
          <p className="template-meta">
            <span className="tag">{detail.category}</span>
            {detail.triggers.map((t) => (
              <span key={t} className="tag muted">
                {t}
              </span>
            ))}
            {detail.envKeys.length + detail.secrets.length > 0 ? (
              <span className="hint">
                Reads env:{' '}
                {[
                  ...detail.envKeys.map((k) => k.name),
                  ...detail.secrets.map((k) => `${k.name} (secret)`),
                ].join(', ')}
              </span>
            ) : null}
          </p>
        </div>
        <button
          type="button"
          className="button"
          data-testid="template-use"
          onClick={() =>
            openDialog({ kind: 'add-stage', trigger: detail.triggers[0], templateId: detail.id })
          }
        >
          Add to pipeline…
        </button>
      </header>
      <ColorizedCode code={detail.code} testId="template-code" />
      {detail.fixtures.length > 0 ? (
        <p className="template-fixtures">
          Comes with {detail.fixtures.length} fixture{detail.fixtures.length === 1 ? '' : 's'}:{' '}
          {detail.fixtures.map((f) => f.fixture.name).join(' · ')}
        </p>
      ) : null}
    </div>
  );
}
