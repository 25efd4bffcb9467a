import { basename, resolve } from 'node:path';
import { expectPositionals, parseArgs } from '../args.ts';
import type { Command } from '../command.ts';
import { displayPath } from '../input-files.ts';
import type { CliIo } from '../io.ts';

const FLAGS = {
  name: { type: 'string', value: 'NAME' },
} as const;

export const command: Command = {
  name: 'init',
  summary: 'Create a new workspace',
  help: `Usage: pipeline-studio init DIR [--name NAME]

Creates a workspace in DIR (a new or empty folder): studio.json, env.json, and the pipelines/
and fixtures/ folders. Nothing is overwritten: a folder that holds other files is refused.

Flags:
  --name NAME   the workspace name in studio.json (default: the folder name)
  -h, --help    show this help

Exit codes: 0 created; 2 bad input (folder not empty, already a workspace, bad flag).

Next steps:
  pipeline-studio templates list
  pipeline-studio templates add DIR email-domain-allowlist --trigger PRE_REGISTER
  pipeline-studio test DIR
`,
  run: runInit,
};

async function runInit(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, FLAGS);
  expectPositionals(positionals, 1, 1, 'DIR: the folder for the new workspace');
  const root = resolve(io.cwd, positionals[0] as string);
  const shown = displayPath(io.cwd, root);
  const name = flags.name ?? basename(root);
  const { createWorkspace, createEnvSecretStore } = await import('../../workspace/index.ts');
  await createWorkspace(root, { name, secrets: createEnvSecretStore({ ...io.env }) });
  io.out(
    [
      `Created workspace "${name}" in ${shown}`,
      '',
      'Next:',
      `  pipeline-studio templates add ${shown} email-domain-allowlist --trigger PRE_REGISTER`,
      `  pipeline-studio test ${shown}`,
      '',
    ].join('\n'),
  );
  return 0;
}
