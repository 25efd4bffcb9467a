/**
 * Assembles the services behind the contract: the open workspace, the template catalog, the
 * executor and the secret store, with one dispatcher and one event stream for any transport.
 */
import type { HostKind } from '../../shared/ipc/results.ts';
import type { Executor } from '../executor/types.ts';
import type { TemplateCatalog } from '../workspace/index.ts';
import type { SecretStore } from '../workspace/types.ts';
import { catalogHandlers } from './catalog-handlers.ts';
import { createDispatcher, type Handlers } from './dispatcher.ts';
import { createEventHub } from './event-hub.ts';
import { pipelineHandlers } from './pipeline-handlers.ts';
import { createRecentWorkspaces } from './recent-workspaces.ts';
import { runHandlers } from './run-handlers.ts';
import type { Services } from './services.ts';
import { createSession } from './session.ts';
import { syncHandlers } from './sync-handlers.ts';
import { workspaceHandlers } from './workspace-handlers.ts';

export interface ServicesOptions {
  host: HostKind;
  version: string;
  executor: Executor;
  /** Recent workspaces (and the web host's secrets) live here, never in a workspace. */
  userDataDir: string;
  secretStoreFor(workspaceRoot: string): SecretStore;
  templates?: TemplateCatalog;
  pickFolder?: () => Promise<string | null>;
  watchDebounceMs?: number;
  /** Closed with the services; hosts that share one executor pass false. */
  ownsExecutor?: boolean;
}

export interface StudioServices extends Services {
  /** Opens a workspace before any page asks (the path given on the command line). */
  openWorkspace(path: string): Promise<void>;
}

export function createServices(options: ServicesOptions): StudioServices {
  const events = createEventHub();
  const recent = createRecentWorkspaces(options.userDataDir);
  const session = createSession({
    events,
    recent,
    secretStoreFor: options.secretStoreFor,
    ...(options.templates === undefined ? {} : { templates: options.templates }),
    ...(options.watchDebounceMs === undefined ? {} : { watchDebounceMs: options.watchDebounceMs }),
  });
  const runs = runHandlers(session, options.executor, events);
  const handlers: Handlers = {
    ...workspaceHandlers({
      host: options.host,
      version: options.version,
      session,
      executor: options.executor,
      recent,
      ...(options.pickFolder === undefined ? {} : { pickFolder: options.pickFolder }),
    }),
    ...pipelineHandlers(session, runs.runner),
    ...catalogHandlers(options.templates),
    ...runs.handlers,
    ...syncHandlers({ session, executor: options.executor, events }),
  };
  const stopStateEvents = options.executor.onStateChange((state) => events.emit('sandbox.state', { state }));

  return {
    host: options.host,
    handleCall: createDispatcher(handlers),
    onEvent: (listener) => events.subscribe(listener),
    async openWorkspace(path) {
      await session.open(path);
    },
    async close() {
      stopStateEvents();
      await session.close();
      if (options.ownsExecutor !== false) await options.executor.close();
    },
  };
}
