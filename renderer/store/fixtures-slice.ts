import type { WorkspaceSnapshot } from '../../shared/ipc/workspace-types.ts';
import type { Expect } from '../../shared/schemas/fixture.ts';
import type { Trigger } from '../../shared/triggers.ts';
import { errorMessage, type SliceCreator } from './app-state.ts';

/** How a new fixture starts: empty user and context, or the trigger's own example. */
export type NewFixtureKind = 'blank' | 'example';

/** Fixture operations of the fixtures panel; each opens or keeps the file the person works on. */
export interface FixturesSlice {
  /** Adds a fixture and opens it in the editor; resolves with its id, `null` on failure. */
  createFixture(trigger: Trigger, kind: NewFixtureKind): Promise<string | null>;
  duplicateFixture(trigger: Trigger, id: string): Promise<string | null>;
  /** Writes `expect` into the fixture (after the person confirmed it). */
  acceptActual(trigger: Trigger, id: string, expect: Expect): Promise<boolean>;
}

/** The first `base`, `base-2`, `base-3`... that no fixture of the trigger uses. */
export function freeFixtureId(snapshot: WorkspaceSnapshot | null, trigger: Trigger, base: string): string {
  const taken = new Set(
    snapshot?.pipelines.find((p) => p.trigger === trigger)?.fixtures.map((f) => f.id.toLowerCase()) ?? [],
  );
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

export function fixturePath(
  snapshot: WorkspaceSnapshot | null,
  trigger: Trigger,
  id: string,
): string | undefined {
  return snapshot?.pipelines.find((p) => p.trigger === trigger)?.fixtures.find((f) => f.id === id)?.relPath;
}

export const createFixturesSlice: SliceCreator<FixturesSlice> = (api) => (set, get) => {
  async function openCreated(
    trigger: Trigger,
    call: () => Promise<{ id: string; snapshot: WorkspaceSnapshot }>,
  ) {
    try {
      const created = await call();
      set({ snapshot: created.snapshot });
      get().selectFixture(trigger, created.id);
      const relPath = fixturePath(created.snapshot, trigger, created.id);
      if (relPath) await get().openFile(relPath);
      return created.id;
    } catch (error) {
      get().notify('error', `Could not create the fixture: ${errorMessage(error)}`);
      return null;
    }
  }

  return {
    createFixture: (trigger, kind) => {
      const id = freeFixtureId(get().snapshot, trigger, kind === 'blank' ? 'new-fixture' : 'example');
      if (kind === 'example') return openCreated(trigger, () => api['fixture.add']({ trigger, id }));
      const fixture = {
        name: 'a new request',
        trigger,
        user: trigger === 'PRE_REGISTER' ? null : {},
        context: {},
      };
      return openCreated(trigger, () => api['fixture.add']({ trigger, id, fixture }));
    },
    duplicateFixture: (trigger, id) => openCreated(trigger, () => api['fixture.duplicate']({ trigger, id })),
    acceptActual: async (trigger, id, expect) => {
      try {
        const { snapshot } = await api['fixture.saveActualAsExpect']({ trigger, id, expect });
        set({ snapshot });
        get().notify('info', `Saved the actual outcome as what "${id}" expects.`);
        return true;
      } catch (error) {
        get().notify('error', `Could not update the expectation of "${id}": ${errorMessage(error)}`);
        return false;
      }
    },
  };
};
