import { useShallow } from 'zustand/react/shallow';
import { TRIGGER_INFO, TRIGGERS } from '../../../shared/triggers.ts';
import { SideHeader } from '../../components/side-bar.tsx';
import { useApp, useAppStore } from '../../store/app-store-context.tsx';
import { verdictOf } from '../../store/runs-slice.ts';

/** The side view listing every trigger with its stage and fixture counts; opens a trigger's canvas. */
export function PipelinesView() {
  const store = useAppStore();
  const rows = useApp(
    useShallow((s) =>
      TRIGGERS.map((trigger) => {
        const pipeline = s.snapshot?.pipelines.find((p) => p.trigger === trigger);
        const results = s.runs[trigger]?.results;
        const failing = (pipeline?.fixtures ?? []).filter(
          (f) => verdictOf(results?.[f.id]) === 'fail',
        ).length;
        return `${trigger}|${pipeline?.stages.length ?? 0}|${pipeline?.fixtures.length ?? 0}|${failing}`;
      }),
    ),
  );
  const current = useApp((s) => s.pipelineTrigger);
  const activeTab = useApp((s) => s.activeTabId);
  return (
    <div className="side-view" data-testid="pipelines-view">
      <SideHeader title="Pipelines" />
      <ul className="trigger-list">
        {rows.map((row) => {
          const [trigger = '', stages, fixtures, failing] = row.split('|');
          const t = trigger as (typeof TRIGGERS)[number];
          const active = current === t && activeTab === `pipeline:${t}`;
          return (
            <li key={trigger}>
              <button
                type="button"
                className={active ? 'trigger-row active' : 'trigger-row'}
                data-testid={`pipeline-open-${trigger}`}
                onClick={() => store.getState().openPipeline(t)}
              >
                <span className="trigger-title">{TRIGGER_INFO[t].title}</span>
                <span className="trigger-meta">
                  {stages} stage{stages === '1' ? '' : 's'} · {fixtures} fixture{fixtures === '1' ? '' : 's'}
                  {failing !== '0' ? <span className="trigger-failing"> · {failing} failing</span> : null}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
