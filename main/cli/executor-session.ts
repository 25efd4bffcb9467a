import type { Executor, ExecutorOptions } from '../executor/types.ts';

/**
 * Runs `use` with a fresh executor and always closes it, so the sandbox host process ends and
 * the CLI exits as soon as its work is done. The executor is imported here, lazily, so `--help`
 * and argument errors never start a sandbox.
 */
export async function withExecutor<T>(
  options: ExecutorOptions,
  use: (executor: Executor) => Promise<T>,
): Promise<T> {
  const { createExecutor } = await import('../executor/index.ts');
  const executor = createExecutor(options);
  try {
    return await use(executor);
  } finally {
    await executor.close();
  }
}

const SECRET_PREFIX = 'PIPELINE_STUDIO_SECRET_';

/**
 * Secrets for loose files (`exec`): every `PIPELINE_STUDIO_SECRET_<NAME>` variable becomes the
 * secret `<NAME>`. Workspaces declare their names in studio.json and read them through the
 * workspace service instead.
 */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith(SECRET_PREFIX) && key.length > SECRET_PREFIX.length && value !== undefined) {
      secrets[key.slice(SECRET_PREFIX.length)] = value;
    }
  }
  return secrets;
}
