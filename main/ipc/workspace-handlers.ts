/** Handlers of the calls about the host, the workspace as a whole, its files, env and secrets. */
import type { AppInfo, HostKind } from '../../shared/ipc/results.ts';
import type { Executor } from '../executor/types.ts';
import type { Handlers } from './dispatcher.ts';
import type { RecentWorkspaces } from './recent-workspaces.ts';
import type { Session } from './session.ts';

export interface WorkspaceHandlerDeps {
  host: HostKind;
  version: string;
  session: Session;
  executor: Executor;
  recent: RecentWorkspaces;
  /** The desktop's folder picker; absent on the web host. */
  pickFolder?: () => Promise<string | null>;
}

type WorkspaceCalls =
  | 'app.info'
  | 'dialog.pickFolder'
  | 'workspace.open'
  | 'workspace.create'
  | 'workspace.recent'
  | 'workspace.snapshot'
  | 'file.read'
  | 'file.write'
  | 'env.read'
  | 'env.write'
  | 'secrets.list'
  | 'secrets.set'
  | 'secrets.delete';

export function workspaceHandlers(deps: WorkspaceHandlerDeps): Pick<Handlers, WorkspaceCalls> {
  const { session } = deps;
  const mutated = async () => ({ snapshot: await session.snapshot() });
  return {
    async 'app.info'(): Promise<AppInfo> {
      return {
        version: deps.version,
        host: deps.host,
        workspacePath: session.root,
        sandbox: deps.executor.state,
        platform: process.platform,
        nativeDialogs: deps.pickFolder !== undefined,
      };
    },
    async 'dialog.pickFolder'() {
      if (deps.pickFolder === undefined) return null;
      const path = await deps.pickFolder();
      return path === null ? null : { path };
    },
    'workspace.open': ({ path }) => session.open(path),
    'workspace.create': ({ path, name }) => session.create(path, name),
    'workspace.recent': () => deps.recent.list(),
    'workspace.snapshot': () => session.snapshot(),
    async 'file.read'({ relPath }) {
      return { relPath, text: await session.current().readFile(relPath) };
    },
    async 'file.write'({ relPath, text }) {
      await session.current().writeFile(relPath, text);
      return mutated();
    },
    'env.read': () => session.current().readEnv(),
    async 'env.write'({ env }) {
      await session.current().writeEnv(env);
      return mutated();
    },
    'secrets.list': () => session.current().listSecrets(),
    async 'secrets.set'({ name, value }) {
      await session.current().setSecret(name, value);
      return session.current().listSecrets();
    },
    async 'secrets.delete'({ name }) {
      await session.current().deleteSecret(name);
      return session.current().listSecrets();
    },
  };
}
