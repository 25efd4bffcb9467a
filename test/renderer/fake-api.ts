import type { Api } from '../../shared/ipc/contract.ts';
import type { WorkspaceSnapshot } from '../../shared/ipc/workspace-types.ts';

/**
 * An `Api` whose calls are the given functions; any other call fails loudly, so a slice that
 * reaches for a call the test did not expect shows up as a failure, not as `undefined`.
 */
export function fakeApi(calls: Partial<Api>): Api {
  return new Proxy(calls, {
    get(target, name: string) {
      const call = (target as Record<string, unknown>)[name];
      if (call) return call;
      return () => Promise.reject(new Error(`unexpected call ${name}`));
    },
  }) as Api;
}

export function snapshot(overrides: Partial<WorkspaceSnapshot> = {}): WorkspaceSnapshot {
  return {
    root: '/tmp/ws',
    studio: { name: 'Test', secrets: [] },
    env: { A: '1' },
    pipelines: [
      {
        trigger: 'PRE_REGISTER',
        stages: [
          {
            name: 'check',
            file: 'check.js',
            enabled: true,
            async: false,
            timeoutSeconds: 3,
            terminateOnTimeout: false,
            description: '',
            relPath: 'pipelines/PRE_REGISTER/check.js',
            code: 'async function pipe(user, context, callback) {}',
          },
        ],
        fixtures: [],
      },
    ],
    problems: [],
    ...overrides,
  };
}
