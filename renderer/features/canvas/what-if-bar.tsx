import type { StageEntry } from '../../../shared/ipc/workspace-types.ts';
import type { Trigger } from '../../../shared/triggers.ts';
import { useApp, useAppStore } from '../../store/app-store-context.tsx';
import { draftDiffers } from '../../store/stage-draft.ts';

const NO_STAGES: StageEntry[] = [];

/**
 * The what-if switch and, while a draft differs from the saved pipeline, the bar that says so
 * with Save and Discard. In what-if mode reordering and settings only change the draft; the
 * fixtures run against it, and nothing is written until Save.
 */
export function WhatIfBar(props: { trigger: Trigger }) {
  const { trigger } = props;
  const store = useAppStore();
  const whatIf = useApp((s) => s.whatIf);
  const saved = useApp((s) => s.snapshot?.pipelines.find((p) => p.trigger === trigger)?.stages ?? NO_STAGES);
  const draft = useApp((s) => s.stageDrafts[trigger]);
  const differs = draftDiffers(saved, draft);
  const lastMove = useApp((s) => (s.lastMove?.trigger === trigger ? s.lastMove : null));
  const state = () => store.getState();
  return (
    <div className={whatIf ? 'what-if-bar on' : 'what-if-bar'} data-testid="what-if-bar">
      <label className="check small" title="Try orders and settings without saving them">
        <input
          type="checkbox"
          checked={whatIf}
          data-testid="what-if-toggle"
          onChange={(e) => state().setWhatIf(e.target.checked)}
        />
        What-if (don't save stage changes)
      </label>
      {whatIf ? (
        <span className="muted" data-testid="what-if-state">
          {differs
            ? 'Unsaved order or settings: the fixtures run against them.'
            : 'Move or change stages to try them out.'}
        </span>
      ) : null}
      {!whatIf && lastMove ? (
        <span className="muted last-move" data-testid="last-move">
          Saved: {lastMove.name} moved to position {lastMove.to + 1}.
          <button
            type="button"
            className="link"
            data-testid="last-move-undo"
            onClick={() => void state().undoMove()}
          >
            Undo
          </button>
        </span>
      ) : null}
      <span className="spacer" />
      {whatIf && draft ? (
        <>
          <button
            type="button"
            className="button secondary"
            data-testid="what-if-discard"
            onClick={() => state().discardDraft(trigger)}
          >
            Discard
          </button>
          <button
            type="button"
            className="button"
            data-testid="what-if-save"
            disabled={!differs}
            onClick={() => void state().saveDraft(trigger)}
          >
            Save stage changes
          </button>
        </>
      ) : null}
    </div>
  );
}
