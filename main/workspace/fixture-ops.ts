import type { RunResult } from '../../shared/run-result.ts';
import { type Expect, type Fixture, type FixtureInput, fixtureSchema } from '../../shared/schemas/fixture.ts';
import { normalizeTrigger, type Trigger } from '../../shared/triggers.ts';
import { malformedFileError, WorkspaceError } from './errors.ts';
import { expectFromResult } from './expect-from-result.ts';
import { formatJson } from './json-file.ts';
import { freeName, type OpContext, requireName, requireTrigger, slugify } from './op-context.ts';
import { redactSecrets } from './redact-secrets.ts';
import { secretValues } from './secret-ops.ts';
import type { FixtureEntry } from './types.ts';
import { fixtureFilePath, readFixtureFile, requireExisting } from './workspace-files.ts';

/** A new fixture; `trigger` may be left out (it is the folder's). */
export type NewFixture = Omit<FixtureInput, 'trigger'> & { trigger?: string };

/** A request that runs as is: what `addFixture` writes when no fixture is given. */
export function exampleFixture(trigger: Trigger): FixtureInput {
  const registering = trigger === 'PRE_REGISTER';
  return {
    name: `example ${trigger.toLowerCase().replaceAll('_', ' ')}`,
    trigger,
    now: '2026-01-05T09:00:00Z',
    user: registering
      ? null
      : {
          id: 'user-1',
          username: 'ana',
          email: 'ana@example.com',
          emailVerified: true,
          userPoolId: 'pool-1',
        },
    context: {
      protocol: 'password',
      connection: 'password',
      userPoolId: 'pool-1',
      appId: 'app-1',
      request: { ip: '203.0.113.7', body: registering ? { email: 'ana@example.com' } : {} },
    },
  };
}

function validate(fixture: unknown, relPath: string): Fixture {
  const result = fixtureSchema.safeParse(fixture);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new WorkspaceError(
      'invalid-input',
      `Not saved: field "${issue?.path.join('.')}" of ${relPath}: ${issue?.message}.`,
    );
  }
  return result.data;
}

function withTrigger<T extends { trigger?: string }>(fixture: T, trigger: Trigger, relPath: string): T {
  if (fixture.trigger !== undefined && normalizeTrigger(fixture.trigger) !== trigger) {
    throw new WorkspaceError(
      'invalid-input',
      `${relPath} is a ${trigger} fixture, but the fixture says "trigger": "${fixture.trigger}"; make them match.`,
    );
  }
  return { ...fixture, trigger: fixture.trigger ?? trigger };
}

export async function readFixture(ctx: OpContext, triggerName: string, id: string): Promise<FixtureEntry> {
  const trigger = requireTrigger(triggerName);
  const relPath = fixtureFilePath(trigger, requireName(id, 'fixture'));
  const read = await readFixtureFile(ctx.io, trigger, id);
  if (!read.exists) throw new WorkspaceError('not-found', `No fixture "${id}": ${relPath} does not exist.`);
  if (!read.ok) throw malformedFileError(read.problems, `read the fixture "${id}"`);
  return { id, relPath, fixture: read.value };
}

export async function addFixture(
  ctx: OpContext,
  triggerName: string,
  fixture?: NewFixture,
  options: { id?: string } = {},
): Promise<FixtureEntry> {
  const trigger = requireTrigger(triggerName);
  const input: NewFixture = fixture ?? exampleFixture(trigger);
  const taken = (id: string) => ctx.io.exists(fixtureFilePath(trigger, id));
  const id = requireName(
    options.id ?? (await freeName(slugify(input.name ?? '', 'fixture'), taken)),
    'fixture',
  );
  const relPath = fixtureFilePath(trigger, id);
  if (await taken(id)) {
    throw new WorkspaceError(
      'already-exists',
      `A fixture "${id}" already exists (${relPath}); choose another id.`,
    );
  }
  const raw = withTrigger(input, trigger, relPath);
  const parsed = validate(raw, relPath);
  await ctx.io.writeText(relPath, formatJson(raw));
  return { id, relPath, fixture: parsed };
}

export async function duplicateFixture(
  ctx: OpContext,
  triggerName: string,
  id: string,
  options: { newId?: string; name?: string } = {},
): Promise<FixtureEntry> {
  const trigger = requireTrigger(triggerName);
  const source = fixtureFilePath(trigger, requireName(id, 'fixture'));
  const file = requireExisting(
    await readFixtureFile(ctx.io, trigger, id),
    source,
    `duplicate the fixture "${id}"`,
  );
  const newId =
    options.newId ??
    (await freeName(`${id}-copy`, (candidate) => ctx.io.exists(fixtureFilePath(trigger, candidate))));
  const raw = { ...file.raw, name: options.name ?? `${file.value.name} (copy)` };
  return addFixture(ctx, trigger, raw as NewFixture, { id: newId });
}

/** Renames the file only (its content is moved, not rewritten, so even a malformed fixture can be renamed). */
export async function renameFixture(
  ctx: OpContext,
  triggerName: string,
  id: string,
  newId: string,
): Promise<{ id: string; relPath: string }> {
  const trigger = requireTrigger(triggerName);
  const from = fixtureFilePath(trigger, requireName(id, 'fixture'));
  const to = fixtureFilePath(trigger, requireName(newId, 'fixture'));
  if (!(await ctx.io.exists(from)))
    throw new WorkspaceError('not-found', `No fixture "${id}": ${from} does not exist.`);
  if (id !== newId) await ctx.io.move(from, to);
  return { id: newId, relPath: to };
}

export async function deleteFixture(ctx: OpContext, triggerName: string, id: string): Promise<void> {
  const trigger = requireTrigger(triggerName);
  const relPath = fixtureFilePath(trigger, requireName(id, 'fixture'));
  if (!(await ctx.io.exists(relPath))) {
    throw new WorkspaceError('not-found', `No fixture "${id}": ${relPath} does not exist.`);
  }
  await ctx.io.remove(relPath);
}

/** Replaces an existing, valid fixture (a malformed one is left for the text editor to fix). */
export async function writeFixture(
  ctx: OpContext,
  triggerName: string,
  id: string,
  fixture: NewFixture,
): Promise<FixtureEntry> {
  const trigger = requireTrigger(triggerName);
  const relPath = fixtureFilePath(trigger, requireName(id, 'fixture'));
  requireExisting(await readFixtureFile(ctx.io, trigger, id), relPath, `save the fixture "${id}"`);
  const raw = withTrigger(fixture, trigger, relPath);
  const parsed = validate(raw, relPath);
  await ctx.io.writeText(relPath, formatJson(raw));
  return { id, relPath, fixture: parsed };
}

/** Sets a fixture's `expect`, keeping the rest of the file as written. Secret values are redacted first. */
export async function writeExpect(
  ctx: OpContext,
  triggerName: string,
  id: string,
  expect: Expect,
): Promise<FixtureEntry> {
  const trigger = requireTrigger(triggerName);
  const relPath = fixtureFilePath(trigger, requireName(id, 'fixture'));
  const file = requireExisting(
    await readFixtureFile(ctx.io, trigger, id),
    relPath,
    `save the expectation of "${id}"`,
  );
  const raw = { ...file.raw, expect: redactSecrets(expect, await secretValues(ctx)) };
  const parsed = validate(raw, relPath);
  await ctx.io.writeText(relPath, formatJson(raw));
  return { id, relPath, fixture: parsed };
}

/** Saves what a run actually did as the fixture's `expect` (see {@link expectFromResult}). */
export async function saveActualAsExpect(
  ctx: OpContext,
  triggerName: string,
  id: string,
  result: RunResult,
): Promise<FixtureEntry> {
  return writeExpect(ctx, triggerName, id, expectFromResult(result));
}
