import { expectPositionals, parseArgs } from '../args.ts';
import { type Command, EXIT_OK } from '../command.ts';
import type { CliIo } from '../io.ts';
import { openSyncForCli, runSyncAction } from './sync-common.ts';

const FLAGS = { json: { type: 'boolean' } } as const;

export const command: Command = {
  name: 'status',
  summary: 'Show how the workspace differs from its remote store',
  help: `Usage: pipeline-studio status WORKSPACE [--json]

Compares the workspace, the store named by studio.json "remote", and the revision last synced
(kept in WORKSPACE/.studio/sync-base.json). The state is clean, ahead (local edits to push),
behind (store changes to pull) or diverged (both), overall and per stage, fixture and env.
The API key comes from PIPELINE_STUDIO_SECRET_REMOTE_KEY.

Flags:
  --json      print the status as one JSON object
  -h, --help  show this help

Exit codes: 0 shown (also when the store is unreachable: local edits are listed);
            2 bad input (no workspace, no remote, no key).
`,
  run: runStatus,
};

async function runStatus(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, FLAGS);
  expectPositionals(positionals, 1, 1, 'WORKSPACE: the workspace folder');
  const { service, sync } = await openSyncForCli(positionals[0] as string, io);
  return runSyncAction(io, sync, async () => {
    const status = await service.status();
    if (flags.json) {
      io.out(`${JSON.stringify(status, null, 2)}\n`);
      return EXIT_OK;
    }
    const where = status.reachable
      ? `store revision ${status.remoteRevision}, last synced ${status.baseRevision}`
      : `store unreachable (${status.unreachableReason}); last synced ${status.baseRevision}`;
    io.out(`${status.state} (${where})\n`);
    for (const item of status.items) {
      const scope = item.trigger ? `${item.trigger} ` : '';
      io.out(
        `  ${item.state.padEnd(9)} ${item.kind.padEnd(8)} ${scope}${item.name}  (local ${item.local}, store ${item.remote})\n`,
      );
    }
    return EXIT_OK;
  });
}
