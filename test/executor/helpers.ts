import type { RunRequest, StageSource } from '../../main/executor/index.ts';
import type { FixtureInput } from '../../shared/schemas/fixture.ts';
import { fixtureSchema } from '../../shared/schemas/fixture.ts';
import type { Trigger } from '../../shared/triggers.ts';

/** A stage for tests: enabled, synchronous, 3 s timeout unless overridden. */
export function stage(name: string, code: string, options: Partial<StageSource> = {}): StageSource {
  return {
    name,
    file: `${name}.js`,
    path: `pipelines/test/${name}.js`,
    enabled: true,
    async: false,
    timeoutSeconds: 3,
    terminateOnTimeout: false,
    description: '',
    code,
    ...options,
  };
}

/** A pass-through stage body with `body` run before the callback. */
export function passThrough(body = ''): string {
  return `function pipe(user, context, callback) {\n${body}\n  callback(null, user, context);\n}`;
}

export interface RequestOptions {
  fixture?: Partial<FixtureInput>;
  env?: Record<string, string>;
  secrets?: Record<string, string>;
  memoryLimitMb?: number;
}

/** A request with a fixture parsed by the real schema (so defaults match what the CLI sends). */
export function request(
  trigger: Trigger | string,
  stages: StageSource[],
  options: RequestOptions = {},
): RunRequest {
  const fixture = fixtureSchema.parse({
    name: 'test fixture',
    trigger,
    user: { id: 'user-1', email: 'ana@example.com', username: 'ana' },
    context: {
      protocol: 'password',
      request: { ip: '203.0.113.7', geo: { country: 'FR' }, body: {}, query: {} },
    },
    ...options.fixture,
  });
  return {
    trigger: trigger as Trigger,
    stages,
    fixture,
    env: options.env ?? {},
    secrets: options.secrets ?? {},
    ...(options.memoryLimitMb ? { memoryLimitMb: options.memoryLimitMb } : {}),
  };
}
