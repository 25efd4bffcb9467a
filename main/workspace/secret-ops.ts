import { WorkspaceError } from './errors.ts';
import { formatJson } from './json-file.ts';
import type { OpContext } from './op-context.ts';
import type { SecretInfo } from './types.ts';
import { readStudio, requireExisting, STUDIO_FILE } from './workspace-files.ts';

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function requireSecretName(name: string): string {
  if (!SECRET_NAME.test(name)) {
    throw new WorkspaceError(
      'invalid-name',
      `"${name}" cannot be a secret name: expected a name like MY_KEY.`,
    );
  }
  return name;
}

/** Names declared in studio.json; an unreadable studio.json declares none (its problem is in the snapshot). */
async function declaredNames(ctx: OpContext): Promise<string[]> {
  const read = await readStudio(ctx.io);
  return read.exists && read.ok ? read.value.secrets : [];
}

async function editDeclarations(
  ctx: OpContext,
  action: string,
  edit: (names: string[]) => string[],
): Promise<void> {
  const file = requireExisting(await readStudio(ctx.io), STUDIO_FILE, action);
  const before = file.value.secrets;
  const after = edit([...before]);
  if (after.length === before.length && after.every((name, i) => name === before[i])) return;
  await ctx.io.writeText(STUDIO_FILE, formatJson({ ...file.raw, secrets: after }));
}

/** Adds a secret's name to studio.json (the value, if any, lives in the secret store). */
export async function declareSecret(ctx: OpContext, name: string): Promise<void> {
  requireSecretName(name);
  return editDeclarations(ctx, `declare the secret ${name}`, (names) =>
    names.includes(name) ? names : [...names, name],
  );
}

export async function setSecret(ctx: OpContext, name: string, value: string): Promise<void> {
  requireSecretName(name);
  if (ctx.secrets.readOnly) await ctx.secrets.set(name, value);
  await declareSecret(ctx, name);
  await ctx.secrets.set(name, value);
}

/** Removes the declaration, and the value unless the store is read-only (then only the name goes). */
export async function deleteSecret(ctx: OpContext, name: string): Promise<void> {
  requireSecretName(name);
  await editDeclarations(ctx, `delete the secret ${name}`, (names) => names.filter((n) => n !== name));
  if (!ctx.secrets.readOnly) await ctx.secrets.delete(name);
}

export async function listSecrets(ctx: OpContext): Promise<SecretInfo[]> {
  const names = await declaredNames(ctx);
  return Promise.all(
    names.map(async (name) => ({ name, hasValue: (await ctx.secrets.get(name)) !== undefined })),
  );
}

/** Values of declared secrets that have one: what a run request carries. Never written anywhere. */
export async function secretValues(ctx: OpContext): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const name of await declaredNames(ctx)) {
    const value = await ctx.secrets.get(name);
    if (value !== undefined) values[name] = value;
  }
  return values;
}
