/** A real studio behind the contract, on a temporary user-data folder, for the ipc and web tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor } from '../../main/executor/index.ts';
import { createServices, type StudioServices } from '../../main/ipc/create-services.ts';
import { createFileSecretStore, PLAIN_CODEC } from '../../main/ipc/file-secret-store.ts';
import type { CallArgs, CallName, CallResult } from '../../shared/ipc/contract.ts';
import type { IpcError } from '../../shared/ipc/results.ts';
import type { EventMessage } from '../../shared/ipc/wire.ts';

export interface Harness {
  services: StudioServices;
  dir: string;
  userDataDir: string;
  events: EventMessage[];
  call<K extends CallName>(name: K, args?: CallArgs<K>): Promise<CallResult<K>>;
  /** The error a call answers; fails the test when the call succeeds. */
  fail(name: CallName, args?: unknown): Promise<IpcError>;
  /** Resolves with the first event matching `test`, already received or still to come. */
  nextEvent(test: (event: EventMessage) => boolean): Promise<EventMessage>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'studio-ipc-'));
  const userDataDir = join(dir, 'user-data');
  const services = createServices({
    host: 'web',
    version: '0.0.0-test',
    executor: createExecutor({ poolSize: 1 }),
    userDataDir,
    secretStoreFor: (root) =>
      createFileSecretStore({ dir: userDataDir, workspaceRoot: root, codec: PLAIN_CODEC }),
    watchDebounceMs: 50,
  });
  const events: EventMessage[] = [];
  const waiters: { test: (e: EventMessage) => boolean; resolve: (e: EventMessage) => void }[] = [];
  services.onEvent((event) => {
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.test(event)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  });
  return {
    services,
    dir,
    userDataDir,
    events,
    async call(name, args) {
      const outcome = await services.handleCall(name, args ?? {});
      if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.code}: ${outcome.error.message}`);
      return outcome.value as never;
    },
    async fail(name, args) {
      const outcome = await services.handleCall(name, args ?? {});
      if (outcome.ok) throw new Error(`${name} succeeded but was expected to fail`);
      return outcome.error;
    },
    nextEvent(test) {
      const seen = events.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
    async close() {
      await services.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
