import { assertNever } from '../../../shared/assert-never.ts';
import { buildRunRequest } from '../../../shared/build-run-request.ts';
import { matchExpectation } from '../../../shared/expect-match.ts';
import type { RunRequest } from '../../../shared/run-request.ts';
import type { Expect } from '../../../shared/schemas/fixture.ts';
import { TRIGGERS, type Trigger } from '../../../shared/triggers.ts';
import { expectPositionals, parseArgs } from '../args.ts';
import { type Command, EXIT_OK, EXIT_TEST_FAILED } from '../command.ts';
import { withExecutor } from '../executor-session.ts';
import { parseTrigger } from '../input-files.ts';
import type { CliIo } from '../io.ts';
import { createProgress } from '../progress.ts';
import { jsonReport } from '../reporters/json.ts';
import { junitReport } from '../reporters/junit.ts';
import { prettyReport } from '../reporters/pretty.ts';
import {
  countFailures,
  type FixtureCase,
  REPORTERS,
  type ReporterName,
  type SuiteResult,
} from '../reporters/types.ts';
import {
  checkProblems,
  concernsTriggers,
  type LoadedWorkspace,
  loadWorkspace,
  noteMissingSecrets,
} from '../workspace-access.ts';

const FLAGS = {
  reporter: { type: 'string', value: 'pretty|json|junit', choices: REPORTERS },
  trigger: { type: 'string', value: 'T' },
} as const;

export const command: Command = {
  name: 'test',
  summary: 'Run every fixture that has an expect; exit 1 when any fails',
  help: `Usage: pipeline-studio test WORKSPACE [--reporter pretty|json|junit] [--trigger T]

Replays every fixture under WORKSPACE/fixtures/ that has an "expect" through its trigger's
pipeline and compares the result: the outcome, the error message (a substring), and every key
given under expect.user, context, idToken, accessToken and customData.

Flags:
  --reporter R  pretty (default): coloured, with expected and actual side by side for each
                mismatched field (NO_COLOR turns colour off, FORCE_COLOR on);
                json: one JSON document; junit: JUnit XML for CI test reports
  --trigger T   only the fixtures of trigger T
  -h, --help    show this help

Exit codes: 0 every fixture passed (or none has an expect); 1 at least one failed;
            2 bad input (no such workspace, malformed file, unknown trigger, bad flag).

Example:
  pipeline-studio test ./my-workspace --reporter junit > test-results/pipelines.xml
`,
  run: runTest,
};

interface PlannedCase {
  trigger: Trigger;
  id: string;
  name: string;
  file: string;
  expect: Expect;
  request: RunRequest;
}

async function runTest(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, FLAGS);
  expectPositionals(positionals, 1, 1, 'WORKSPACE: the workspace folder');
  const reporter = (flags.reporter ?? 'pretty') as ReporterName;
  const triggers = flags.trigger === undefined ? [...TRIGGERS] : [parseTrigger(flags.trigger)];
  const ws = await loadWorkspace(positionals[0] as string, io);
  checkProblems(ws, (p) => concernsTriggers(p.file, triggers), io);
  noteMissingSecrets(ws, io);
  const planned = plan(ws, triggers);
  const started = performance.now();
  const cases: FixtureCase[] = [];
  if (planned.length > 0) {
    const progress = createProgress(io, planned.length);
    const results = await withExecutor({}, (executor) =>
      executor.runMany(
        planned.map((c) => c.request),
        {
          onResult: (index, result) => {
            const expect = planned[index]?.expect;
            progress.tick(expect !== undefined && matchExpectation(expect, result).pass);
          },
        },
      ),
    );
    progress.done();
    planned.forEach((c, i) => {
      const result = results[i];
      if (result === undefined) return;
      cases.push({
        trigger: c.trigger,
        id: c.id,
        name: c.name,
        file: c.file,
        result,
        report: matchExpectation(c.expect, result),
      });
    });
  }
  const suite: SuiteResult = { workspace: ws.shown, cases, durationMs: performance.now() - started };
  io.out(render(suite, reporter, io.color));
  return countFailures(suite) > 0 ? EXIT_TEST_FAILED : EXIT_OK;
}

/** One run request per fixture with an `expect`, in trigger order then fixture id order. */
function plan(ws: LoadedWorkspace, triggers: readonly Trigger[]): PlannedCase[] {
  const planned: PlannedCase[] = [];
  for (const pipeline of ws.snapshot.pipelines) {
    if (!triggers.includes(pipeline.trigger)) continue;
    for (const entry of pipeline.fixtures) {
      const expect = entry.fixture.expect;
      if (expect === undefined) continue;
      planned.push({
        trigger: pipeline.trigger,
        id: entry.id,
        name: entry.fixture.name,
        file: entry.relPath,
        expect,
        request: buildRunRequest({
          trigger: pipeline.trigger,
          stages: pipeline.stages,
          fixture: entry.fixture,
          env: ws.snapshot.env,
          secrets: ws.secrets,
        }),
      });
    }
  }
  return planned;
}

function render(suite: SuiteResult, reporter: ReporterName, color: boolean): string {
  switch (reporter) {
    case 'pretty':
      return prettyReport(suite, color);
    case 'json':
      return jsonReport(suite);
    case 'junit':
      return junitReport(suite);
    default:
      return assertNever(reporter, 'reporter');
  }
}
