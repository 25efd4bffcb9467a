import type { Command } from '../command.ts';
import { runMergeVerb } from './sync-common.ts';

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
  run: (args, io) =>
    runMergeVerb(
      args,
      io,
      'push',
      (result) => `at store revision ${result.revision}${!result.pushed ? ' (nothing new to push)' : ''}`,
    ),
};
