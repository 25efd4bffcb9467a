import { describe, expect, it } from 'vitest';
import { type ShortcutKey, shortcutFor } from '../../renderer/components/shortcuts.ts';
import { createAppStore } from '../../renderer/store/app-store.ts';
import { PIPELINE_VIEW, pipelineTabId } from '../../renderer/store/canvas-slice.ts';
import { fakeApi, snapshot } from './fake-api.ts';

function press(key: string, mods: Partial<ShortcutKey> = {}): ShortcutKey {
  const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : key;
  return { key, code, ctrlKey: true, metaKey: false, altKey: false, shiftKey: false, ...mods };
}

describe('shell shortcuts', () => {
  it('save and the side bar on every host', () => {
    for (const host of ['web', 'electron'] as const) {
      expect(shortcutFor(press('s'), host)).toBe('save');
      expect(shortcutFor(press('b', { ctrlKey: false, metaKey: true }), host)).toBe('toggle-side-bar');
    }
  });

  it('the menu accelerators in a browser tab only (the desktop menu owns them there)', () => {
    expect(shortcutFor(press('j'), 'web')).toBe('toggle-panel');
    expect(shortcutFor(press('o'), 'web')).toBe('open-workspace');
    // Option+S on a Mac types "ß": the physical key still counts.
    expect(shortcutFor({ ...press('ß', { altKey: true }), code: 'KeyS' }, 'web')).toBe('save-all');
    expect(shortcutFor(press('j'), 'electron')).toBeNull();
    expect(shortcutFor(press('o'), 'electron')).toBeNull();
  });

  it('F5 outside a canvas says where fixtures run instead of reloading the browser tab', () => {
    const f5 = { key: 'F5', code: 'F5', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
    expect(shortcutFor(f5, 'web')).toBe('run-fixture');
    expect(shortcutFor({ ...f5, shiftKey: true }, 'web')).toBe('run-all');
    expect(shortcutFor(f5, 'web', true)).toBeNull();
    expect(shortcutFor(f5, 'electron')).toBeNull();
  });

  it('leaves plain keys and unknown combinations alone', () => {
    expect(shortcutFor(press('s', { ctrlKey: false }), 'web')).toBeNull();
    expect(shortcutFor(press('w'), 'web')).toBeNull();
    expect(shortcutFor(press('b', { shiftKey: true }), 'web')).toBeNull();
  });

  it('Ctrl+B hides the side bar and brings back the view it had', () => {
    const store = createAppStore(fakeApi({}));
    store.getState().showSideView('templates');
    store.getState().toggleSideBar();
    expect(store.getState().sideView).toBeNull();
    store.getState().toggleSideBar();
    expect(store.getState().sideView).toBe('templates');
  });
});

describe('the Run menu (F5, Shift+F5 on the desktop)', () => {
  it('runs the selected fixture of the canvas in the active tab', () => {
    const store = createAppStore(fakeApi({}));
    const runs: string[] = [];
    store.setState({
      snapshot: snapshot(),
      runFixture: async (trigger: string, id: string) => {
        runs.push(`${trigger}/${id}`);
      },
      runAll: async (trigger: string) => {
        runs.push(`${trigger}/*`);
      },
    } as never);
    store.getState().openView({
      id: pipelineTabId('PRE_REGISTER'),
      title: 'PRE_REGISTER',
      viewId: PIPELINE_VIEW,
      params: { trigger: 'PRE_REGISTER' },
    });
    store.getState().runMenuCommand('run-fixture');
    expect(
      store
        .getState()
        .notices.map((n) => n.message)
        .join(),
    ).toMatch(/Select a fixture first/);
    store.getState().selectFixture('PRE_REGISTER', 'f1');
    store.getState().runMenuCommand('run-fixture');
    store.getState().runMenuCommand('run-all');
    expect(runs).toEqual(['PRE_REGISTER/f1', 'PRE_REGISTER/*']);
  });

  it('says where fixtures run when no canvas is active', () => {
    const store = createAppStore(fakeApi({}));
    store.getState().runMenuCommand('run-all');
    expect(
      store
        .getState()
        .notices.map((n) => n.message)
        .join(),
    ).toMatch(/Pipelines view/);
  });
});

describe('notices', () => {
  it('the same message again moves to the end instead of stacking up', () => {
    const store = createAppStore(fakeApi({}));
    store.getState().notify('info', 'Select a fixture first, then F5 runs it.');
    store.getState().notify('error', 'Could not save.');
    store.getState().notify('info', 'Select a fixture first, then F5 runs it.');
    expect(store.getState().notices.map((n) => n.message)).toEqual([
      'Could not save.',
      'Select a fixture first, then F5 runs it.',
    ]);
  });
});
