import { createInterface } from 'node:readline/promises';
import { assertNever } from '../../../shared/assert-never.ts';
import type { GateReport } from '../../sync/gate.ts';
import type { Review } from '../../sync/review.ts';
import { expectPositionals, parseArgs } from '../args.ts';
import { CliError, type Command, EXIT_OK, EXIT_TEST_FAILED } from '../command.ts';
import { withExecutor } from '../executor-session.ts';
import type { CliIo } from '../io.ts';
import { formatConflicts, openSyncForCli, runSyncAction } from './sync-common.ts';

const FLAGS = {
  yes: { type: 'boolean' },
  note: { type: 'string', value: 'TEXT' },
} as const;

export const command: Command = {
  name: 'publish',
  summary: 'Make the pushed pipelines live on the remote store',
  help: `Usage: pipeline-studio publish WORKSPACE [--yes] [--note TEXT]

Publishes the workspace to the store named by studio.json "remote", behind a gate:
  1. every stage compiles and every fixture with an "expect" passes (replayed locally);
  2. a review: fixtures whose decision differs between the live version and this draft (both
     are run), and the code, order and settings differences;
  3. confirmation (a y/N question; --yes skips it), then push and publish that revision.
Changes in the store that are not pulled yet stop the publish: pull first.

Flags:
  --yes        publish without asking (CI)
  --note TEXT  a note kept with the version
  -h, --help   show this help

Exit codes: 0 published (or declined); 1 the gate failed, conflicts, or the store is unreachable;
            2 bad input (no workspace, no remote, no key PIPELINE_STUDIO_SECRET_REMOTE_KEY).
`,
  run: runPublish,
};

async function runPublish(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, FLAGS);
  expectPositionals(positionals, 1, 1, 'WORKSPACE: the workspace folder');
  if (!flags.yes && !process.stdin.isTTY) {
    throw new CliError(
      'publish asks for confirmation, but stdin is not a terminal: add --yes to publish without asking',
    );
  }
  const { service, sync } = await openSyncForCli(positionals[0] as string, io);
  return runSyncAction(io, sync, () =>
    withExecutor({}, async (executor) => {
      const result = await sync.publishWorkspace(service, {
        executor,
        note: flags.note ?? '',
        confirm: async (review) => {
          io.out(formatReview(review));
          return flags.yes || (await ask('Publish this as a new live version? [y/N] '));
        },
      });
      switch (result.status) {
        case 'gate-failed':
          io.err(formatGate(result.gate));
          return EXIT_TEST_FAILED;
        case 'cancelled':
          io.out('Not published.\n');
          return EXIT_OK;
        case 'conflict':
          io.err(formatConflicts(result.conflicts));
          return EXIT_TEST_FAILED;
        case 'published':
          io.out(
            `Published version ${result.version.version} (revision ${result.revision}); it is live now.\n`,
          );
          return EXIT_OK;
        default:
          return assertNever(result, 'publish result');
      }
    }),
  );
}

async function ask(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Why the gate refused, file by file. */
export function formatGate(gate: GateReport): string {
  const lines = ['Not published: the publish gate failed.'];
  for (const problem of gate.compile) {
    lines.push(`  ✖ ${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`);
  }
  for (const fixture of gate.fixtures.filter((f) => !f.pass)) {
    lines.push(`  ✖ fixtures/${fixture.trigger}/${fixture.id}.json (${fixture.name})`);
    if (fixture.error) lines.push(`      ${fixture.error}`);
    for (const m of fixture.mismatches) {
      lines.push(`      ${m.path}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
    }
  }
  lines.push('Fix these, check with `pipeline-studio test WORKSPACE`, then publish again.');
  return `${lines.join('\n')}\n`;
}

/** The review: behaviour first (what users will notice), then the code, order and settings diff. */
export function formatReview(review: Review): string {
  const lines: string[] = [
    `Review against ${review.publishedVersion === null ? 'nothing published yet' : `live version ${review.publishedVersion}`}:`,
    '',
    `Behaviour: ${review.behaviour.length} of ${review.fixturesCompared} fixtures decide differently`,
  ];
  for (const change of review.behaviour) {
    const side = (s: { outcome: string; error?: string }) => `${s.outcome}${s.error ? ` "${s.error}"` : ''}`;
    lines.push(
      `  ~ ${change.trigger}/${change.id} (${change.name}): ${side(change.published)} → ${side(change.draft)}; differs in ${change.fields.join(', ')}`,
    );
  }
  for (const t of review.triggers) {
    lines.push('', `${t.trigger}:`);
    for (const name of t.added) lines.push(`  + stage ${name}`);
    for (const name of t.removed) lines.push(`  - stage ${name}`);
    if (t.order) lines.push(`  order: ${t.order.before.join(' → ')}  ⇒  ${t.order.after.join(' → ')}`);
    for (const s of t.settings) {
      lines.push(`  ${s.stage}.${s.field}: ${JSON.stringify(s.before)} → ${JSON.stringify(s.after)}`);
    }
    for (const c of t.code) {
      lines.push(`  code of ${c.stage}:`, ...c.diff.split('\n').map((line) => `    ${line}`));
    }
    const f = t.fixtures;
    if (f.added.length + f.removed.length + f.changed.length > 0) {
      lines.push(`  fixtures: +${f.added.length} -${f.removed.length} ~${f.changed.length}`);
    }
  }
  const e = review.env;
  if (e.added.length + e.removed.length + e.changed.length > 0) {
    lines.push(
      '',
      `env: added ${e.added.join(', ') || '-'}; removed ${e.removed.join(', ') || '-'}; changed ${e.changed.join(', ') || '-'}`,
    );
  }
  return `${lines.join('\n')}\n\n`;
}
