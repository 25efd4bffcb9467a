import { expectPositionals, parseArgs } from '../args.ts';
import { type Command, EXIT_OK, EXIT_TEST_FAILED } from '../command.ts';
import type { CliIo } from '../io.ts';
import {
  formatConflicts,
  openSyncForCli,
  RESOLVE_FLAGS,
  resolveAll,
  runSyncAction,
  sideFlag,
} from './sync-common.ts';

export const command: Command = {
  name: 'push',
  summary: "Upload the workspace's pipelines to the remote store",
  help: `Usage: pipeline-studio push WORKSPACE [--ours | --theirs] [--json]

Stores the workspace as a new revision. When the store moved since the last sync, its changes
are merged in first (three-way) and written to the workspace too.
A real conflict (both sides changed the same lines or setting differently) is printed with both
sides and nothing is written, locally or to the store.

Flags:
  --ours      settle every conflict with the workspace's side
  --theirs    settle every conflict with the store's side
  --json      print the result as one JSON object
  -h, --help  show this help

Exit codes: 0 done; 1 conflicts (nothing written) or the store is unreachable (edits kept);
            2 bad input (no workspace, no remote, no key PIPELINE_STUDIO_SECRET_REMOTE_KEY).
`,
  run: (args, io) => runVerb(args, io),
};

async function runVerb(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, RESOLVE_FLAGS);
  expectPositionals(positionals, 1, 1, 'WORKSPACE: the workspace folder');
  const side = sideFlag(flags);
  const { service, sync } = await openSyncForCli(positionals[0] as string, io);
  return runSyncAction(io, sync, async () => {
    let result = await service.push();
    if (result.status === 'conflict' && side)
      result = await service.push({ resolutions: resolveAll(result.conflicts, side) });
    if (flags.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
    if (result.status === 'conflict') {
      if (!flags.json) io.err(formatConflicts(result.conflicts));
      return EXIT_TEST_FAILED;
    }
    if (!flags.json) {
      const files = result.written.length ? `; updated ${result.written.join(', ')}` : '';
      io.out(
        `push: at store revision ${result.revision}${!result.pushed ? ' (nothing new to push)' : ''}${files}\n`,
      );
    }
    return EXIT_OK;
  });
}
