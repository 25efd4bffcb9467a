import { basename } from 'node:path';
import type { StudioFile } from '../../shared/schemas/studio.ts';
import {
  isTrigger,
  normalizeTrigger,
  TRIGGER_ALIASES,
  TRIGGERS,
  type Trigger,
} from '../../shared/triggers.ts';
import { isTempFileName } from './atomic-write.ts';
import type { FileProblem, FixtureEntry, StageEntry, TriggerPipeline, WorkspaceSnapshot } from './types.ts';
import {
  FIXTURES_DIR,
  fixtureFilePath,
  PIPELINES_DIR,
  pipelineFilePath,
  readEnvFile,
  readFixtureFile,
  readPipeline,
  readStudio,
  STUDIO_FILE,
  stageFilePath,
} from './workspace-files.ts';
import type { WorkspaceIo } from './workspace-io.ts';

/**
 * Reads the whole workspace. Never throws for bad content: every malformed or inconsistent file
 * becomes a {@link FileProblem}, and what could be read is still returned.
 */
export async function readSnapshot(io: WorkspaceIo): Promise<WorkspaceSnapshot> {
  const problems: FileProblem[] = [];
  const studio = await readStudioOrFallback(io, problems);
  const envRead = await readEnvFile(io);
  let env = {};
  if (envRead.exists && !envRead.ok) problems.push(...envRead.problems);
  if (envRead.exists && envRead.ok) env = envRead.value;

  await checkTriggerFolders(io, PIPELINES_DIR, problems);
  await checkTriggerFolders(io, FIXTURES_DIR, problems);
  const pipelines: TriggerPipeline[] = [];
  for (const trigger of TRIGGERS) {
    pipelines.push({
      trigger,
      stages: await readStages(io, trigger, problems),
      fixtures: await readFixtures(io, trigger, problems),
    });
  }
  return { root: io.root, studio, env, pipelines, problems };
}

async function readStudioOrFallback(io: WorkspaceIo, problems: FileProblem[]): Promise<StudioFile> {
  const read = await readStudio(io);
  if (read.exists && read.ok) return read.value;
  if (!read.exists) {
    problems.push({
      file: STUDIO_FILE,
      message: 'missing: every workspace has a studio.json; run "pipeline-studio init" to create one',
      severity: 'error',
    });
  } else {
    problems.push(...read.problems);
  }
  return { name: basename(io.root), secrets: [] };
}

async function checkTriggerFolders(io: WorkspaceIo, dir: string, problems: FileProblem[]): Promise<void> {
  for (const entry of await io.list(dir)) {
    if (entry.name.startsWith('.') || isTrigger(entry.name)) continue;
    const alias = TRIGGER_ALIASES[entry.name.toUpperCase()] ?? normalizeTrigger(entry.name);
    const hint = alias ? `rename it to ${alias}` : `use one of ${TRIGGERS.join(', ')}`;
    problems.push({
      file: `${dir}/${entry.name}`,
      message: entry.isDirectory
        ? `"${entry.name}" is not a trigger, so this folder is ignored; ${hint}`
        : `unexpected file: ${dir}/ holds one folder per trigger (${TRIGGERS.join(', ')})`,
      severity: 'warning',
    });
  }
}

async function readStages(io: WorkspaceIo, trigger: Trigger, problems: FileProblem[]): Promise<StageEntry[]> {
  const pipelineFile = pipelineFilePath(trigger);
  const jsFiles = (await io.list(`${PIPELINES_DIR}/${trigger}`))
    .filter((entry) => !entry.isDirectory && entry.name.endsWith('.js') && !isTempFileName(entry.name))
    .map((entry) => entry.name);
  const read = await readPipeline(io, trigger);
  if (!read.exists) {
    for (const file of jsFiles) problems.push(unlistedProblem(trigger, file, 'there is no pipeline.json'));
    return [];
  }
  if (!read.ok) {
    problems.push(...read.problems);
    return [];
  }
  const stages: StageEntry[] = [];
  const seenNames = new Set<string>();
  const listedFiles = new Set<string>();
  for (const [index, stage] of read.value.stages.entries()) {
    if (seenNames.has(stage.name)) {
      problems.push({
        file: pipelineFile,
        path: `stages.${index}.name`,
        message: `field "stages.${index}.name": the stage name "${stage.name}" is used twice; expected unique names`,
        severity: 'error',
      });
      continue;
    }
    seenNames.add(stage.name);
    listedFiles.add(stage.file);
    const relPath = stageFilePath(trigger, stage.file);
    const code = await io.readText(relPath);
    if (code === undefined) {
      problems.push({
        file: pipelineFile,
        path: `stages.${index}.file`,
        message:
          `field "stages.${index}.file": stage "${stage.name}" needs ${relPath}, which does not exist; ` +
          'restore the file or delete the stage',
        severity: 'error',
      });
      continue;
    }
    stages.push({ ...stage, relPath, code });
  }
  for (const file of jsFiles) {
    if (!listedFiles.has(file))
      problems.push(unlistedProblem(trigger, file, 'pipeline.json does not list it'));
  }
  return stages;
}

function unlistedProblem(trigger: Trigger, file: string, why: string): FileProblem {
  return {
    file: stageFilePath(trigger, file),
    message: `not part of the ${trigger} pipeline because ${why}; add it as a stage or delete the file`,
    severity: 'warning',
  };
}

async function readFixtures(
  io: WorkspaceIo,
  trigger: Trigger,
  problems: FileProblem[],
): Promise<FixtureEntry[]> {
  const ids = (await io.list(`${FIXTURES_DIR}/${trigger}`))
    .filter((entry) => !entry.isDirectory && entry.name.endsWith('.json') && !entry.name.startsWith('.'))
    .map((entry) => entry.name.slice(0, -'.json'.length))
    .sort((a, b) => a.localeCompare(b));
  const fixtures: FixtureEntry[] = [];
  for (const id of ids) {
    const relPath = fixtureFilePath(trigger, id);
    const read = await readFixtureFile(io, trigger, id);
    if (!read.exists) continue;
    if (!read.ok) {
      problems.push(...read.problems);
      continue;
    }
    if (normalizeTrigger(read.value.trigger) !== trigger) {
      problems.push({
        file: relPath,
        path: 'trigger',
        message: `field "trigger": "${read.value.trigger}" does not match its folder; expected "${trigger}" or move the file to ${FIXTURES_DIR}/${read.value.trigger}/`,
        severity: 'error',
      });
      continue;
    }
    fixtures.push({ id, relPath, fixture: read.value });
  }
  return fixtures;
}
