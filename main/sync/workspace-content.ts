import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deepEqual } from '../../shared/expect-match.ts';
import type { JsonObject } from '../../shared/schemas/json.ts';
import { emptyContent, type StoreContent, storeContentSchema } from '../../shared/store-api.ts';
import { formatProblem, type Workspace, writeFileAtomic } from '../workspace/index.ts';

/** Kept in the workspace (not a secret): the last revision synced with the store, and its content. */
export const SYNC_BASE_FILE = '.studio/sync-base.json';

export interface SyncBase {
  remote: { url: string; tenant: string };
  revision: number;
  content: StoreContent;
}

export class SyncError extends Error {}

/** The workspace as store content; refuses while a file is malformed (it would push a broken pipeline). */
export async function readLocalContent(
  ws: Workspace,
  options: { allowProblems?: boolean } = {},
): Promise<StoreContent> {
  const snapshot = await ws.read();
  const errors = snapshot.problems.filter((problem) => problem.severity !== 'warning');
  if (errors.length > 0 && !options.allowProblems) {
    throw new SyncError(
      `fix these workspace files first:\n${errors.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
  }
  const content = emptyContent();
  content.env = { ...snapshot.env };
  for (const pipeline of snapshot.pipelines) {
    const fixtures: Record<string, JsonObject> = {};
    for (const entry of pipeline.fixtures)
      fixtures[entry.id] = JSON.parse(await ws.readFile(entry.relPath)) as JsonObject;
    if (pipeline.stages.length === 0 && pipeline.fixtures.length === 0) continue;
    content.pipelines[pipeline.trigger] = {
      stages: pipeline.stages.map(
        ({ name, file, enabled, async, timeoutSeconds, terminateOnTimeout, description, code }) => ({
          name,
          file,
          enabled,
          async,
          timeoutSeconds,
          terminateOnTimeout,
          description,
          code,
        }),
      ),
      fixtures,
    };
  }
  return content;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Makes the workspace hold `next`, given that it now holds `current`: only files that differ are
 * written (atomically, by the workspace service), removed stages and fixtures are deleted.
 */
export async function writeLocalContent(
  ws: Workspace,
  current: StoreContent,
  next: StoreContent,
): Promise<string[]> {
  const written: string[] = [];
  const write = async (relPath: string, text: string) => {
    await ws.writeFile(relPath, text);
    written.push(relPath);
  };
  const triggers = new Set([...Object.keys(current.pipelines), ...Object.keys(next.pipelines)]) as Set<
    keyof StoreContent['pipelines']
  >;
  for (const trigger of triggers) {
    const before = current.pipelines[trigger] ?? { stages: [], fixtures: {} };
    const after = next.pipelines[trigger] ?? { stages: [], fixtures: {} };
    for (const stage of before.stages) {
      if (!after.stages.some((s) => s.name === stage.name)) {
        await ws.deleteStage(trigger, stage.name);
        written.push(`pipelines/${trigger}/${stage.file}`);
      }
    }
    for (const id of Object.keys(before.fixtures)) {
      if (!(id in after.fixtures)) {
        await ws.deleteFixture(trigger, id);
        written.push(`fixtures/${trigger}/${id}.json`);
      }
    }
    for (const stage of after.stages) {
      const old = before.stages.find((s) => s.name === stage.name);
      if (old?.code !== stage.code || old?.file !== stage.file)
        await write(`pipelines/${trigger}/${stage.file}`, stage.code);
    }
    const settings = (stages: typeof after.stages) => stages.map(({ code: _code, ...rest }) => rest);
    const remaining = before.stages.filter((s) => after.stages.some((a) => a.name === s.name));
    if (
      !deepEqual(settings(remaining), settings(after.stages)) &&
      (after.stages.length > 0 || remaining.length > 0)
    ) {
      await write(`pipelines/${trigger}/pipeline.json`, json({ stages: settings(after.stages) }));
    }
    for (const [id, fixture] of Object.entries(after.fixtures)) {
      if (!deepEqual(before.fixtures[id], fixture))
        await write(`fixtures/${trigger}/${id}.json`, json(fixture));
    }
  }
  if (!deepEqual(current.env, next.env)) await write('env.json', json(next.env));
  return written;
}

export async function readSyncBase(root: string): Promise<SyncBase | undefined> {
  let text: string;
  try {
    text = await readFile(join(root, SYNC_BASE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const raw = JSON.parse(text) as SyncBase;
    return { remote: raw.remote, revision: raw.revision, content: storeContentSchema.parse(raw.content) };
  } catch (error) {
    throw new SyncError(
      `${SYNC_BASE_FILE} is unreadable (${(error as Error).message}); delete it and pull again (local edits are kept and merged)`,
    );
  }
}

export async function writeSyncBase(root: string, base: SyncBase): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(root, '.studio'), { recursive: true });
  await writeFileAtomic(join(root, SYNC_BASE_FILE), json(base));
}
