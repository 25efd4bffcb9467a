import { type Fixture, fixtureSchema } from '../../shared/schemas/fixture.ts';
import { type PipelineFile, pipelineFileSchema } from '../../shared/schemas/pipeline.ts';
import {
  type EnvFile,
  envFileSchema,
  type StudioFile,
  studioFileSchema,
} from '../../shared/schemas/studio.ts';
import type { Trigger } from '../../shared/triggers.ts';
import { malformedFileError, WorkspaceError } from './errors.ts';
import { type ParsedFile, parseJsonFile } from './json-file.ts';
import type { WorkspaceIo } from './workspace-io.ts';

export const STUDIO_FILE = 'studio.json';
export const ENV_FILE = 'env.json';
export const PIPELINES_DIR = 'pipelines';
export const FIXTURES_DIR = 'fixtures';

const EXPECTED_STUDIO = 'an object like { "name": "my workspace", "secrets": ["API_KEY"] }';
const EXPECTED_ENV = 'an object of text values, like { "ALLOWED_DOMAIN": "example.com" }';
const EXPECTED_PIPELINE = 'an object like { "stages": [ { "name": "my-stage", "file": "my-stage.js" } ] }';
const EXPECTED_FIXTURE = 'a fixture like { "name": "...", "trigger": "PRE_REGISTER", "context": {} }';

export function pipelineFilePath(trigger: Trigger): string {
  return `${PIPELINES_DIR}/${trigger}/pipeline.json`;
}

export function stageFilePath(trigger: Trigger, file: string): string {
  return `${PIPELINES_DIR}/${trigger}/${file}`;
}

export function fixtureFilePath(trigger: Trigger, id: string): string {
  return `${FIXTURES_DIR}/${trigger}/${id}.json`;
}

/** A file read from the workspace: absent, or parsed (valid or with its problems). */
export type ReadFile<T> = { exists: false } | ({ exists: true; text: string } & ParsedFile<T>);

async function readJson<T>(
  io: WorkspaceIo,
  relPath: string,
  parse: (text: string) => ParsedFile<T>,
): Promise<ReadFile<T>> {
  const text = await io.readText(relPath);
  if (text === undefined) return { exists: false };
  return { exists: true, text, ...parse(text) };
}

export function readStudio(io: WorkspaceIo): Promise<ReadFile<StudioFile>> {
  return readJson(io, STUDIO_FILE, (text) =>
    parseJsonFile(text, STUDIO_FILE, studioFileSchema, EXPECTED_STUDIO),
  );
}

export function readEnvFile(io: WorkspaceIo): Promise<ReadFile<EnvFile>> {
  return readJson(io, ENV_FILE, (text) => parseJsonFile(text, ENV_FILE, envFileSchema, EXPECTED_ENV));
}

export function readPipeline(io: WorkspaceIo, trigger: Trigger): Promise<ReadFile<PipelineFile>> {
  const file = pipelineFilePath(trigger);
  return readJson(io, file, (text) => parseJsonFile(text, file, pipelineFileSchema, EXPECTED_PIPELINE));
}

export function readFixtureFile(io: WorkspaceIo, trigger: Trigger, id: string): Promise<ReadFile<Fixture>> {
  const file = fixtureFilePath(trigger, id);
  return readJson(io, file, (text) => parseJsonFile(text, file, fixtureSchema, EXPECTED_FIXTURE));
}

/** A valid file, for an operation that will rewrite it: refuses (file untouched) when it is malformed. */
export interface EditableFile<T> {
  value: T;
  /** The JSON as written; edits go here so keys unknown to the schema survive. */
  raw: Record<string, unknown>;
}

export function requireValid<T>(read: ReadFile<T>, action: string): EditableFile<T> | undefined {
  if (!read.exists) return undefined;
  if (!read.ok) throw malformedFileError(read.problems, action);
  return { value: read.value, raw: read.raw as Record<string, unknown> };
}

/** Like {@link requireValid} for files that must exist. */
export function requireExisting<T>(read: ReadFile<T>, relPath: string, action: string): EditableFile<T> {
  const file = requireValid(read, action);
  if (!file) throw new WorkspaceError('not-found', `Cannot ${action}: ${relPath} does not exist.`);
  return file;
}
