/** Sync and publish: the service the CLI (`status|pull|push|publish`) and the studio's panels use. */
export type { Conflict, ConflictKind, Resolution, Resolutions } from './conflicts.ts';
export { CONFLICT_MARKERS, diffLines, formatDiff, hasConflictMarkers, merge3 } from './diff3.ts';
export { checkGate, compileCheck, type GateReport } from './gate.ts';
export { type ContentMerge, mergeContent } from './merge-content.ts';
export { type PublishOptions, type PublishResult, publishWorkspace } from './publish.ts';
export { buildReview, type Review } from './review.ts';
export { compareContents, type ItemStatus, overallState, type SyncState } from './status.ts';
export { StoreRequestError, StoreUnreachableError } from './store-client.ts';
export {
  type OpenSyncOptions,
  openSync,
  REMOTE_KEY_SECRET,
  type SyncResult,
  type SyncService,
  type SyncStatus,
} from './sync-service.ts';
export { SYNC_BASE_FILE, SyncError } from './workspace-content.ts';
