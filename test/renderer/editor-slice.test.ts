import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../renderer/store/app-store.ts';
import { isDirty } from '../../renderer/store/editor-slice.ts';
import { fakeApi, snapshot } from './fake-api.ts';

/** A store whose files live in `disk`; writes land there too. */
function storeWithDisk(disk: Record<string, string>) {
  const writes: string[] = [];
  const api = fakeApi({
    'file.read': async ({ relPath }) => {
      const text = disk[relPath];
      if (text === undefined) throw new Error(`${relPath} does not exist`);
      return { relPath, text };
    },
    'file.write': async ({ relPath, text }) => {
      disk[relPath] = text;
      writes.push(relPath);
      return { snapshot: snapshot() };
    },
  });
  return { store: createAppStore(api), writes };
}

const FILE = 'pipelines/PRE_REGISTER/check.js';

describe('editor slice', () => {
  it('opens a file once, activates it, and marks it dirty after an edit', async () => {
    const { store } = storeWithDisk({ [FILE]: 'a' });
    await store.getState().openFile(FILE);
    await store.getState().openFile(FILE);
    expect(store.getState().tabs).toHaveLength(1);
    expect(store.getState().activeTabId).toBe(FILE);
    store.getState().editContent(FILE, 'b');
    const tab = store.getState().tabs[0];
    expect(tab && isDirty(tab)).toBe(true);
  });

  it('saves the edited text and is clean afterwards', async () => {
    const disk = { [FILE]: 'a' };
    const { store, writes } = storeWithDisk(disk);
    await store.getState().openFile(FILE);
    store.getState().editContent(FILE, 'b');
    expect(await store.getState().saveTab(FILE)).toBe(true);
    expect(disk[FILE]).toBe('b');
    expect(writes).toEqual([FILE]);
    const tab = store.getState().tabs[0];
    expect(tab && isDirty(tab)).toBe(false);
  });

  it('reloads a clean tab on an outside change and bumps its revision', async () => {
    const disk = { [FILE]: 'a' };
    const { store } = storeWithDisk(disk);
    await store.getState().openFile(FILE);
    disk[FILE] = 'outside';
    await store.getState().applyOutsideChange({ kind: 'changed', relPath: FILE });
    const tab = store.getState().tabs[0];
    expect(tab?.kind === 'file' && tab.content).toBe('outside');
    expect(tab?.kind === 'file' && tab.revision).toBe(1);
  });

  it('asks instead of reloading when the tab has unsaved edits; "keep mine" stays dirty', async () => {
    const disk = { [FILE]: 'a' };
    const { store } = storeWithDisk(disk);
    await store.getState().openFile(FILE);
    store.getState().editContent(FILE, 'mine');
    disk[FILE] = 'theirs';
    await store.getState().applyOutsideChange({ kind: 'changed', relPath: FILE });
    let tab = store.getState().tabs[0];
    expect(tab?.kind === 'file' && tab.conflict?.diskContent).toBe('theirs');
    expect(tab?.kind === 'file' && tab.content).toBe('mine');
    store.getState().resolveConflict(FILE, 'keep');
    tab = store.getState().tabs[0];
    expect(tab?.kind === 'file' && tab.conflict).toBe(null);
    expect(tab && isDirty(tab)).toBe(true);
  });

  it('"reload" takes the disk text and drops the edits', async () => {
    const disk = { [FILE]: 'a' };
    const { store } = storeWithDisk(disk);
    await store.getState().openFile(FILE);
    store.getState().editContent(FILE, 'mine');
    disk[FILE] = 'theirs';
    await store.getState().applyOutsideChange({ kind: 'changed', relPath: FILE });
    store.getState().resolveConflict(FILE, 'reload');
    const tab = store.getState().tabs[0];
    expect(tab?.kind === 'file' && tab.content).toBe('theirs');
    expect(tab && isDirty(tab)).toBe(false);
  });

  it('turns a failed read into a notice naming the file', async () => {
    const { store } = storeWithDisk({});
    await store.getState().openFile('missing.json');
    expect(store.getState().tabs).toHaveLength(0);
    expect(store.getState().notices[0]?.message).toContain('missing.json');
  });

  it('closing the active tab activates its neighbour', async () => {
    const { store } = storeWithDisk({ a: '1', b: '2', c: '3' });
    for (const f of ['a', 'b', 'c']) await store.getState().openFile(f);
    store.getState().activateTab('b');
    store.getState().closeTab('b');
    expect(store.getState().activeTabId).toBe('c');
    expect(store.getState().tabs.map((t) => t.id)).toEqual(['a', 'c']);
  });

  it('asks before closing a tab with unsaved edits, and closes a clean one at once', async () => {
    const { store } = storeWithDisk({ a: '1', b: '2' });
    await store.getState().openFile('a');
    await store.getState().openFile('b');
    store.getState().editContent('a', 'edited');
    store.getState().requestCloseTab('a');
    expect(store.getState().dialog).toEqual({ kind: 'confirm-close-tab', tabId: 'a' });
    expect(store.getState().tabs.map((t) => t.id)).toEqual(['a', 'b']);
    store.getState().requestCloseTab('b');
    expect(store.getState().tabs.map((t) => t.id)).toEqual(['a']);
  });
});
