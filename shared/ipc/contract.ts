/**
 * The IPC contract: every call the renderer can make and every event main can push, defined
 * once. Electron's preload and the WebSocket bridge are two transports of this map. A new call
 * is one line in `callArgs`, one in `CallResults` and one in `CALL_NAMES` (channels.ts); the
 * compiler then shows every host still missing it.
 */
import type { z } from 'zod';
import type { RunResult } from '../run-result.ts';
import type { EnvFile } from '../schemas/studio.ts';
import {
  envArgs,
  fileArgs,
  fixtureArgs,
  noArgs,
  runArgs,
  secretArgs,
  stageArgs,
  templateArgs,
  workspaceArgs,
} from './args.ts';
import type {
  AppInfo,
  Created,
  EditorTypes,
  FileText,
  FixtureRun,
  IpcError,
  JsonSchemaEntry,
  MenuCommand,
  Mutation,
  RecentWorkspace,
  RunAllResult,
  RunProgress,
  SecretInfo,
  TemplateDetail,
  TemplateSummary,
  WorkspaceChanged,
} from './results.ts';
import { syncArgs } from './sync-args.ts';
import type {
  PublishedVersion,
  PublishReview,
  SyncOutcome,
  SyncStatus,
  VersionHistory,
} from './sync-types.ts';
import type { SandboxState, WorkspaceSnapshot } from './workspace-types.ts';

/** Argument schemas by call name; the host validates every call with these before running it. */
export const callArgs = {
  'app.info': noArgs,
  'dialog.pickFolder': noArgs,
  'workspace.open': workspaceArgs.open,
  'workspace.create': workspaceArgs.create,
  'workspace.recent': noArgs,
  'workspace.snapshot': noArgs,
  'file.read': fileArgs.read,
  'file.write': fileArgs.write,
  'stage.add': stageArgs.add,
  'stage.addFromTemplate': stageArgs.addFromTemplate,
  'stage.rename': stageArgs.rename,
  'stage.delete': stageArgs.delete,
  'stage.reorder': stageArgs.reorder,
  'stage.setSettings': stageArgs.setSettings,
  'fixture.add': fixtureArgs.add,
  'fixture.duplicate': fixtureArgs.duplicate,
  'fixture.rename': fixtureArgs.rename,
  'fixture.delete': fixtureArgs.delete,
  'fixture.write': fixtureArgs.write,
  'fixture.saveActualAsExpect': fixtureArgs.saveActualAsExpect,
  'env.read': noArgs,
  'env.write': envArgs.write,
  'secrets.list': noArgs,
  'secrets.set': secretArgs.set,
  'secrets.delete': secretArgs.delete,
  'templates.list': noArgs,
  'templates.get': templateArgs.get,
  'schemas.get': noArgs,
  'types.get': noArgs,
  'run.fixture': runArgs.fixture,
  'run.all': runArgs.all,
  'run.cancel': runArgs.cancel,
  'run.stages': runArgs.stages,
  'sync.status': noArgs,
  'sync.connect': syncArgs.connect,
  'sync.pull': noArgs,
  'sync.push': noArgs,
  'sync.resolveConflict': syncArgs.resolveConflict,
  'sync.publishReview': noArgs,
  'sync.publish': syncArgs.publish,
  'sync.versions': noArgs,
  'sync.rollback': syncArgs.rollback,
} as const satisfies Record<string, z.ZodType>;

/** What each call resolves with. Keys must equal those of `callArgs` (checked below). */
export interface CallResults {
  'app.info': AppInfo;
  /** The chosen folder, or `null` when cancelled or when the host has no native dialog (web). */
  'dialog.pickFolder': { path: string } | null;
  'workspace.open': WorkspaceSnapshot;
  'workspace.create': WorkspaceSnapshot;
  'workspace.recent': RecentWorkspace[];
  'workspace.snapshot': WorkspaceSnapshot;
  'file.read': FileText;
  'file.write': Mutation;
  'stage.add': Created;
  'stage.addFromTemplate': Created;
  'stage.rename': Created;
  'stage.delete': Mutation;
  'stage.reorder': Mutation;
  'stage.setSettings': Mutation;
  'fixture.add': Created;
  'fixture.duplicate': Created;
  'fixture.rename': Created;
  'fixture.delete': Mutation;
  'fixture.write': Mutation;
  'fixture.saveActualAsExpect': Mutation;
  'env.read': EnvFile;
  'env.write': Mutation;
  'secrets.list': SecretInfo[];
  'secrets.set': SecretInfo[];
  'secrets.delete': SecretInfo[];
  'templates.list': TemplateSummary[];
  'templates.get': TemplateDetail;
  'schemas.get': JsonSchemaEntry[];
  'types.get': EditorTypes;
  'run.fixture': FixtureRun;
  /** Resolves when every fixture has run (or the run was cancelled); `run.progress` streams before. */
  'run.all': RunAllResult;
  /** `true` when a run with that id was in flight and is now cancelled. */
  'run.cancel': { cancelled: boolean };
  'run.stages': { runId: string; result: RunResult };
  /** Asks the remote (offline is an answer, not an error). */
  'sync.status': SyncStatus;
  /** Stores url/tenant in studio.json and the key in the secret store, then checks the remote. */
  'sync.connect': SyncStatus;
  'sync.pull': SyncOutcome;
  /** Refused while conflicts wait; a stale base pulls and merges first. */
  'sync.push': SyncOutcome;
  'sync.resolveConflict': SyncOutcome;
  /** Runs the gate (compile + every fixture), then the behaviour and content diff. */
  'sync.publishReview': PublishReview;
  /** Pushes the reviewed draft if needed, then publishes it; refused if it changed since the review. */
  'sync.publish': PublishedVersion;
  'sync.versions': VersionHistory;
  'sync.rollback': PublishedVersion;
}

/** Payloads of the events main pushes to the renderer. */
export interface EventPayloads {
  /** Files changed outside the studio (an editor, `git checkout`); never an echo of our own writes. */
  'workspace.changed': WorkspaceChanged;
  'sandbox.state': { state: SandboxState };
  'run.progress': RunProgress;
  /** An error not caused by a call (a watcher failure, a sandbox crash during a run). */
  'app.error': IpcError;
  /** An application-menu command for the renderer to carry out (save, run fixture, ...). */
  'menu.command': { command: MenuCommand /** For `open-recent`: the workspace to open. */; path?: string };
  /** The sync state changed (after a pull, push, connect, or a periodic check). */
  'sync.changed': SyncStatus;
}

export type CallName = keyof typeof callArgs;
export type EventName = keyof EventPayloads;
/** What the caller passes (defaults not yet applied). */
export type CallArgs<K extends CallName> = z.input<(typeof callArgs)[K]>;
/** What a handler receives, after validation and defaults. */
export type ParsedArgs<K extends CallName> = z.output<(typeof callArgs)[K]>;
export type CallResult<K extends CallName> = CallResults[K];

/** Calls whose arguments are all optional may be made without an argument. */
type Method<K extends CallName> =
  Record<never, never> extends CallArgs<K>
    ? (args?: CallArgs<K>) => Promise<CallResult<K>>
    : (args: CallArgs<K>) => Promise<CallResult<K>>;

/** The renderer's API: one method per call, exposed by the preload or built over the WebSocket. */
export type Api = { [K in CallName]: Method<K> };

/** Subscribes to one event; returns the function that unsubscribes. */
export type Subscribe = <E extends EventName>(
  name: E,
  listener: (payload: EventPayloads[E]) => void,
) => () => void;

/** What the preload exposes on `window.studio`, and what the web transport provides. */
export interface StudioBridge {
  api: Api;
  on: Subscribe;
}

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time check: the two maps list the same calls. */
const callMapsAgree: Equal<CallName, keyof CallResults> = true;
void callMapsAgree;
