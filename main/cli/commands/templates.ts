import type { TemplateMeta } from '../../../shared/schemas/template.ts';
import { parseArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { usageError } from '../command.ts';
import type { CliIo } from '../io.ts';
import { addTemplate } from './templates-add.ts';
import { showTemplate } from './templates-show.ts';

const FLAGS = {
  json: { type: 'boolean' },
  category: { type: 'string', value: 'C' },
  trigger: { type: 'string', value: 'T' },
  name: { type: 'string', value: 'N' },
} as const;

export const command: Command = {
  name: 'templates',
  summary: 'List, show, and add stages from the template catalog',
  help: `Usage: pipeline-studio templates list [--category C] [--trigger T] [--json]
       pipeline-studio templates show ID [--json]
       pipeline-studio templates add WORKSPACE ID [--trigger T] [--name N]

The built-in library of pipeline functions, each with metadata and fixtures.

Subcommands:
  list   every template: id, category, triggers and title
  show   one template: description, env keys and secrets it needs, fixtures, and its code
  add    copy a template into a workspace as a new stage of a trigger's pipeline, with its
         fixtures and the env keys it needs (secrets are named in studio.json, never valued)

Flags:
  --category C  (list) only this category: allow-list, notification, access-control,
                user-fields, custom-token
  --trigger T   (list) only templates written for T; (add) the pipeline to add to
                (default: the template's first trigger)
  --name N      (add) the stage name (default: the template id)
  --json        (list, show) print JSON instead of text
  -h, --help    show this help

Exit codes: 0 done; 2 bad input (unknown template, workspace or trigger, name taken).

Example:
  pipeline-studio templates add ./my-workspace email-domain-allowlist --trigger PRE_REGISTER
`,
  run: runTemplates,
};

async function runTemplates(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, FLAGS);
  const [sub, ...rest] = positionals;
  switch (sub) {
    case 'list':
      rejectFlags(sub, flags, ['name']);
      if (rest.length > 0) throw usageError(`unexpected argument "${rest[0]}"`);
      return listCommand(io, flags.json, flags.category, flags.trigger);
    case 'show':
      rejectFlags(sub, flags, ['name', 'category', 'trigger']);
      if (rest.length !== 1)
        throw usageError(rest.length === 0 ? 'missing template ID' : `unexpected argument "${rest[1]}"`);
      return showTemplate(rest[0] as string, flags.json, io);
    case 'add': {
      rejectFlags(sub, flags, ['json', 'category']);
      if (rest.length < 2)
        throw usageError(rest.length === 0 ? 'missing WORKSPACE and template ID' : 'missing template ID');
      if (rest.length > 2) throw usageError(`unexpected argument "${rest[2]}"`);
      return addTemplate(
        rest[0] as string,
        rest[1] as string,
        { trigger: flags.trigger, name: flags.name },
        io,
      );
    }
    case undefined:
      throw usageError('missing subcommand: list, show or add');
    default:
      throw usageError(`unknown subcommand "${sub}"; use list, show or add`);
  }
}

type Flags = {
  json: boolean;
  category: string | undefined;
  trigger: string | undefined;
  name: string | undefined;
};

/** Flags of one subcommand given to another are mistakes, not silently ignored. */
function rejectFlags(sub: string, flags: Flags, names: (keyof Flags)[]): void {
  for (const name of names) {
    const value = flags[name];
    if (value !== undefined && value !== false)
      throw usageError(`--${name} does not apply to "templates ${sub}"`);
  }
}

async function listCommand(
  io: CliIo,
  json: boolean,
  category: string | undefined,
  trigger: string | undefined,
): Promise<number> {
  const { listTemplates } = await import('../../templates/catalog.ts');
  const { TEMPLATE_CATEGORIES } = await import('../../../shared/schemas/template.ts');
  const { parseTrigger } = await import('../input-files.ts');
  if (category !== undefined && !(TEMPLATE_CATEGORIES as readonly string[]).includes(category)) {
    throw usageError(`unknown category "${category}"; categories: ${TEMPLATE_CATEGORIES.join(', ')}`);
  }
  const only = trigger === undefined ? undefined : parseTrigger(trigger);
  const templates = (await listTemplates()).filter(
    (t) =>
      (category === undefined || t.category === category) &&
      (only === undefined || t.triggers.includes(only)),
  );
  if (json) {
    io.out(`${JSON.stringify(templates, null, 2)}\n`);
    return 0;
  }
  io.out(formatList(templates));
  return 0;
}

function formatList(templates: TemplateMeta[]): string {
  if (templates.length === 0) return 'No templates match.\n';
  const rows = templates.map((t) => [t.id, t.category, t.triggers.join(','), t.title]);
  const header = ['ID', 'CATEGORY', 'TRIGGERS', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] as number))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n\n${templates.length} templates. Show one with: pipeline-studio templates show ID\n`;
}
