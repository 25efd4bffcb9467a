/** The workspace service's public entry: everything the CLI, the hosts and the tests use. */
export { isTempFileName, writeFileAtomic } from './atomic-write.ts';
export { createWorkspace } from './create-workspace.ts';
export { formatProblem, WorkspaceError, type WorkspaceErrorCode } from './errors.ts';
export { expectFromResult } from './expect-from-result.ts';
export { exampleFixture, type NewFixture } from './fixture-ops.ts';
export { redactionMarker, redactSecrets } from './redact-secrets.ts';
export { createEnvSecretStore, createMemorySecretStore, SECRET_ENV_PREFIX } from './secret-stores.ts';
export { blankStageCode, type NewStage } from './stage-ops.ts';
export { BUILT_IN_TEMPLATES, type TemplateCatalog } from './template-catalog.ts';
export type { TemplateAdded } from './template-ops.ts';
export type * from './types.ts';
export type { WatchOptions, WorkspaceWatcher } from './watcher.ts';
export { type OpenWorkspaceOptions, openWorkspace, type Workspace } from './workspace.ts';
