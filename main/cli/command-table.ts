import { CliError, type Command } from './command.ts';

/** How `pipeline-studio --help` lists a command, and how to load it when it is actually run. */
export interface CommandEntry {
  readonly summary: string;
  load(): Promise<Command>;
}

type CommandModule = Promise<{ command: Command }>;

/** A command implemented in `commands/<file>.ts`, which exports `command`. */
function lazy(summary: string, load: () => CommandModule): CommandEntry {
  return { summary, load: async () => (await load()).command };
}

/** `serve`/`server`: listed in help, but bin/pipeline-studio.js hands them to server/cli/main.ts. */
function dispatchedByBin(name: string, summary: string): CommandEntry {
  const command: Command = {
    name,
    summary,
    help: `${summary}.\n\nRun \`pipeline-studio ${name} --help\` for its usage.\n`,
    run: async () => {
      throw new CliError(
        `"${name}" is started through the pipeline-studio executable (bin/pipeline-studio.js)`,
      );
    },
  };
  return { summary, load: async () => command };
}

/**
 * Every command, by the word typed after `pipeline-studio`. Add a command with one line here and
 * one file under `commands/`. `serve`/`server` are dispatched by bin/pipeline-studio.js before
 * this table is reached, because main/ may not import server/.
 */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  exec: lazy('Run loose function files against one fixture', () => import('./commands/exec.ts')),
  run: lazy("Run a workspace's pipeline for one trigger and fixture", () => import('./commands/run.ts')),
  test: lazy(
    'Run every fixture that has an expect; exit 1 when any fails',
    () => import('./commands/test.ts'),
  ),
  init: lazy('Create a new workspace', () => import('./commands/init.ts')),
  templates: lazy(
    'List, show, and add stages from the template catalog',
    () => import('./commands/templates.ts'),
  ),
  status: lazy(
    'Show how the workspace differs from its remote store',
    () => import('./commands/sync-status.ts'),
  ),
  pull: lazy('Fetch the remote pipelines into the workspace', () => import('./commands/sync-pull.ts')),
  push: lazy("Upload the workspace's pipelines to the remote store", () => import('./commands/sync-push.ts')),
  publish: lazy(
    'Make the pushed pipelines live on the remote store',
    () => import('./commands/sync-publish.ts'),
  ),
  serve: dispatchedByBin('serve', 'Start the pipeline store server; `server` manages tenants and keys'),
};

/** Names the bin hands to server/cli/main.ts; listed here only for help and error messages. */
export const SERVER_COMMANDS: readonly string[] = ['serve', 'server'];
