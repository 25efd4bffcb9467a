import { type EnvFile, envFileSchema } from '../../shared/schemas/studio.ts';
import { WorkspaceError } from './errors.ts';
import { formatJson } from './json-file.ts';
import type { OpContext } from './op-context.ts';
import { normalizeRelPath } from './safe-path.ts';
import { ENV_FILE, readEnvFile, readStudio, requireValid } from './workspace-files.ts';

/** env.json; absent means empty. A malformed env.json is refused with its problem. */
export async function readEnv(ctx: OpContext): Promise<EnvFile> {
  return requireValid(await readEnvFile(ctx.io), 'read env.json')?.value ?? {};
}

/** Replaces env.json. Values of secrets are refused by the write guard: they belong in the secret store. */
export async function writeEnv(ctx: OpContext, env: EnvFile): Promise<void> {
  requireValid(await readEnvFile(ctx.io), 'save env.json');
  const result = envFileSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new WorkspaceError(
      'invalid-input',
      `Not saved: env.json key "${issue?.path.join('.')}": ${issue?.message}.`,
    );
  }
  const declared = await declaredSecretNames(ctx);
  const clash = Object.keys(env).find((key) => declared.includes(key));
  if (clash) {
    throw new WorkspaceError(
      'invalid-input',
      `Not saved: ${clash} is a secret; its value belongs in the secret store, not in env.json.`,
    );
  }
  await ctx.io.writeText(ENV_FILE, formatJson(env));
}

async function declaredSecretNames(ctx: OpContext): Promise<string[]> {
  const read = await readStudio(ctx.io);
  return read.exists && read.ok ? read.value.secrets : [];
}

/** Any text file in the workspace, for the editor; a clear `not-found` error when it does not exist. */
export async function readWorkspaceFile(ctx: OpContext, relPath: string): Promise<string> {
  const rel = normalizeRelPath(relPath);
  const text = await ctx.io.readText(rel);
  if (text === undefined) throw new WorkspaceError('not-found', `${rel} does not exist in the workspace.`);
  return text;
}

/**
 * Writes exactly what the person typed (atomically), even if it is not valid yet: this is how a
 * malformed file gets fixed. Its problems show in the next snapshot.
 */
export async function writeWorkspaceFile(ctx: OpContext, relPath: string, text: string): Promise<void> {
  await ctx.io.writeText(normalizeRelPath(relPath), text);
}
