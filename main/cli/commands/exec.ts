import { basename, extname, resolve } from 'node:path';
import { buildRunRequest, type RunStageInput } from '../../../shared/build-run-request.ts';
import { normalizeTrigger } from '../../../shared/triggers.ts';
import { expectPositionals, parseArgs, requireFlag } from '../args.ts';
import type { Command } from '../command.ts';
import { secretsFromEnv, withExecutor } from '../executor-session.ts';
import { displayPath, loadFixtureFile, parseTrigger, readInputFile } from '../input-files.ts';
import type { CliIo } from '../io.ts';
import { printRun } from '../print-run.ts';

const FLAGS = {
  trigger: { type: 'string', value: 'T' },
  fixture: { type: 'string', value: 'F.json' },
  json: { type: 'boolean' },
} as const;

export const command: Command = {
  name: 'exec',
  summary: 'Run loose function files against one fixture',
  help: `Usage: pipeline-studio exec FILE.js... --trigger T --fixture F.json [--json]

Runs function files, in the order given, as one pipeline against one fixture. Each file is a
stage named after its base name, with default settings (enabled, synchronous, 3 s timeout).

Flags:
  --trigger T       the trigger to run as, e.g. PRE_REGISTER (aliases accepted)
  --fixture F.json  the fixture file: user, context, env, recorded HTTP and authing answers
  --json            print one JSON object (outcome, error, user, context, idToken,
                    accessToken, customData, stages) instead of the summary
  -h, --help        show this help

Secrets: PIPELINE_STUDIO_SECRET_<NAME>=value makes env.<NAME> available, redacted in output.

Exit codes: 0 the run completed, whatever its outcome (continue, deny or error);
            2 bad input (missing file, malformed fixture, unknown trigger, bad flag).

Example:
  pipeline-studio exec check-domain.js add-claims.js --trigger PRE_REGISTER --fixture ana.json
`,
  run: runExec,
};

async function runExec(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, FLAGS);
  expectPositionals(positionals, 1, Number.POSITIVE_INFINITY, 'FILE.js: give at least one function file');
  const trigger = parseTrigger(requireFlag(flags.trigger, 'trigger', 'T'));
  const fixturePath = resolve(io.cwd, requireFlag(flags.fixture, 'fixture', 'F.json'));
  const fixture = await loadFixtureFile(fixturePath, displayPath(io.cwd, fixturePath));
  warnOnTriggerMismatch(fixture.trigger, trigger, displayPath(io.cwd, fixturePath), io);
  const stages = await loadStages(positionals, io.cwd);
  const request = buildRunRequest({ trigger, stages, fixture, env: {}, secrets: secretsFromEnv(io.env) });
  const result = await withExecutor({ poolSize: 1 }, (executor) => executor.run(request));
  return printRun(result, flags.json, io);
}

/** One stage per file, named after the file; a repeated base name gets a numeric suffix. */
async function loadStages(files: readonly string[], cwd: string): Promise<RunStageInput[]> {
  const used = new Set<string>();
  const stages: RunStageInput[] = [];
  for (const file of files) {
    const absolute = resolve(cwd, file);
    const shown = displayPath(cwd, absolute);
    const code = await readInputFile(absolute, shown, 'function file');
    const base = basename(absolute, extname(absolute)) || 'stage';
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`;
    used.add(name);
    stages.push({
      name,
      file: basename(absolute),
      relPath: shown,
      code,
      enabled: true,
      async: false,
      timeoutSeconds: 3,
      terminateOnTimeout: false,
      description: '',
    });
  }
  return stages;
}

/** Running a fixture as another trigger is allowed (it is how one tries a function elsewhere), but said. */
export function warnOnTriggerMismatch(
  fixtureTrigger: string,
  trigger: string,
  shown: string,
  io: CliIo,
): void {
  const own = normalizeTrigger(fixtureTrigger);
  if (own !== undefined && own !== trigger) {
    io.err(`note: ${shown} was written for ${own}; running it as ${trigger}\n`);
  }
}
