import type { SecretInfo } from '../../shared/ipc/results.ts';
import { errorMessage, type SliceCreator } from './app-state.ts';

/**
 * Secret names and whether each has a value. Values go one way only — from the form to the
 * key store — and are never kept here, so nothing in the renderer can show them again.
 */
export interface SecretsSlice {
  /** Names that have a stored value. */
  secretNames: string[];
  secretsState: 'idle' | 'loading' | 'loaded' | 'error';
  loadSecrets(): Promise<void>;
  setSecret(name: string, value: string): Promise<boolean>;
  deleteSecret(name: string): Promise<boolean>;
}

export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const createSecretsSlice: SliceCreator<SecretsSlice> = (api) => (set, get) => ({
  secretNames: [],
  secretsState: 'idle',
  loadSecrets: async () => {
    set({ secretsState: 'loading' });
    try {
      set({ secretNames: namesWithValue(await api['secrets.list']()), secretsState: 'loaded' });
    } catch (error) {
      set({ secretsState: 'error' });
      get().notify('error', `Could not list the secrets: ${errorMessage(error)}`);
    }
  },
  setSecret: async (name, value) => {
    if (!SECRET_NAME.test(name)) {
      get().notify('error', `"${name}" is not a valid secret name: use letters, digits and _, like API_KEY.`);
      return false;
    }
    if (!value) {
      get().notify('error', `Type a value for ${name} first; an empty secret cannot be stored.`);
      return false;
    }
    try {
      set({ secretNames: namesWithValue(await api['secrets.set']({ name, value })) });
      return true;
    } catch (error) {
      get().notify('error', `Could not store the secret ${name}: ${errorMessage(error)}`);
      return false;
    }
  },
  deleteSecret: async (name) => {
    try {
      set({ secretNames: namesWithValue(await api['secrets.delete']({ name })) });
      return true;
    } catch (error) {
      get().notify('error', `Could not delete the secret ${name}: ${errorMessage(error)}`);
      return false;
    }
  },
});

function namesWithValue(secrets: readonly SecretInfo[]): string[] {
  return secrets
    .filter((s) => s.hasValue)
    .map((s) => s.name)
    .sort();
}
