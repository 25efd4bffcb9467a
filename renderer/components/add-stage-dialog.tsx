import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TRIGGER_INFO, TRIGGERS, type Trigger } from '../../shared/triggers.ts';
import { useApp } from '../store/app-store-context.tsx';
import { Modal } from './modal.tsx';
import { stageNameProblem } from './stage-name.ts';

/** Adds a stage to a trigger: blank, or from a template (which also brings its fixtures). */
export function AddStageDialog(props: { trigger?: Trigger; templateId?: string }) {
  const s = useApp(
    useShallow((st) => ({
      close: st.closeDialog,
      add: st.addStage,
      templates: st.templates,
      templatesState: st.templatesState,
      loadTemplates: st.loadTemplates,
      snapshot: st.snapshot,
    })),
  );
  const [trigger, setTrigger] = useState<Trigger>(props.trigger ?? 'PRE_REGISTER');
  const [source, setSource] = useState<'blank' | 'template'>(props.templateId ? 'template' : 'blank');
  const [templateId, setTemplateId] = useState(props.templateId ?? '');
  const [name, setName] = useState(props.templateId ?? '');
  const [busy, setBusy] = useState(false);
  const { templatesState, loadTemplates } = s;
  useEffect(() => {
    if (templatesState === 'idle') void loadTemplates();
  }, [templatesState, loadTemplates]);

  const forTrigger = useMemo(
    () => s.templates.filter((t) => t.triggers.includes(trigger)),
    [s.templates, trigger],
  );
  const nameError = stageNameProblem(s.snapshot, trigger, name);
  const ready = name !== '' && !nameError && (source === 'blank' || templateId !== '') && !busy;

  return (
    <Modal title="Add a stage" testId="add-stage-dialog" onClose={s.close}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void s
            .add({ trigger, name, templateId: source === 'template' ? templateId : undefined })
            .then((id) => {
              setBusy(false);
              if (id) s.close();
            });
        }}
      >
        <label>
          Trigger
          <select
            value={trigger}
            data-testid="add-stage-trigger"
            onChange={(e) => setTrigger(e.target.value as Trigger)}
          >
            {TRIGGERS.map((t) => (
              <option key={t} value={t}>
                {TRIGGER_INFO[t].title} ({t})
              </option>
            ))}
          </select>
        </label>
        <fieldset className="segmented">
          <legend>Start from</legend>
          <label>
            <input
              type="radio"
              checked={source === 'blank'}
              data-testid="add-stage-blank"
              onChange={() => setSource('blank')}
            />
            A blank function
          </label>
          <label>
            <input
              type="radio"
              checked={source === 'template'}
              data-testid="add-stage-from-template"
              onChange={() => setSource('template')}
            />
            A template
          </label>
        </fieldset>
        {source === 'template' ? (
          <label>
            Template
            <select
              value={templateId}
              data-testid="add-stage-template"
              onChange={(e) => {
                setTemplateId(e.target.value);
                if (!name || name === templateId) setName(e.target.value);
              }}
            >
              <option value="">
                {forTrigger.length ? 'Choose a template…' : 'No template for this trigger'}
              </option>
              {forTrigger.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title} — {t.category}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          Stage name
          <input
            value={name}
            placeholder="block-contractors"
            spellCheck={false}
            data-testid="add-stage-name"
            aria-invalid={nameError !== null}
            aria-describedby={nameError ? 'add-stage-name-problem' : undefined}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        {nameError ? (
          <p className="form-error" id="add-stage-name-problem" data-testid="add-stage-name-problem">
            {nameError}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={s.close}>
            Cancel
          </button>
          <button type="submit" className="button" data-testid="add-stage-submit" disabled={!ready}>
            Add stage
          </button>
        </div>
      </form>
    </Modal>
  );
}
