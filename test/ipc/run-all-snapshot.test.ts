import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './services-harness.ts';

let h: Harness;
const T = 'PRE_COMPLETE_USER_INFO' as const;

const CHECK = `async function pipe(user, context, callback) {
  if (!String(user.email).endsWith('@' + env.DOMAIN)) return callback(new Error('only ' + env.DOMAIN));
  callback(null, user, context);
}
`;

beforeAll(async () => {
  h = await startHarness();
  await h.call('workspace.create', { path: join(h.dir, 'ws'), name: 'Run all' });
  await h.call('env.write', { env: { DOMAIN: 'example.com' } });
  await h.call('stage.add', { trigger: T, name: 'check', code: CHECK });
  for (let i = 0; i < 6; i++) {
    const inside = i % 2 === 0;
    await h.call('fixture.add', {
      trigger: T,
      id: `f-${i}`,
      fixture: {
        name: `fixture ${i}`,
        trigger: T,
        user: { email: `u${i}@${inside ? 'example.com' : 'other.org'}` },
        expect: { outcome: inside ? 'continue' : 'deny' },
      },
    });
  }
});
afterAll(async () => {
  await h?.close();
});

describe('run.all builds its requests from one workspace read', () => {
  it('gives every fixture the same result as running it alone, env included', async () => {
    const all = await h.call('run.all', { trigger: T });
    expect(all.runs).toHaveLength(6);
    for (const run of all.runs) {
      const alone = await h.call('run.fixture', { trigger: T, fixtureId: run.fixtureId });
      expect(run.result.outcome).toBe(alone.result.outcome);
      expect(run.expectation).toEqual(alone.expectation);
    }
    expect(all.runs.every((r) => r.expectation?.pass)).toBe(true);
  });

  it('applies a what-if stage list to every fixture', async () => {
    const all = await h.call('run.all', {
      trigger: T,
      stagesOverride: [
        {
          name: 'check',
          code: 'async function pipe(user, context, callback) { callback(null, user, context); }',
        },
      ],
    });
    expect(all.runs.map((r) => r.result.outcome)).toEqual(Array(6).fill('continue'));
  });

  it('still refuses, naming the file, when the pipeline file is broken', async () => {
    await writeFile(join(h.dir, 'ws', 'pipelines', T, 'pipeline.json'), '{ "stages": [');
    await expect(h.call('run.all', { trigger: T })).rejects.toMatchObject({
      message: expect.stringContaining('pipeline.json'),
    });
  });
});
