/**
 * Templates as a person uses them: added to a fresh workspace through the workspace service
 * (function, settings, fixtures, env.json examples, secret names), the copied fixtures still pass
 * through the executor, now with the example env values underneath their own.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../main/executor/index.ts';
import type { Executor } from '../../main/executor/types.ts';
import { listTemplates, readTemplate } from '../../main/templates/catalog.ts';
import { createMemorySecretStore, createWorkspace } from '../../main/workspace/index.ts';
import { matchExpectation } from '../../shared/expect-match.ts';
import { normalizeTrigger } from '../../shared/triggers.ts';

const templates = await Promise.all((await listTemplates()).map((meta) => readTemplate(meta.id)));
/** One case per template and trigger that has fixtures. */
const cases = templates.flatMap((template) =>
  template.meta.triggers
    .filter((trigger) => template.fixtures.some((f) => normalizeTrigger(f.fixture.trigger) === trigger))
    .map((trigger) => ({ label: `${template.meta.id} on ${trigger}`, template, trigger })),
);

let executor: Executor;
let scratch: string;
beforeAll(async () => {
  executor = createExecutor({ poolSize: 1 });
  scratch = await mkdtemp(join(tmpdir(), 'template-add-'));
});
afterAll(async () => {
  await executor?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('templates added to a workspace', () => {
  it.each(cases)('$label', async ({ template, trigger }) => {
    const { meta } = template;
    const ws = await createWorkspace(join(scratch, `${meta.id}-${trigger}`), {
      name: meta.title,
      secrets: createMemorySecretStore(),
    });
    const added = await ws.addStageFromTemplate(trigger, meta.id);

    expect(added.stage.code).toBe(template.code);
    expect(added.stage.async).toBe(meta.stage.async ?? false);
    expect(added.secretsDeclared.sort()).toEqual(meta.secrets.map((s) => s.name).sort());
    const env = await ws.readEnv();
    for (const key of meta.envKeys) expect(env[key.name], key.name).toBe(key.example);
    const expected = template.fixtures.filter((f) => normalizeTrigger(f.fixture.trigger) === trigger);
    expect(added.fixtures.length).toBe(expected.length);

    for (const fixture of added.fixtures) {
      const result = await executor.run(await ws.buildRunRequest(trigger, fixture.id));
      const expectation = fixture.fixture.expect;
      if (expectation === undefined) continue;
      const stages = result.stages.map((s) => ({ outcome: s.outcome, logs: s.logs, error: s.error }));
      expect(
        matchExpectation(expectation, result).mismatches,
        `${fixture.relPath}: ${JSON.stringify({ error: result.error, stages })}`,
      ).toEqual([]);
    }
  });
});
