import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildRunRequest } from '../../../shared/build-run-request.ts';
import type { Fixture } from '../../../shared/schemas/fixture.ts';
import type { Trigger } from '../../../shared/triggers.ts';
import { expectPositionals, parseArgs, requireFlag } from '../args.ts';
import { CliError, type Command } from '../command.ts';
import { withExecutor } from '../executor-session.ts';
import { displayPath, loadFixtureFile, parseTrigger } from '../input-files.ts';
import type { CliIo } from '../io.ts';
import { printRun } from '../print-run.ts';
import {
  checkProblems,
  concernsTriggers,
  type LoadedWorkspace,
  loadWorkspace,
  noteMissingSecrets,
} from '../workspace-access.ts';
import { warnOnTriggerMismatch } from './exec.ts';

const FLAGS = {
  trigger: { type: 'string', value: 'T' },
  fixture: { type: 'string', value: 'F' },
  json: { type: 'boolean' },
} as const;

export const command: Command = {
  name: 'run',
  summary: "Run a workspace's pipeline for one trigger and fixture",
  help: `Usage: pipeline-studio run WORKSPACE --trigger T --fixture F [--json]

Runs the pipeline of trigger T in the workspace folder (pipelines/T/pipeline.json, in order,
with each stage's settings) against one fixture, with env.json and the declared secrets.

Flags:
  --trigger T   the pipeline to run, e.g. PRE_REGISTER (aliases accepted)
  --fixture F   a fixture file path, or the id of a fixture in WORKSPACE/fixtures/T/
                (its file name without .json)
  --json        print one JSON object (outcome, error, user, context, idToken,
                accessToken, customData, stages) instead of the summary
  -h, --help    show this help

Secrets: studio.json names them; values come from PIPELINE_STUDIO_SECRET_<NAME>.

Exit codes: 0 the run completed, whatever its outcome (continue, deny or error);
            2 bad input (no such workspace or fixture, malformed file, unknown trigger, bad flag).

Example:
  pipeline-studio run ./my-workspace --trigger PRE_REGISTER --fixture corporate-address --json
`,
  run: runRun,
};

async function runRun(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, FLAGS);
  expectPositionals(positionals, 1, 1, 'WORKSPACE: the workspace folder');
  const trigger = parseTrigger(requireFlag(flags.trigger, 'trigger', 'T'));
  const fixtureArg = requireFlag(flags.fixture, 'fixture', 'F');
  const ws = await loadWorkspace(positionals[0] as string, io);
  const { fixture, relPath } = await resolveFixture(ws, trigger, fixtureArg, io);
  checkProblems(
    ws,
    (p) => concernsTriggers(p.file, [trigger]) && (!p.file.startsWith('fixtures/') || p.file === relPath),
    io,
  );
  noteMissingSecrets(ws, io);
  const pipeline = ws.snapshot.pipelines.find((p) => p.trigger === trigger);
  const stages = pipeline?.stages ?? [];
  if (stages.length === 0) io.err(`note: the ${trigger} pipeline of ${ws.shown} has no stages\n`);
  const request = buildRunRequest({ trigger, stages, fixture, env: ws.snapshot.env, secrets: ws.secrets });
  const result = await withExecutor({ poolSize: 1 }, (executor) => executor.run(request));
  return printRun(result, flags.json, io);
}

/**
 * `--fixture` is a path when such a file exists, else a fixture id of the trigger's folder.
 * A malformed workspace fixture is reported by `checkProblems` with its file and position.
 */
async function resolveFixture(
  ws: LoadedWorkspace,
  trigger: Trigger,
  arg: string,
  io: CliIo,
): Promise<{ fixture: Fixture; relPath: string | undefined }> {
  const path = resolve(io.cwd, arg);
  if (existsSync(path) && statSync(path).isFile()) {
    const shown = displayPath(io.cwd, path);
    const fixture = await loadFixtureFile(path, shown);
    warnOnTriggerMismatch(fixture.trigger, trigger, shown, io);
    return { fixture, relPath: undefined };
  }
  const id = arg.endsWith('.json') ? arg.slice(0, -'.json'.length) : arg;
  const relPath = `fixtures/${trigger}/${id}.json`;
  const entry = ws.snapshot.pipelines.find((p) => p.trigger === trigger)?.fixtures.find((f) => f.id === id);
  if (entry !== undefined) return { fixture: entry.fixture, relPath };
  if (ws.snapshot.problems.some((p) => p.file === relPath && p.severity !== 'warning')) {
    checkProblems(ws, (p) => p.file === relPath, io);
  }
  const ids = ws.snapshot.pipelines.find((p) => p.trigger === trigger)?.fixtures.map((f) => f.id) ?? [];
  const known =
    ids.length > 0 ? `fixtures there: ${ids.join(', ')}` : `${ws.shown}/fixtures/${trigger}/ has no fixtures`;
  throw new CliError(
    `no fixture "${arg}": no such file, and no fixture with id "${id}" for ${trigger} (${known})`,
  );
}
