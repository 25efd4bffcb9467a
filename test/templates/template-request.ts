/** Builds the run request a template's fixture gets when the template is a one-stage pipeline. */
import type { TemplateDetail } from '../../main/templates/catalog.ts';
import { buildRunRequest } from '../../shared/build-run-request.ts';
import type { RunRequest } from '../../shared/run-request.ts';
import type { Fixture } from '../../shared/schemas/fixture.ts';
import { normalizeTrigger } from '../../shared/triggers.ts';

/**
 * The template as its only stage, with the template's default stage settings (as adding it to a
 * workspace would write them), and the fixture's env (which holds the secret placeholders).
 */
export function templateRunRequest(
  template: TemplateDetail,
  fixture: Fixture,
  settings: { async?: boolean } = {},
): RunRequest {
  const { meta, code } = template;
  const trigger = normalizeTrigger(fixture.trigger);
  if (trigger === undefined) throw new Error(`${meta.id}: fixture "${fixture.name}" names no known trigger`);
  return buildRunRequest({
    trigger,
    stages: [
      {
        name: meta.id,
        file: `${meta.id}.js`,
        enabled: true,
        async: settings.async ?? meta.stage.async ?? false,
        timeoutSeconds: meta.stage.timeoutSeconds ?? 3,
        terminateOnTimeout: meta.stage.terminateOnTimeout ?? false,
        description: meta.title,
        relPath: `templates/${meta.id}/${meta.id}.js`,
        code,
      },
    ],
    fixture,
    env: {},
    secrets: {},
  });
}
