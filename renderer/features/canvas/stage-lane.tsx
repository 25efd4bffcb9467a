import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { StageEntry } from '../../../shared/ipc/workspace-types.ts';
import type { Trigger } from '../../../shared/triggers.ts';
import { useApp, useAppStore } from '../../store/app-store-context.tsx';
import { moveItem } from '../../store/canvas-slice.ts';
import { laneStages } from '../../store/stage-draft.ts';
import { StageCard } from './stage-card.tsx';
import './outcome-chips.css';
import './stage-lane.css';
import { stageOutcome, stageStats } from './stage-stats.ts';

const NO_STAGES: StageEntry[] = [];

/** A keyboard "grab": the stage picked up with Space, and where the arrows have taken it so far. */
interface Grab {
  from: number;
  to: number;
}

/**
 * The trigger's stages as a lane of cards in execution order. Reorder by dragging a card, by
 * Alt+Arrow on a focused card, or Space to grab, arrows to move, Space to drop, Escape to cancel.
 * Every move is announced in the live region.
 */
export function StageLane(props: { trigger: Trigger }) {
  const { trigger } = props;
  const store = useAppStore();
  const saved = useApp((s) => s.snapshot?.pipelines.find((p) => p.trigger === trigger)?.stages ?? NO_STAGES);
  const draft = useApp((s) => s.stageDrafts[trigger]);
  const stages = useMemo(() => laneStages(saved, draft), [saved, draft]);
  const results = useApp((s) => s.runs[trigger]?.results);
  const selected = useApp((s) => s.selectedFixture[trigger]);
  const announcement = useApp((s) => s.announcement);
  const [grab, setGrab] = useState<Grab | null>(null);
  const [drag, setDrag] = useState<{ from: number; over: number } | null>(null);
  const refocus = useRef<string | null>(null);
  const lane = useRef<HTMLOListElement>(null);

  const order = grab ? moveItem(stages, grab.from, grab.to) : stages;
  const state = () => store.getState();

  // After a move the cards re-render in the new order: keep focus on the moved card.
  useEffect(() => {
    const name = refocus.current;
    if (!name || !lane.current) return;
    const card = lane.current.querySelector<HTMLElement>(`[data-stage="${CSS.escape(name)}"]`);
    if (card) {
      card.focus();
      refocus.current = null;
    }
  });

  const move = (from: number, to: number) => {
    const name = stages[from]?.name;
    if (!name || to < 0 || to >= stages.length || from === to) return;
    refocus.current = name;
    void state().moveStage(trigger, from, to);
  };

  const onKeyDown = (index: number) => (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.target !== event.currentTarget) return;
    const back = event.key === 'ArrowLeft' || event.key === 'ArrowUp';
    const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
    const name = order[index]?.name ?? '';
    if (grab) {
      if (back || forward) {
        event.preventDefault();
        const to = Math.max(0, Math.min(stages.length - 1, grab.to + (back ? -1 : 1)));
        setGrab({ ...grab, to });
        refocus.current = name;
        state().announce(`${name}: position ${to + 1} of ${stages.length}. Space to drop, Escape to cancel.`);
      } else if (event.key === ' ' || event.key === 'Enter') {
        event.preventDefault();
        setGrab(null);
        if (grab.to === grab.from) state().announce(`${name} dropped where it was.`);
        else move(grab.from, grab.to);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        setGrab(null);
        refocus.current = name;
        state().announce(`Move cancelled: ${name} stays at position ${grab.from + 1}.`);
      }
      return;
    }
    if (event.altKey && (back || forward)) {
      event.preventDefault();
      move(index, index + (back ? -1 : 1));
    } else if (event.key === ' ') {
      event.preventDefault();
      setGrab({ from: index, to: index });
      state().announce(
        `Grabbed ${name}, position ${index + 1} of ${stages.length}. Arrow keys move it, Space drops, Escape cancels.`,
      );
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void state().openFile(order[index]?.relPath ?? '');
    }
  };

  if (stages.length === 0) {
    return (
      <div className="lane-empty" data-testid="stage-lane-empty">
        <span>No stages yet for this trigger.</span>
        <button
          type="button"
          className="button"
          data-testid="stage-lane-add"
          onClick={() => store.getState().openDialog({ kind: 'add-stage', trigger })}
        >
          Add a stage…
        </button>
      </div>
    );
  }

  return (
    <div className="stage-lane-wrap">
      <ol
        className="stage-lane"
        ref={lane}
        aria-label={`${trigger} stages in execution order`}
        data-testid="stage-lane"
      >
        {order.map((stage, index) => (
          <StageCard
            key={stage.name}
            stage={stage}
            index={index}
            count={order.length}
            outcome={
              selected && results?.[selected] ? stageOutcome(results[selected], stage.name) : undefined
            }
            stats={stageStats(results, stage.name)}
            grabbed={grab !== null && grab.to === index}
            dropTarget={drag !== null && drag.over === index && drag.from !== index}
            onKeyDown={onKeyDown(index)}
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', stage.name);
              setDrag({ from: index, over: index });
            }}
            onDragOver={(e) => {
              if (!drag) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              if (drag.over !== index) setDrag({ ...drag, over: index });
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (drag) move(drag.from, index);
              setDrag(null);
            }}
            onDragEnd={() => setDrag(null)}
            onSettings={(settings) => void state().setStageSettings(trigger, stage.name, settings)}
            onOpenCode={() => void state().openFile(stage.relPath)}
          />
        ))}
      </ol>
      <div className="sr-only" aria-live="polite" data-testid="canvas-announcement">
        {announcement}
      </div>
    </div>
  );
}
