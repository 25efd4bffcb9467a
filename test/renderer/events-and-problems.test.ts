import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../renderer/store/app-store.ts';
import { connectEvents } from '../../renderer/store/connect-events.ts';
import { problemRows } from '../../renderer/store/problem-rows.ts';
import type { EventName, EventPayloads, Subscribe } from '../../shared/ipc/contract.ts';
import { fakeApi, snapshot } from './fake-api.ts';

/** A Subscribe whose events the test fires by hand. */
function eventSource() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const on: Subscribe = (name, listener) => {
    const set = listeners.get(name) ?? new Set();
    listeners.set(name, set);
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  };
  const fire = <E extends EventName>(name: E, payload: EventPayloads[E]) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
  return { on, fire, count: () => [...listeners.values()].reduce((n, s) => n + s.size, 0) };
}

describe('host events in the store', () => {
  it('routes sandbox state, errors and menu commands, and disconnects cleanly', () => {
    const store = createAppStore(fakeApi({}));
    const source = eventSource();
    const disconnect = connectEvents(store, source.on);
    source.fire('sandbox.state', { state: 'restarting' });
    expect(store.getState().sandbox).toBe('restarting');
    source.fire('app.error', {
      code: 'internal',
      message: 'The watcher stopped. Reopen the workspace.',
      file: 'env.json',
    });
    expect(store.getState().notices.at(-1)?.message).toBe('The watcher stopped. Reopen the workspace.');
    expect(store.getState().logs.at(-1)?.message).toContain('(env.json)');
    source.fire('menu.command', { command: 'new-workspace' });
    expect(store.getState().dialog).toEqual({ kind: 'create-workspace' });
    disconnect();
    expect(source.count()).toBe(0);
  });

  it('takes the snapshot of workspace.changed', async () => {
    const store = createAppStore(fakeApi({}));
    const source = eventSource();
    connectEvents(store, source.on);
    source.fire('workspace.changed', {
      changes: [{ kind: 'added', relPath: 'x.json' }],
      snapshot: snapshot({ root: '/new' }),
    });
    await Promise.resolve();
    expect(store.getState().snapshot?.root).toBe('/new');
  });
});

describe('problem rows', () => {
  it('lists workspace problems first, then editor errors and warnings, never hints', () => {
    const rows = problemRows({
      snapshot: snapshot({ problems: [{ file: 'env.json', message: 'not valid JSON', line: 2, path: 'A' }] }),
      editorMarkers: {
        'a.js': [
          { file: 'a.js', message: 'hint', severity: 'info', line: 1, column: 1 },
          {
            file: 'a.js',
            message: 'Expected 1-3 arguments, but got 4.',
            severity: 'error',
            line: 3,
            column: 5,
          },
        ],
      },
    });
    expect(rows.map((r) => [r.source, r.file, r.line, r.message])).toEqual([
      ['workspace', 'env.json', 2, 'not valid JSON (at A)'],
      ['editor', 'a.js', 3, 'Expected 1-3 arguments, but got 4.'],
    ]);
  });
});
