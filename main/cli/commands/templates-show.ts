import type { TemplateDetail } from '../../templates/catalog.ts';
import { CliError } from '../command.ts';
import type { CliIo } from '../io.ts';
import { closest } from '../suggest.ts';

/** Reads a template by id; an unknown id is bad input with a did-you-mean and the way to list ids. */
export async function loadTemplate(id: string): Promise<TemplateDetail> {
  const { listTemplates, readTemplate } = await import('../../templates/catalog.ts');
  const ids = (await listTemplates()).map((t) => t.id);
  if (!ids.includes(id)) {
    const match = closest(id, ids);
    const hint = match === undefined ? '' : ` (did you mean ${match}?)`;
    throw new CliError(`no template named "${id}"${hint}; run pipeline-studio templates list to see the ids`);
  }
  return readTemplate(id);
}

/** `templates show ID`: everything a person needs to decide whether to add it. */
export async function showTemplate(id: string, json: boolean, io: CliIo): Promise<number> {
  const template = await loadTemplate(id);
  if (json) {
    io.out(`${JSON.stringify(template, null, 2)}\n`);
    return 0;
  }
  io.out(formatTemplate(template));
  return 0;
}

function formatTemplate({ meta, code, fixtures }: TemplateDetail): string {
  const lines = [
    `${meta.title} (${meta.id})`,
    '',
    meta.description,
    '',
    `Category:  ${meta.category}`,
    `Triggers:  ${meta.triggers.join(', ')}`,
  ];
  const stage = Object.entries(meta.stage).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  if (stage.length > 0) lines.push(`Stage:     ${stage.join(', ')}`);
  if (meta.envKeys.length > 0) {
    lines.push('', 'Env keys (env.json):');
    const width = Math.max(...meta.envKeys.map((k) => k.name.length));
    for (const key of meta.envKeys) {
      lines.push(`  ${key.name.padEnd(width)}  ${key.description} (e.g. "${key.example}")`);
    }
  }
  if (meta.secrets.length > 0) {
    lines.push('', 'Secrets (PIPELINE_STUDIO_SECRET_<NAME> in the CLI):');
    const width = Math.max(...meta.secrets.map((s) => s.name.length));
    for (const secret of meta.secrets) lines.push(`  ${secret.name.padEnd(width)}  ${secret.description}`);
  }
  lines.push('', 'Fixtures:');
  if (fixtures.length === 0) lines.push('  (none)');
  const width = Math.max(0, ...fixtures.map((f) => f.id.length));
  for (const { id, fixture } of fixtures) {
    const expect = fixture.expect === undefined ? 'no expect' : `expects ${fixture.expect.outcome}`;
    lines.push(`  ${id.padEnd(width)}  ${fixture.name} (${expect})`);
  }
  lines.push('', `Code (${meta.id}.js):`, '', code.trimEnd(), '');
  return `${lines.join('\n')}\n`;
}
