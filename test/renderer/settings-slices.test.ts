import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../renderer/store/app-store.ts';
import { envFromRows } from '../../renderer/store/env-slice.ts';
import { filterTemplates, templateCategories } from '../../renderer/store/templates-slice.ts';
import type { TemplateSummary } from '../../shared/ipc/results.ts';
import type { EnvFile } from '../../shared/schemas/studio.ts';
import { fakeApi, snapshot } from './fake-api.ts';

describe('secrets slice', () => {
  it('keeps names with a value and never the value itself', async () => {
    const stored = new Map<string, string>();
    const list = () => [...stored.keys()].map((name) => ({ name, hasValue: true }));
    const store = createAppStore(
      fakeApi({
        'secrets.list': async () => list(),
        'secrets.set': async ({ name, value }) => {
          stored.set(name, value);
          return list();
        },
        'secrets.delete': async ({ name }) => {
          stored.delete(name);
          return list();
        },
      }),
    );
    expect(await store.getState().setSecret('API_KEY', 'hunter2')).toBe(true);
    expect(store.getState().secretNames).toEqual(['API_KEY']);
    expect(JSON.stringify(store.getState())).not.toContain('hunter2');
    expect(await store.getState().deleteSecret('API_KEY')).toBe(true);
    expect(store.getState().secretNames).toEqual([]);
  });

  it('refuses a bad name or an empty value before calling the host', async () => {
    const store = createAppStore(fakeApi({}));
    expect(await store.getState().setSecret('not a name', 'x')).toBe(false);
    expect(await store.getState().setSecret('OK_NAME', '')).toBe(false);
    expect(
      store
        .getState()
        .notices.map((n) => n.message)
        .join(' '),
    ).toMatch(/not a valid secret name.*empty/s);
  });
});

describe('env slice', () => {
  it('turns rows into env.json, skipping blank rows', () => {
    expect(
      envFromRows([
        { key: 'A', value: '1' },
        { key: '', value: '' },
        { key: ' B ', value: 'x y' },
      ]),
    ).toEqual({ env: { A: '1', B: 'x y' } });
  });

  it('names the row of a bad or repeated key', () => {
    expect(envFromRows([{ key: '1A', value: '' }])).toEqual({
      error: expect.stringContaining('Row 1'),
      row: 0,
    });
    expect(
      envFromRows([
        { key: 'A', value: '1' },
        { key: 'A', value: '2' },
      ]),
    ).toEqual({ error: expect.stringContaining('Row 2: A appears twice'), row: 1 });
  });

  it('writes the draft and takes the snapshot the host returns', async () => {
    const written: EnvFile[] = [];
    const store = createAppStore(
      fakeApi({
        'env.write': async ({ env }) => {
          written.push(env);
          return { snapshot: snapshot({ env }) };
        },
      }),
    );
    store.setState({ snapshot: snapshot() });
    store.getState().resetEnvDraft();
    store.getState().addEnvRow();
    store.getState().setEnvRow(1, { key: 'REGION', value: 'eu' });
    expect(store.getState().envDirty).toBe(true);
    expect(await store.getState().saveEnv()).toBe(true);
    expect(written).toEqual([{ A: '1', REGION: 'eu' }]);
    expect(store.getState().envDirty).toBe(false);
    expect(store.getState().snapshot?.env).toEqual({ A: '1', REGION: 'eu' });
  });
});

describe('env draft and other writers of env.json', () => {
  it('an untouched draft follows env.json that adding a stage from a template extended', async () => {
    const store = createAppStore(
      fakeApi({
        'stage.addFromTemplate': async () => ({
          id: 'block-countries',
          snapshot: snapshot({ env: { A: '1', BLOCKED_COUNTRIES: '' } }),
        }),
        'file.read': async ({ relPath }) => ({ relPath, text: '' }),
      }),
    );
    store.setState({ snapshot: snapshot() });
    store.getState().resetEnvDraft();
    await store.getState().addStage({ trigger: 'PRE_REGISTER', name: 'x', templateId: 'geo-country-block' });
    expect(store.getState().envRows.map((r) => r.key)).toEqual(['A', 'BLOCKED_COUNTRIES']);
  });

  it('a draft with edits is kept as the person left it', async () => {
    const store = createAppStore(
      fakeApi({
        'stage.delete': async () => ({ snapshot: snapshot({ env: { A: '1', B: '2' } }) }),
      }),
    );
    store.setState({ snapshot: snapshot() });
    store.getState().resetEnvDraft();
    store.getState().setEnvRow(0, { key: 'A', value: 'edited' });
    await store.getState().deleteStage('PRE_REGISTER', 'check');
    expect(store.getState().envRows).toEqual([{ key: 'A', value: 'edited' }]);
  });
});

describe('templates filtering', () => {
  const t = (id: string, category: string, description: string): TemplateSummary => ({
    id,
    title: id,
    category,
    description,
    triggers: ['PRE_REGISTER'],
    envKeys: [],
    secrets: [],
  });
  const all = [
    t('email-allow', 'Access', 'only some domains'),
    t('slack', 'Notify', 'post to Slack'),
    t('geo', 'Access', 'block countries'),
  ];

  it('lists categories once, sorted', () => {
    expect(templateCategories(all)).toEqual(['Access', 'Notify']);
  });

  it('matches every word of the query within the category', () => {
    expect(filterTemplates(all, 'block', null).map((x) => x.id)).toEqual(['geo']);
    expect(filterTemplates(all, '', 'Access').map((x) => x.id)).toEqual(['email-allow', 'geo']);
    expect(filterTemplates(all, 'slack post', null).map((x) => x.id)).toEqual(['slack']);
    expect(filterTemplates(all, 'slack', 'Access')).toEqual([]);
  });
});

describe('env draft and an outside change of env.json', () => {
  it('asks which to keep when env.json changes while the draft has edits', async () => {
    const store = createAppStore(fakeApi({}));
    store.setState({ snapshot: snapshot() });
    store.getState().resetEnvDraft();
    store.getState().setEnvRow(0, { key: 'A', value: 'mine' });
    await store
      .getState()
      .applyWorkspaceChanged({ changes: [], snapshot: snapshot({ env: { A: 'theirs' } }) });
    expect(store.getState().envConflict).toBe(true);
    expect(store.getState().envRows).toEqual([{ key: 'A', value: 'mine' }]);
    store.getState().resetEnvDraft();
    expect(store.getState().envConflict).toBe(false);
    expect(store.getState().envRows).toEqual([{ key: 'A', value: 'theirs' }]);
  });

  it('does not ask when the change leaves env.json as it was', async () => {
    const store = createAppStore(fakeApi({}));
    store.setState({ snapshot: snapshot() });
    store.getState().resetEnvDraft();
    store.getState().setEnvRow(0, { key: 'A', value: 'mine' });
    await store.getState().applyWorkspaceChanged({ changes: [], snapshot: snapshot() });
    expect(store.getState().envConflict).toBe(false);
  });
});
