/**
 * The example workspace that `npm start` opens: its files are valid, its stages are the library's
 * templates, and every fixture passes through the real executor, read straight from disk.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../main/executor/index.ts';
import type { Executor } from '../../main/executor/types.ts';
import { listTemplates, readTemplate } from '../../main/templates/catalog.ts';
import { buildRunRequest, type RunStageInput } from '../../shared/build-run-request.ts';
import { matchExpectation } from '../../shared/expect-match.ts';
import { type Fixture, fixtureSchema } from '../../shared/schemas/fixture.ts';
import { pipelineFileSchema } from '../../shared/schemas/pipeline.ts';
import { envFileSchema, studioFileSchema } from '../../shared/schemas/studio.ts';
import { isTrigger, type Trigger } from '../../shared/triggers.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', 'examples', 'default-workspace');

async function readJson(rel: string): Promise<unknown> {
  return JSON.parse(await readFile(join(ROOT, rel), 'utf8'));
}

const studio = studioFileSchema.parse(await readJson('studio.json'));
const env = envFileSchema.parse(await readJson('env.json'));
const triggers = (await readdir(join(ROOT, 'pipelines'))).filter(isTrigger).sort() as Trigger[];

interface TriggerFiles {
  trigger: Trigger;
  stages: RunStageInput[];
  fixtures: { id: string; fixture: Fixture }[];
}

const pipelines: TriggerFiles[] = await Promise.all(
  triggers.map(async (trigger) => {
    const file = pipelineFileSchema.parse(await readJson(`pipelines/${trigger}/pipeline.json`));
    const stages = await Promise.all(
      file.stages.map(async (stage) => {
        const relPath = `pipelines/${trigger}/${stage.file}`;
        return { ...stage, relPath, code: await readFile(join(ROOT, relPath), 'utf8') };
      }),
    );
    const names = (await readdir(join(ROOT, 'fixtures', trigger))).filter((n) => n.endsWith('.json')).sort();
    const fixtures = await Promise.all(
      names.map(async (name) => ({
        id: name.slice(0, -'.json'.length),
        fixture: fixtureSchema.parse(await readJson(`fixtures/${trigger}/${name}`)),
      })),
    );
    return { trigger, stages, fixtures };
  }),
);
const cases = pipelines.flatMap((p) =>
  p.fixtures.map(({ id, fixture }) => ({ label: `${p.trigger}/${id}`, pipeline: p, fixture })),
);

let executor: Executor;
beforeAll(() => {
  executor = createExecutor({ poolSize: 1 });
});
afterAll(async () => {
  await executor?.close();
});

describe('the example workspace', () => {
  it('has a realistic pipeline on several triggers, with passing and denied fixtures', () => {
    expect(studio.name.length).toBeGreaterThan(0);
    expect(triggers).toEqual(
      expect.arrayContaining(['PRE_REGISTER', 'POST_REGISTER', 'PRE_OIDC_ID_TOKEN_ISSUED']),
    );
    for (const p of pipelines) {
      expect(p.stages.length, p.trigger).toBeGreaterThanOrEqual(2);
      expect(p.fixtures.length, p.trigger).toBeGreaterThanOrEqual(2);
      expect(p.fixtures.every((f) => f.fixture.expect !== undefined && f.fixture.trigger === p.trigger)).toBe(
        true,
      );
    }
    const outcomes = cases.map((c) => c.fixture.expect?.outcome);
    expect(outcomes).toContain('continue');
    expect(outcomes).toContain('deny');
    const slack = pipelines.flatMap((p) => p.stages).find((s) => s.name === 'slack-notify');
    expect(slack?.async).toBe(true);
  });

  it('keeps secrets out of env.json and declares them in studio.json', () => {
    expect(studio.secrets).toContain('SLACK_WEBHOOK_URL');
    for (const secret of studio.secrets) expect(Object.keys(env)).not.toContain(secret);
  });

  it('runs the library templates unchanged', async () => {
    const ids = new Set((await listTemplates()).map((m) => m.id));
    for (const stage of pipelines.flatMap((p) => p.stages)) {
      expect(ids.has(stage.name), stage.name).toBe(true);
      expect(stage.code, stage.relPath).toBe((await readTemplate(stage.name)).code);
    }
  });

  it.each(cases)('fixture $label passes', async ({ pipeline, fixture }) => {
    const result = await executor.run(
      buildRunRequest({ trigger: pipeline.trigger, stages: pipeline.stages, fixture, env, secrets: {} }),
    );
    const expectation = fixture.expect;
    if (expectation === undefined) throw new Error('every example fixture has an expect');
    const stages = result.stages.map((s) => ({
      name: s.name,
      outcome: s.outcome,
      logs: s.logs,
      error: s.error,
    }));
    expect(
      matchExpectation(expectation, result).mismatches,
      JSON.stringify({ error: result.error, stages }),
    ).toEqual([]);
  });
});
