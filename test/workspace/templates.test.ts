import { describe, expect, it } from 'vitest';
import type { TemplateCatalog } from '../../main/workspace/index.ts';
import { createMemorySecretStore, createWorkspace } from '../../main/workspace/index.ts';
import { fixtureSchema } from '../../shared/schemas/fixture.ts';
import { templateMetaSchema } from '../../shared/schemas/template.ts';
import { json, listFiles, readText, tempDir, writeFiles } from './temp-workspace.ts';

const CODE = 'async function pipe(user, context, callback) {\n  callback(null, user, context);\n}\n';

/** A small catalog so these tests do not depend on the contents of the shipped library. */
const doubleCatalog: TemplateCatalog = {
  async listTemplates() {
    return [];
  },
  async readTemplate(id) {
    if (id !== 'notify') throw new Error(`No template named "${id}".`);
    return {
      meta: templateMetaSchema.parse({
        id: 'notify',
        title: 'Notify',
        description: 'Posts to a webhook.',
        category: 'notification',
        triggers: ['POST_REGISTER', 'POST_AUTHENTICATION'],
        envKeys: [{ name: 'CHANNEL', description: 'Where to post.', example: '#general' }],
        secrets: [{ name: 'HOOK_URL', description: 'The webhook URL.' }],
        stage: { async: true, timeoutSeconds: 5 },
      }),
      code: CODE,
      fixtures: [
        { id: 'posted', fixture: fixtureSchema.parse({ name: 'posted', trigger: 'POST_REGISTER' }) },
        { id: 'login', fixture: fixtureSchema.parse({ name: 'login', trigger: 'POST_AUTHENTICATION' }) },
      ],
    };
  },
};

async function fresh(templates?: TemplateCatalog) {
  const root = await tempDir();
  const ws = await createWorkspace(root, {
    name: 't',
    secrets: createMemorySecretStore(),
    ...(templates ? { templates } : {}),
  });
  return { root, ws };
}

describe('adding a stage from a template', () => {
  it('copies the function, its settings, its fixtures for the trigger, env keys and secret names', async () => {
    const { root, ws } = await fresh(doubleCatalog);
    await ws.writeEnv({ CHANNEL: '#kept' });
    const added = await ws.addStageFromTemplate('POST_REGISTER', 'notify');
    expect(added.stage).toMatchObject({
      name: 'notify',
      file: 'notify.js',
      async: true,
      timeoutSeconds: 5,
      description: 'Posts to a webhook.',
      code: CODE,
    });
    expect(added.fixtures.map((f) => f.id)).toEqual(['notify-posted']);
    expect(added.envKeysAdded).toEqual([]);
    expect(added.secretsDeclared).toEqual(['HOOK_URL']);
    expect(JSON.parse(await readText(root, 'env.json'))).toEqual({ CHANNEL: '#kept' });
    expect(JSON.parse(await readText(root, 'studio.json')).secrets).toEqual(['HOOK_URL']);
    expect(await ws.listSecrets()).toEqual([{ name: 'HOOK_URL', hasValue: false }]);
    const snapshot = await ws.read();
    expect(snapshot.problems).toEqual([]);
    const post = snapshot.pipelines.find((p) => p.trigger === 'POST_REGISTER');
    expect(post?.fixtures.map((f) => [f.id, f.fixture.trigger])).toEqual([
      ['notify-posted', 'POST_REGISTER'],
    ]);
  });

  it('adds a second copy under another name, with fixture ids that do not collide', async () => {
    const { root, ws } = await fresh(doubleCatalog);
    await ws.addStageFromTemplate('POST_AUTHENTICATION', 'notify');
    await expect(ws.addStageFromTemplate('POST_AUTHENTICATION', 'notify')).rejects.toMatchObject({
      code: 'already-exists',
    });
    const second = await ws.addStageFromTemplate('POST_AUTHENTICATION', 'notify', { name: 'notify-ops' });
    expect(second.fixtures.map((f) => f.id)).toEqual(['notify-ops-login']);
    expect(second.envKeysAdded).toEqual([]);
    expect(JSON.parse(await readText(root, 'env.json'))).toEqual({ CHANNEL: '#general' });
  });

  it('refuses a trigger the template is not written for and an unknown template, writing nothing', async () => {
    const { root, ws } = await fresh(doubleCatalog);
    await expect(ws.addStageFromTemplate('PRE_REGISTER', 'notify')).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('written for POST_REGISTER, POST_AUTHENTICATION, not PRE_REGISTER'),
    });
    await expect(ws.addStageFromTemplate('POST_REGISTER', 'nope')).rejects.toMatchObject({
      code: 'template-unavailable',
      message: 'No template named "nope".',
    });
    expect(await listFiles(root)).toEqual(['env.json', 'studio.json']);
  });

  it('refuses when env.json is malformed, before writing anything', async () => {
    const { root, ws } = await fresh(doubleCatalog);
    await writeFiles(root, { 'env.json': '{ "CHANNEL": }' });
    await expect(ws.addStageFromTemplate('POST_REGISTER', 'notify')).rejects.toMatchObject({
      code: 'malformed-file',
    });
    expect(await listFiles(root)).toEqual(['env.json', 'studio.json']);
    expect(await readText(root, 'env.json')).toBe('{ "CHANNEL": }');
  });

  it('uses the built-in library by default', async () => {
    const { root, ws } = await fresh();
    await writeFiles(root, { 'env.json': json({}) });
    const added = await ws.addStageFromTemplate('PRE_REGISTER', 'email-domain-allowlist');
    expect(added.stage.name).toBe('email-domain-allowlist');
    expect(added.stage.code).toContain('function pipe');
    expect(added.fixtures.length).toBeGreaterThanOrEqual(2);
    expect(added.fixtures.every((f) => f.id.startsWith('email-domain-allowlist'))).toBe(true);
    expect(Object.keys(JSON.parse(await readText(root, 'env.json')))).toEqual(added.envKeysAdded);
    expect(added.envKeysAdded.length).toBeGreaterThan(0);
    expect((await ws.read()).problems).toEqual([]);
  });
});
