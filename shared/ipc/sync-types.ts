/**
 * What the sync and publish calls return (issue 6, "Sync and publish in the studio"). Plain data:
 * the renderer shows it as is, so every message here is already worded for a person.
 */
import type { Trigger } from '../triggers.ts';
import type { WorkspaceChange, WorkspaceSnapshot } from './workspace-types.ts';

/** One item compared with the remote: clean, changed here, changed there, or changed on both sides. */
export type SyncState = 'clean' | 'ahead' | 'behind' | 'diverged';

/** Whether the remote could be asked; `offline` keeps local edits and retries on the next check. */
export type SyncConnection = 'unconfigured' | 'online' | 'offline' | 'unauthorized';

/** The workspace as a whole: the worst of its items, or why there is nothing to compare. */
export type SyncOverall = SyncState | 'conflicted' | SyncConnection;

/** The remote named in studio.json; the API key itself never leaves main, only whether one is stored. */
export interface SyncRemote {
  url: string;
  tenant: string;
  hasKey: boolean;
}

export type SyncItemKind = 'stage' | 'order' | 'env' | 'fixture';

export interface SyncItem {
  kind: SyncItemKind;
  /** Absent for the workspace-wide env. */
  trigger?: Trigger;
  /** Stage name, fixture id, `pipeline.json` for the order and settings, or `env.json`. */
  name: string;
  /** Workspace-relative path of the file this item lives in. */
  relPath: string;
  state: SyncState;
}

/**
 * One place both sides changed differently since the last sync: the person chooses the result.
 * Code is compared as text; settings, order, env values and fixtures as formatted JSON.
 */
export interface SyncConflict {
  /** Stable id, the key of its resolution, e.g. `PRE_REGISTER/stage/domain-check/code`. */
  id: string;
  kind: 'code' | 'setting' | 'order' | 'stage' | 'env' | 'fixture';
  /** The workspace file it is in, e.g. `pipelines/PRE_REGISTER/email-domain-whitelist.js`. */
  relPath: string;
  /** What it is about, for a person: "code of stage domain-check (PRE_REGISTER)". */
  title: string;
  /** Monaco language of the texts. */
  language: 'javascript' | 'json';
  /** Text at the last synced revision; `null` when absent there. */
  base: string | null;
  /** `null`: deleted (or never there) on that side. */
  local: string | null;
  remote: string | null;
  /** A starting point for the result: for code, the merge with each clash between markers. */
  merged: string;
}

export interface SyncStatus {
  remote: SyncRemote | null;
  connection: SyncConnection;
  overall: SyncOverall;
  /** The remote revision the workspace last synced with; `null` before the first pull or push. */
  baseRevision: number | null;
  /** The remote's head revision, when it could be asked. */
  headRevision: number | null;
  publishedVersion: number | null;
  items: SyncItem[];
  /** Conflicts waiting for a choice; nothing is pushed while this is not empty. */
  conflicts: SyncConflict[];
  /** A sentence for the person when something needs attention (offline, unauthorized). */
  message: string | null;
  /** ISO 8601 time of this check. */
  checkedAt: string;
}

/** What a pull, push or resolution did, beside the status after it. */
export interface SyncOutcome {
  status: SyncStatus;
  /** One line for a notice: "Pulled revision 4: 2 files updated", "Pushed revision 5". */
  summary: string;
  /** Files written locally by a pull or a resolution (never echoed as `workspace.changed`). */
  changes: WorkspaceChange[];
  /** The workspace after it, so open tabs can follow the disk. */
  snapshot: WorkspaceSnapshot;
}

/** A stage whose code does not compile: file and line, so the UI can jump there. */
export interface GateCompileProblem {
  trigger: Trigger;
  stage: string;
  relPath: string;
  line?: number;
  message: string;
}

export interface GateFixtureResult {
  trigger: Trigger;
  fixtureId: string;
  name: string;
  pass: boolean;
  /** Why it failed: the mismatches or the run's error, one line each. */
  reasons: string[];
}

export interface PublishGate {
  passed: boolean;
  compile: GateCompileProblem[];
  fixtures: GateFixtureResult[];
}

/** A decision as the review compares it. `absent`: the trigger or fixture does not exist on that side. */
export type DecisionOutcome = 'continue' | 'deny' | 'error' | 'absent';

/** One fixture whose result differs between the published version and the draft. */
export interface BehaviourChange {
  trigger: Trigger;
  fixtureId: string;
  name: string;
  published: DecisionOutcome;
  draft: DecisionOutcome;
  /** What else differs when the outcome is the same (user, context, tokens), as `path: before → after`. */
  details: string[];
}

export type ChangeKind = 'code' | 'order' | 'settings' | 'env' | 'fixture';

/** One difference in what would be published, compared with the published version. */
export interface ContentChange {
  kind: ChangeKind;
  trigger?: Trigger;
  /** The stage, the fixture, or the env key. */
  name: string;
  change: 'added' | 'removed' | 'changed';
  /** For code: a unified diff; for order and settings: `before → after`. */
  detail: string;
}

export interface PublishReview {
  gate: PublishGate;
  /** The revision that will be published (the head after a push of the draft). */
  revision: number | null;
  /** Local edits not yet pushed: publishing pushes them first. */
  needsPush: boolean;
  publishedVersion: number | null;
  behaviour: BehaviourChange[];
  changes: ContentChange[];
  /** Identifies the reviewed draft; publish refuses when the workspace changed since. */
  draftHash: string;
}

export interface PublishedVersion {
  version: number;
  revision: number;
  createdAt: string;
  createdBy: string | null;
  rollbackOf: number | null;
  note: string;
}

export interface VersionHistory {
  publishedVersion: number | null;
  versions: PublishedVersion[];
}
