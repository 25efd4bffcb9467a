import { resolve } from 'node:path';
import type { Conflict, Resolutions } from '../../sync/conflicts.ts';
import type { SyncResult } from '../../sync/sync-service.ts';
import { expectPositionals, parseArgs } from '../args.ts';
import { CliError, EXIT_OK, EXIT_TEST_FAILED } from '../command.ts';
import type { CliIo } from '../io.ts';
import { requireFolder } from '../workspace-access.ts';

/** Flags shared by pull and push: settle every conflict with one side instead of stopping. */
export const RESOLVE_FLAGS = {
  ours: { type: 'boolean' },
  theirs: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** Opens sync for WORKSPACE with keys from `PIPELINE_STUDIO_SECRET_<NAME>`; config problems are bad input. */
export async function openSyncForCli(dir: string, io: CliIo) {
  const root = resolve(io.cwd, dir);
  await requireFolder(root, dir);
  const { createEnvSecretStore, openWorkspace } = await import('../../workspace/index.ts');
  const sync = await import('../../sync/index.ts');
  const workspace = await openWorkspace(root, { secrets: createEnvSecretStore({ ...io.env }) });
  try {
    return { service: await sync.openSync(root, { workspace }), sync };
  } catch (error) {
    throw asCliError(error, sync);
  }
}

type SyncModule = typeof import('../../sync/index.ts');

/** Sync's own errors (config, refused writes) become one-line CLI errors; an unreachable store exits 1. */
export function asCliError(error: unknown, sync: SyncModule): unknown {
  if (error instanceof sync.SyncError || error instanceof sync.StoreRequestError)
    return new CliError(error.message);
  return error;
}

/** Runs a sync action; an unreachable store is reported (exit 1) with local edits kept. */
export async function runSyncAction(
  io: CliIo,
  sync: SyncModule,
  action: () => Promise<number>,
): Promise<number> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof sync.StoreUnreachableError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw asCliError(error, sync);
  }
}

/** `--ours`/`--theirs` as resolutions for every conflict of a first attempt. */
export function resolveAll(conflicts: readonly Conflict[], side: 'local' | 'remote'): Resolutions {
  return Object.fromEntries(conflicts.map((conflict) => [conflict.id, { take: side }]));
}

export function sideFlag(flags: { ours: boolean; theirs: boolean }): 'local' | 'remote' | undefined {
  if (flags.ours && flags.theirs) throw new CliError('--ours and --theirs exclude each other');
  return flags.ours ? 'local' : flags.theirs ? 'remote' : undefined;
}

const show = (value: unknown) =>
  value === undefined ? '(absent)' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);

/** Both sides of each conflict, as a person resolving it needs them. */
export function formatConflicts(conflicts: readonly Conflict[]): string {
  const lines = [
    `${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'} with the store; nothing was written:`,
  ];
  for (const conflict of conflicts) {
    lines.push('', `✖ ${conflict.title}  [${conflict.file}]`);
    if (conflict.kind === 'code' && conflict.merged !== undefined) {
      lines.push(indent(conflict.merged));
      continue;
    }
    lines.push(`  local:  ${show(conflict.local).replace(/\n/g, '\n          ')}`);
    lines.push(`  store:  ${show(conflict.remote).replace(/\n/g, '\n          ')}`);
    lines.push(`  base:   ${show(conflict.base).replace(/\n/g, '\n          ')}`);
  }
  lines.push(
    '',
    'Resolve in the studio (merge view), or edit the files to what you want and run again with --ours,',
    'or take the store’s side with --theirs.',
  );
  return `${lines.join('\n')}\n`;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');

/**
 * `pull` and `push`: run the merge, settle conflicts with `--ours`/`--theirs` when given, and
 * print the result; conflicts (nothing written) exit 1.
 */
export async function runMergeVerb(
  args: readonly string[],
  io: CliIo,
  verb: 'pull' | 'push',
  summary: (result: Extract<SyncResult, { status: 'ok' }>) => string,
): Promise<number> {
  const { flags, positionals } = parseArgs(args, RESOLVE_FLAGS);
  expectPositionals(positionals, 1, 1, 'WORKSPACE: the workspace folder');
  const side = sideFlag(flags);
  const { service, sync } = await openSyncForCli(positionals[0] as string, io);
  return runSyncAction(io, sync, async () => {
    let result = await service[verb]();
    if (result.status === 'conflict' && side)
      result = await service[verb]({ resolutions: resolveAll(result.conflicts, side) });
    if (flags.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
    if (result.status === 'conflict') {
      if (!flags.json) io.err(formatConflicts(result.conflicts));
      return EXIT_TEST_FAILED;
    }
    if (!flags.json) {
      const files = result.written.length ? `; updated ${result.written.join(', ')}` : '';
      io.out(`${verb}: ${summary(result)}${files}\n`);
    }
    return EXIT_OK;
  });
}
