import { resolve } from 'node:path';
import { CliError } from '../command.ts';
import { displayPath, parseTrigger } from '../input-files.ts';
import type { CliIo } from '../io.ts';
import { requireFolder } from '../workspace-access.ts';
import { loadTemplate } from './templates-show.ts';

/**
 * `templates add WORKSPACE ID`: copies the template's function as a new stage, its fixtures, its
 * env keys (with example values) and its secret names, through the workspace service.
 */
export async function addTemplate(
  dir: string,
  id: string,
  options: { trigger: string | undefined; name: string | undefined },
  io: CliIo,
): Promise<number> {
  const { meta } = await loadTemplate(id);
  const trigger = options.trigger === undefined ? meta.triggers[0] : parseTrigger(options.trigger);
  if (trigger === undefined || !meta.triggers.includes(trigger)) {
    throw new CliError(
      `template "${id}" is written for ${meta.triggers.join(', ')}, not ${trigger}; pass --trigger ${meta.triggers[0]}`,
    );
  }
  const root = resolve(io.cwd, dir);
  const shown = displayPath(io.cwd, root);
  await requireFolder(root, shown);
  const { openWorkspace, createEnvSecretStore } = await import('../../workspace/index.ts');
  const workspace = await openWorkspace(root, { secrets: createEnvSecretStore({ ...io.env }) });
  const added = await workspace.addStageFromTemplate(
    trigger,
    id,
    options.name === undefined ? {} : { name: options.name },
  );
  const lines = [`Added stage "${added.stage.name}" to the ${trigger} pipeline of ${shown}`];
  lines.push(`  ${added.stage.relPath}`);
  for (const fixture of added.fixtures) lines.push(`  ${fixture.relPath}`);
  if (added.envKeysAdded.length > 0) {
    lines.push(`env.json: added ${added.envKeysAdded.join(', ')} with example values; set your own.`);
  }
  for (const secret of added.secretsDeclared) {
    lines.push(`Secret ${secret} declared in studio.json; provide it with PIPELINE_STUDIO_SECRET_${secret}.`);
  }
  lines.push('', `Run its fixtures: pipeline-studio test ${shown} --trigger ${trigger}`, '');
  io.out(lines.join('\n'));
  return 0;
}
