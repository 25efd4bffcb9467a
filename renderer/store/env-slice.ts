import type { EnvFile } from '../../shared/schemas/studio.ts';
import { errorMessage, type SliceCreator } from './app-state.ts';

export interface EnvRow {
  key: string;
  value: string;
}

/** The env editor's draft: rows edited freely, checked and written to `env.json` on save. */
export interface EnvSlice {
  envRows: EnvRow[];
  envDirty: boolean;
  /** env.json changed on disk while the draft had edits: the person decides which to keep. */
  envConflict: boolean;
  resetEnvDraft(): void;
  /** Keeps the draft over the outside change; Save then writes it. */
  keepEnvDraft(): void;
  setEnvRow(index: number, row: EnvRow): void;
  addEnvRow(): void;
  removeEnvRow(index: number): void;
  saveEnv(): Promise<boolean>;
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks the rows; returns the file to write, or the first problem in words and its row (0-based). */
export function envFromRows(rows: readonly EnvRow[]): { env: EnvFile } | { error: string; row: number } {
  const env: EnvFile = {};
  for (const [i, row] of rows.entries()) {
    const key = row.key.trim();
    if (!key && !row.value) continue;
    if (!ENV_KEY.test(key)) {
      return {
        error: `Row ${i + 1}: "${key}" is not a valid name; use letters, digits and _, like MY_KEY.`,
        row: i,
      };
    }
    if (key in env) return { error: `Row ${i + 1}: ${key} appears twice; keep one.`, row: i };
    env[key] = row.value;
  }
  return { env };
}

export const createEnvSlice: SliceCreator<EnvSlice> = (api) => (set, get) => ({
  envRows: [],
  envDirty: false,
  envConflict: false,
  resetEnvDraft: () => {
    const env = get().snapshot?.env ?? {};
    set({
      envRows: Object.entries(env).map(([key, value]) => ({ key, value })),
      envDirty: false,
      envConflict: false,
    });
  },
  keepEnvDraft: () => set({ envConflict: false }),
  setEnvRow: (index, row) =>
    set((s) => ({ envRows: s.envRows.map((r, i) => (i === index ? row : r)), envDirty: true })),
  addEnvRow: () => set((s) => ({ envRows: [...s.envRows, { key: '', value: '' }], envDirty: true })),
  removeEnvRow: (index) => set((s) => ({ envRows: s.envRows.filter((_, i) => i !== index), envDirty: true })),
  saveEnv: async () => {
    const result = envFromRows(get().envRows);
    if ('error' in result) {
      get().notify('error', result.error);
      return false;
    }
    try {
      const { snapshot } = await api['env.write']({ env: result.env });
      set({ envDirty: false, envConflict: false, snapshot });
      return true;
    } catch (error) {
      get().notify('error', `Could not save env.json: ${errorMessage(error)}`);
      return false;
    }
  },
});
