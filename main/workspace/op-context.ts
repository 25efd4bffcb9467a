import { fixtureIdSchema } from '../../shared/ipc/args.ts';
import { stageNameSchema } from '../../shared/schemas/pipeline.ts';
import { normalizeTrigger, TRIGGERS, type Trigger } from '../../shared/triggers.ts';
import { WorkspaceError } from './errors.ts';
import type { TemplateCatalog } from './template-catalog.ts';
import type { SecretStore } from './types.ts';
import type { WorkspaceIo } from './workspace-io.ts';

/** What every workspace operation works with. */
export interface OpContext {
  io: WorkspaceIo;
  secrets: SecretStore;
  templates: TemplateCatalog;
}

/** A trigger name (or alias) from a caller, or a clear refusal. */
export function requireTrigger(name: string): Trigger {
  const trigger = normalizeTrigger(name);
  if (!trigger) {
    throw new WorkspaceError(
      'invalid-input',
      `"${name}" is not a trigger; use one of ${TRIGGERS.join(', ')}.`,
    );
  }
  return trigger;
}

/** Stage names and fixture ids become file names; each follows its schema (the same ones IPC checks). */
export function requireName(name: string, what: 'stage' | 'fixture'): string {
  const result = (what === 'stage' ? stageNameSchema : fixtureIdSchema).safeParse(name);
  if (!result.success) {
    const rule = result.error.issues[0]?.message ?? 'a valid file name';
    throw new WorkspaceError(
      'invalid-name',
      `"${name}" cannot be a ${what === 'stage' ? 'stage name' : 'fixture id'}: expected ${rule}.`,
    );
  }
  return name;
}

/** A free name: `base`, else `base-2`, `base-3`, ... */
export function freeName(base: string, taken: (name: string) => boolean | Promise<boolean>): Promise<string> {
  const attempt = async (n: number): Promise<string> => {
    const candidate = n === 1 ? base : `${base}-${n}`;
    return (await taken(candidate)) ? attempt(n + 1) : candidate;
  };
  return attempt(1);
}

/** Turns a title like "Corporate address may register" into a name like `corporate-address-may-register`. */
export function slugify(text: string, fallback: string): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? fallback : slug;
}
