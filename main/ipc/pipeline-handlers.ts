/** Handlers of the calls that change a trigger's stages and fixtures. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PIPE_JSDOC } from '../../shared/ipc/editor-types.ts';
import type { Trigger } from '../../shared/triggers.ts';
import type { Handlers } from './dispatcher.ts';
import type { FixtureRunner } from './run-handlers.ts';
import type { Session } from './session.ts';

type PipelineCalls =
  | 'stage.add'
  | 'stage.addFromTemplate'
  | 'stage.rename'
  | 'stage.delete'
  | 'stage.reorder'
  | 'stage.setSettings'
  | 'fixture.add'
  | 'fixture.duplicate'
  | 'fixture.rename'
  | 'fixture.delete'
  | 'fixture.write'
  | 'fixture.saveActualAsExpect';

/**
 * A new stage's code: a pass-through `pipe` whose JSDoc types its parameters, so IntelliSense
 * works from the first keystroke (JavaScript parameters are otherwise untyped).
 */
export function typedBlankStageCode(trigger: Trigger): string {
  const doc = PIPE_JSDOC.replace(
    '/**',
    `/**\n * ${trigger}: change the user or context, or call callback(new Error('...')) to stop the flow.\n *`,
  );
  return `${doc}\nasync function pipe(user, context, callback) {\n  callback(null, user, context);\n}\n`;
}

export function pipelineHandlers(session: Session, runner: FixtureRunner): Pick<Handlers, PipelineCalls> {
  const mutated = async () => ({ snapshot: await session.snapshot() });
  const created = async (id: string) => ({ id, snapshot: await session.snapshot() });
  return {
    async 'stage.add'({ trigger, name, code }) {
      const workspace = session.current();
      // An unlisted <name>.js already on disk is adopted as is (the workspace service's rule).
      const adopt =
        code === undefined && existsSync(join(workspace.root, 'pipelines', trigger, `${name}.js`));
      const stage = await workspace.addStage(trigger, {
        name,
        ...(adopt ? {} : { code: code ?? typedBlankStageCode(trigger) }),
      });
      return created(stage.name);
    },
    async 'stage.addFromTemplate'({ trigger, templateId, name }) {
      const added = await session
        .current()
        .addStageFromTemplate(trigger, templateId, name === undefined ? {} : { name });
      return created(added.stage.name);
    },
    async 'stage.rename'({ trigger, from, to }) {
      return created((await session.current().renameStage(trigger, from, to)).name);
    },
    async 'stage.delete'({ trigger, name }) {
      await session.current().deleteStage(trigger, name);
      return mutated();
    },
    async 'stage.reorder'({ trigger, names }) {
      await session.current().reorderStages(trigger, names);
      return mutated();
    },
    async 'stage.setSettings'({ trigger, name, settings }) {
      await session.current().setStageSettings(trigger, name, settings);
      return mutated();
    },
    async 'fixture.add'({ trigger, id, fixture }) {
      return created((await session.current().addFixture(trigger, fixture, { id })).id);
    },
    async 'fixture.duplicate'({ trigger, id, newId }) {
      const copy = await session
        .current()
        .duplicateFixture(trigger, id, newId === undefined ? {} : { newId });
      return created(copy.id);
    },
    async 'fixture.rename'({ trigger, id, newId }) {
      return created((await session.current().renameFixture(trigger, id, newId)).id);
    },
    async 'fixture.delete'({ trigger, id }) {
      await session.current().deleteFixture(trigger, id);
      return mutated();
    },
    async 'fixture.write'({ trigger, id, fixture }) {
      await session.current().writeFixture(trigger, id, fixture);
      return mutated();
    },
    async 'fixture.saveActualAsExpect'({ trigger, id, expect }) {
      const workspace = session.current();
      if (expect !== undefined) {
        await workspace.writeExpect(trigger, id, expect);
      } else {
        // Replay is deterministic, so running the saved pipeline again gives the actual shown.
        const run = await runner.runSaved(trigger, id);
        await workspace.saveActualAsExpect(trigger, id, run.result);
      }
      return mutated();
    },
  };
}
