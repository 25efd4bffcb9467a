import type { Command } from '../command.ts';
import { runMergeVerb } from './sync-common.ts';

export const command: Command = {
  name: 'pull',
  summary: 'Fetch the remote pipelines into the workspace',
  help: `Usage: pipeline-studio pull WORKSPACE [--ours | --theirs] [--json]

Merges the store's head into the workspace (three-way, against the last synced revision):
code line by line, stage order and settings as data. Local edits are kept.
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
  run: (args, io) => runMergeVerb(args, io, 'pull', (result) => `at store revision ${result.revision}`),
};
