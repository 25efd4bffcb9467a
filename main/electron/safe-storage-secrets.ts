/**
 * The desktop's secret store: values encrypted with the OS key store (Electron safeStorage:
 * Keychain, DPAPI, libsecret/kwallet) and kept as blobs under userData, one file per workspace,
 * never inside the workspace.
 */
import { safeStorage } from 'electron';
import { createFileSecretStore } from '../ipc/file-secret-store.ts';
import type { SecretStore } from '../workspace/types.ts';

export function createSafeStorageSecretStore(userDataDir: string, workspaceRoot: string): SecretStore {
  return createFileSecretStore({
    dir: userDataDir,
    workspaceRoot,
    codec: {
      kind: 'os-key-store',
      encode(value) {
        if (!safeStorage.isEncryptionAvailable()) {
          throw new Error(
            'The OS key store is not available, so the secret was not saved. On Linux, start a keyring (gnome-keyring or kwallet) and try again.',
          );
        }
        return safeStorage.encryptString(value).toString('base64');
      },
      decode(blob) {
        return safeStorage.decryptString(Buffer.from(blob, 'base64'));
      },
    },
  });
}
