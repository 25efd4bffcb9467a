import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { assertNever } from '../../../shared/assert-never.ts';
import type { PublishGate, PublishReview } from '../../../shared/ipc/sync-types.ts';
import { Modal } from '../../components/modal.tsx';
import { useApp } from '../../store/app-store-context.tsx';
import type { PublishStep } from '../../store/sync-slice.ts';
import { BehaviourTable, ContentChanges } from './review-tables.tsx';

/**
 * One-click publish: the gate runs (every stage compiles, every fixture passes); a failing gate
 * lists what blocks it; a passing one shows the review and publishes on confirmation.
 */
export function PublishDialog() {
  const flow = useApp((st) => st.publishFlow);
  // Unmounted between publishes, so a new publish starts with an empty note.
  return flow ? <PublishFlow flow={flow} /> : null;
}

function PublishFlow(props: { flow: PublishStep }) {
  const s = useApp(useShallow((st) => ({ close: st.closePublish, confirm: st.confirmPublish })));
  const [note, setNote] = useState('');
  const { flow } = props;
  const busy = flow.step === 'checking' || flow.step === 'publishing';
  const close = () => {
    if (!busy) s.close();
  };
  switch (flow.step) {
    case 'checking':
      return (
        <Modal title="Publish" testId="publish-dialog" onClose={close}>
          <p className="publish-progress" data-testid="publish-checking">
            <span className="spinner" aria-hidden="true" /> Checking that every stage compiles and every
            fixture passes, then comparing with the published version…
          </p>
        </Modal>
      );
    case 'failed':
      return (
        <Modal title="Publish" testId="publish-dialog" onClose={close}>
          <p className="form-error" role="alert" data-testid="publish-failed">
            {flow.message}
          </p>
          <div className="form-actions">
            <button type="button" className="button secondary" onClick={close}>
              Close
            </button>
          </div>
        </Modal>
      );
    case 'published':
      return (
        <Modal title="Published" testId="publish-dialog" onClose={close}>
          <p data-testid="publish-done" data-version={flow.version}>
            Version {flow.version} is live. The runtime answers with it from now on.
          </p>
          <div className="form-actions">
            <button type="button" className="button" data-testid="publish-close" onClick={close}>
              Done
            </button>
          </div>
        </Modal>
      );
    case 'review':
    case 'publishing':
      return flow.review.gate.passed ? (
        <Modal title="Review and publish" testId="publish-dialog" onClose={close} wide>
          <ReviewBody review={flow.review} />
          <div className="form-actions">
            <input
              className="publish-note"
              value={note}
              aria-label="Note for the version history (optional)"
              placeholder="Note for the version history (optional)"
              data-testid="publish-note"
              onChange={(e) => setNote(e.target.value)}
            />
            <button type="button" className="button secondary" disabled={busy} onClick={close}>
              Cancel
            </button>
            <button
              type="button"
              className="button"
              data-testid="publish-confirm"
              disabled={busy}
              onClick={() => void s.confirm(note)}
            >
              {flow.step === 'publishing'
                ? 'Publishing…'
                : flow.review.needsPush
                  ? 'Push and publish'
                  : 'Publish'}
            </button>
          </div>
        </Modal>
      ) : (
        <Modal title="Publishing is blocked" testId="publish-dialog" onClose={close} wide>
          <GateFailures gate={flow.review.gate} />
          <div className="form-actions">
            <button type="button" className="button" data-testid="publish-close" onClick={close}>
              Close
            </button>
          </div>
        </Modal>
      );
    default:
      return assertNever(flow);
  }
}

function ReviewBody(props: { review: PublishReview }) {
  const { review } = props;
  const passing = review.gate.fixtures.length;
  return (
    <div className="publish-review" data-testid="publish-review">
      <p className="gate-ok" data-testid="gate-passed">
        ✓ Every stage compiles and all {passing} fixture{passing === 1 ? '' : 's'} pass.
      </p>
      <p className="publish-target">
        {review.needsPush
          ? 'Your local changes are pushed first, then published.'
          : `Publishes server revision ${review.revision ?? '?'}.`}{' '}
        {review.publishedVersion === null
          ? 'Nothing is published yet: this will be the first version.'
          : `Compared with the live version ${review.publishedVersion}.`}
      </p>
      <h3>Behaviour changes</h3>
      <BehaviourTable rows={review.behaviour} firstVersion={review.publishedVersion === null} />
      <h3>Code, order and settings</h3>
      <ContentChanges changes={review.changes} />
    </div>
  );
}

function GateFailures(props: { gate: PublishGate }) {
  const openFile = useApp((st) => st.openFile);
  const close = useApp((st) => st.closePublish);
  const failing = props.gate.fixtures.filter((f) => !f.pass);
  return (
    <div className="gate-failures" data-testid="gate-failures">
      <p>Nothing was published. Fix these, then publish again:</p>
      {props.gate.compile.length > 0 ? (
        <>
          <h3>Stages that do not compile</h3>
          <ul>
            {props.gate.compile.map((p) => (
              <li key={`${p.trigger}/${p.stage}`} data-testid="gate-compile-problem">
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    close();
                    void openFile(p.relPath, p.line === undefined ? undefined : { line: p.line });
                  }}
                >
                  {p.relPath}
                  {p.line === undefined ? '' : `:${p.line}`}
                </button>{' '}
                — {p.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {failing.length > 0 ? (
        <>
          <h3>Failing fixtures</h3>
          <ul>
            {failing.map((f) => (
              <li
                key={`${f.trigger}/${f.fixtureId}`}
                data-testid="gate-failing-fixture"
                data-fixture={f.fixtureId}
              >
                <span className="tag muted">{f.trigger}</span> <strong>{f.name}</strong>
                <ul className="gate-reasons">
                  {f.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
