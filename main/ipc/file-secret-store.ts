/**
 * Secret values kept outside the workspace, in the host's user-data folder: one file per
 * workspace (named by a hash of its path), readable by the user only. The codec decides what is
 * stored: the desktop encrypts with the OS key store; the web host keeps them as-is (file mode 0600).
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStore } from '../workspace/types.ts';

export interface SecretCodec {
  /** Written into the file, so a file from another codec is recognised rather than misread. */
  kind: string;
  encode(value: string): string;
  decode(blob: string): string;
}

export const PLAIN_CODEC: SecretCodec = {
  kind: 'plain',
  encode: (value) => value,
  decode: (blob) => blob,
};

interface SecretFile {
  workspace: string;
  codec: string;
  values: Record<string, string>;
}

export interface FileSecretStoreOptions {
  dir: string;
  workspaceRoot: string;
  codec: SecretCodec;
}

export function secretFilePath(dir: string, workspaceRoot: string): string {
  const id = createHash('sha256').update(workspaceRoot).digest('hex').slice(0, 32);
  return join(dir, 'secrets', `${id}.json`);
}

export function createFileSecretStore(options: FileSecretStoreOptions): SecretStore {
  const file = secretFilePath(options.dir, options.workspaceRoot);
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<SecretFile> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { workspace: options.workspaceRoot, codec: options.codec.kind, values: {} };
      }
      throw error;
    }
    const parsed = JSON.parse(text) as SecretFile;
    if (parsed.codec !== options.codec.kind) {
      throw new Error(
        `The secrets at ${file} were stored by another kind of host (${parsed.codec}); set them again here or remove that file.`,
      );
    }
    return parsed;
  }

  async function save(data: SecretFile): Promise<void> {
    await mkdir(join(options.dir, 'secrets'), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, file);
  }

  /** Writes are serialised so two quick `set`s cannot lose one another. */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    async get(name) {
      const blob = (await load()).values[name];
      return blob === undefined ? undefined : options.codec.decode(blob);
    },
    set(name, value) {
      return exclusive(async () => {
        const data = await load();
        data.values[name] = options.codec.encode(value);
        await save(data);
      });
    },
    delete(name) {
      return exclusive(async () => {
        const data = await load();
        if (!(name in data.values)) return;
        delete data.values[name];
        await save(data);
      });
    },
    async list() {
      return Object.keys((await load()).values).sort();
    },
  };
}
