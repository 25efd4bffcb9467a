import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../renderer/store/app-store.ts';
import type { AppInfo } from '../../shared/ipc/results.ts';
import { fakeApi, snapshot } from './fake-api.ts';

const info = (workspacePath: string | null): AppInfo => ({
  version: '0.1.0',
  host: 'web',
  workspacePath,
  sandbox: 'ready',
  platform: 'linux',
  nativeDialogs: false,
});

describe('workspace slice', () => {
  it('is loaded when the host has a workspace open', async () => {
    const store = createAppStore(
      fakeApi({
        'app.info': async () => info('/tmp/ws'),
        'workspace.snapshot': async () => snapshot(),
        'workspace.recent': async () => [],
      }),
    );
    await store.getState().initWorkspace();
    expect(store.getState().status).toBe('loaded');
    expect(store.getState().snapshot?.studio.name).toBe('Test');
    expect(store.getState().envRows).toEqual([{ key: 'A', value: '1' }]);
  });

  it('is idle (welcome screen) when the host has no workspace', async () => {
    const store = createAppStore(
      fakeApi({ 'app.info': async () => info(null), 'workspace.recent': async () => [] }),
    );
    await store.getState().initWorkspace();
    expect(store.getState().status).toBe('idle');
  });

  it('keeps the message of a failed open for the dialog, and stays where it was', async () => {
    const store = createAppStore(
      fakeApi({
        'app.info': async () => info(null),
        'workspace.recent': async () => [],
        'workspace.open': async () => {
          throw new Error('/nope is not a folder. Choose a folder that exists.');
        },
      }),
    );
    await store.getState().initWorkspace();
    expect(await store.getState().openWorkspace('/nope')).toBe(false);
    expect(store.getState().status).toBe('idle');
    expect(store.getState().loadError).toContain('/nope is not a folder');
  });

  it('adds a stage from a template and opens its file', async () => {
    const added = snapshot();
    const calls: unknown[] = [];
    const store = createAppStore(
      fakeApi({
        'stage.addFromTemplate': async (args) => {
          calls.push(args);
          return { id: 'check', snapshot: added };
        },
        'file.read': async ({ relPath }) => ({ relPath, text: '// code' }),
      }),
    );
    const id = await store.getState().addStage({ trigger: 'PRE_REGISTER', name: 'check', templateId: 'tpl' });
    expect(id).toBe('check');
    expect(calls).toEqual([{ trigger: 'PRE_REGISTER', templateId: 'tpl', name: 'check' }]);
    expect(store.getState().activeTabId).toBe('pipelines/PRE_REGISTER/check.js');
  });

  it('closes the tab of a deleted stage', async () => {
    const store = createAppStore(
      fakeApi({
        'stage.delete': async () => ({ snapshot: snapshot({ pipelines: [] }) }),
        'file.read': async ({ relPath }) => ({ relPath, text: '' }),
      }),
    );
    store.setState({ snapshot: snapshot() });
    await store.getState().openFile('pipelines/PRE_REGISTER/check.js');
    expect(await store.getState().deleteStage('PRE_REGISTER', 'check')).toBe(true);
    expect(store.getState().tabs).toHaveLength(0);
  });

  it('applies workspace.changed: new snapshot and reloaded tabs', async () => {
    const disk: Record<string, string> = { 'env.json': '{}' };
    const store = createAppStore(
      fakeApi({ 'file.read': async ({ relPath }) => ({ relPath, text: disk[relPath] ?? '' }) }),
    );
    await store.getState().openFile('env.json');
    disk['env.json'] = '{"B":"2"}';
    await store.getState().applyWorkspaceChanged({
      changes: [{ kind: 'changed', relPath: 'env.json' }],
      snapshot: snapshot({ env: { B: '2' } }),
    });
    const tab = store.getState().tabs[0];
    expect(tab?.kind === 'file' && tab.content).toBe('{"B":"2"}');
    expect(store.getState().envRows).toEqual([{ key: 'B', value: '2' }]);
  });
});
