import { WorkspaceError } from './errors.ts';
import type { SecretStore } from './types.ts';

/** Prefix of the environment variables the CLI reads secret values from. */
export const SECRET_ENV_PREFIX = 'PIPELINE_STUDIO_SECRET_';

/**
 * Secret values from environment variables (`PIPELINE_STUDIO_SECRET_<NAME>`), for the CLI and CI.
 * Read-only: a value set here could not outlive the process, so setting one is refused.
 */
export function createEnvSecretStore(env: NodeJS.ProcessEnv = process.env): SecretStore {
  const refuse = (name: string): never => {
    throw new WorkspaceError(
      'read-only-secret-store',
      `Secret values come from environment variables here; set ${SECRET_ENV_PREFIX}${name} in the environment instead.`,
    );
  };
  return {
    readOnly: true,
    async get(name) {
      return env[`${SECRET_ENV_PREFIX}${name}`];
    },
    async set(name) {
      refuse(name);
    },
    async delete(name) {
      refuse(name);
    },
    async list() {
      return Object.keys(env)
        .filter((key) => key.startsWith(SECRET_ENV_PREFIX) && env[key] !== undefined)
        .map((key) => key.slice(SECRET_ENV_PREFIX.length))
        .filter((name) => name !== '')
        .sort();
    },
  };
}

/** Values kept in memory only: for tests, and for a web host session that must not persist them. */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial));
  return {
    async get(name) {
      return values.get(name);
    },
    async set(name, value) {
      values.set(name, value);
    },
    async delete(name) {
      values.delete(name);
    },
    async list() {
      return [...values.keys()].sort();
    },
  };
}
