/** Plain data returned by contract calls and pushed in events (everything crosses a process boundary). */
import type { ExpectationReport } from '../expect-match.ts';
import type { RunResult } from '../run-result.ts';
import type { Fixture } from '../schemas/fixture.ts';
import type { Trigger } from '../triggers.ts';
import type { SandboxState, WorkspaceChange, WorkspaceSnapshot } from './workspace-types.ts';

/** Which transport carries the contract: the Electron window or a browser tab on the web host. */
export type HostKind = 'electron' | 'web';

export interface AppInfo {
  version: string;
  host: HostKind;
  /** Absolute path of the open workspace; `null` before one is opened. */
  workspacePath: string | null;
  sandbox: SandboxState;
  /** `process.platform` of the main process, for shortcut labels (Cmd vs Ctrl). */
  platform: string;
  /** The electron host has a native folder picker; the web host asks for a typed path instead. */
  nativeDialogs: boolean;
}

export interface RecentWorkspace {
  path: string;
  name: string;
  /** ISO 8601 time of the last open. */
  openedAt: string;
}

/** What a mutating call returns: the workspace as it is on disk after the change. */
export interface Mutation {
  snapshot: WorkspaceSnapshot;
}

/** A mutation that created something: its id (stage name or fixture id) beside the new snapshot. */
export interface Created extends Mutation {
  id: string;
}

export interface FileText {
  relPath: string;
  text: string;
}

/** A secret's name and whether the secret store holds a value; the value itself never leaves main. */
export interface SecretInfo {
  name: string;
  hasValue: boolean;
}

/** A template's metadata as the gallery shows it (`templates/<id>/template.json`). */
export interface TemplateSummary {
  id: string;
  title: string;
  description: string;
  category: string;
  /** Triggers the template is written for; the first is the default. */
  triggers: Trigger[];
  /** Plain settings the function reads from `env`, with a starting value. */
  envKeys: { name: string; description: string; example: string }[];
  /** Values the function reads from `env` that belong in the secret store. */
  secrets: { name: string; description: string }[];
}

export interface TemplateDetail extends TemplateSummary {
  /** The function file's source, for the gallery's preview. */
  code: string;
  /** The template's example fixtures, by file base name. */
  fixtures: { id: string; fixture: Fixture }[];
}

/** One JSON Schema for Monaco's JSON validation and the files it applies to. */
export interface JsonSchemaEntry {
  /** A unique id, e.g. `pipeline-studio://schemas/fixture.json`. */
  uri: string;
  /** Patterns relative to the workspace root, e.g. `fixtures/**` (Monaco glob syntax). */
  fileMatch: string[];
  schema: unknown;
}

export interface EditorLib {
  fileName: string;
  text: string;
}

/** Declarations that give Monaco IntelliSense for pipeline code (generated from shared/ipc/pipeline-globals.ts). */
export interface EditorTypes {
  /** Add once (e.g. at `file:///pipeline-globals.d.ts`): the globals and the modules `require` accepts. */
  globals: EditorLib;
  /**
   * `require('./utils')` resolves by path, so add this beside each stage file's model
   * (`file:///pipelines/<TRIGGER>/utils.d.ts` for `file:///pipelines/<TRIGGER>/x.js`).
   */
  utils: EditorLib;
  /** JSDoc that types `pipe`'s parameters; put it above `function pipe` (new stages start with it). */
  pipeJsDoc: string;
}

/** One fixture's run and how it compares with the fixture's `expect` (`null`: it has none). */
export interface FixtureRun {
  runId: string;
  trigger: Trigger;
  fixtureId: string;
  result: RunResult;
  expectation: ExpectationReport | null;
}

export interface RunAllResult {
  runId: string;
  trigger: Trigger;
  runs: FixtureRun[];
  /** True when `run.cancel` stopped it; runs not started are absent from `runs`. */
  cancelled: boolean;
}

/** Pushed as each fixture of a `run.all` finishes, in completion order. */
export interface RunProgress extends FixtureRun {
  done: number;
  total: number;
}

/** Commands of the application menu that the renderer carries out (Electron host only). */
export type MenuCommand =
  | 'save'
  | 'save-all'
  | 'open-workspace'
  | 'open-recent'
  | 'new-workspace'
  | 'run-fixture'
  | 'run-all'
  | 'close-tab'
  | 'toggle-panel';

export interface WorkspaceChanged {
  changes: WorkspaceChange[];
  /** The workspace re-read after the changes. */
  snapshot: WorkspaceSnapshot;
}

/** Why a call failed, in words a person can act on; never a stack trace of our own code. */
export type IpcErrorCode =
  | 'invalid-args'
  | 'unknown-call'
  | 'no-workspace'
  | 'not-found'
  | 'conflict'
  | 'invalid-file'
  | 'cancelled'
  | 'unavailable'
  | 'forbidden'
  | 'internal';

export interface IpcError {
  code: IpcErrorCode;
  /** What happened and what to do. */
  message: string;
  /** Workspace-relative file the error is about. */
  file?: string;
  line?: number;
  column?: number;
  /** Field path for invalid arguments or JSON, e.g. `settings.timeoutSeconds`. */
  path?: string;
}
