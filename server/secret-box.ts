import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Encrypts tenant secrets at rest with AES-256-GCM; the database never sees a plain value. */
export interface SecretBox {
  seal(plain: string, aad: string): string;
  open(sealed: string, aad: string): string;
}

const KEY_FILE = 'server.key';

/**
 * The server key: `PIPELINE_STUDIO_SERVER_KEY` (32 bytes, base64 or hex) wins, so several instances
 * sharing one PostgreSQL share it; otherwise `<dataDir>/server.key`, generated on first start.
 * Without either (an in-memory test server) a random key lives as long as the process.
 */
export function loadServerKey(env: NodeJS.ProcessEnv, dataDir: string | undefined): Buffer {
  const fromEnv = env.PIPELINE_STUDIO_SERVER_KEY?.trim();
  if (fromEnv) {
    const key = /^[0-9a-f]{64}$/i.test(fromEnv)
      ? Buffer.from(fromEnv, 'hex')
      : Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) {
      throw new Error(
        'PIPELINE_STUDIO_SERVER_KEY must be 32 bytes as 64 hex digits or base64; generate one with `openssl rand -hex 32`.',
      );
    }
    return key;
  }
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32)
    throw new Error(`${file} does not hold a 32-byte hex key; restore it from a backup.`);
  return key;
}

/** `aad` binds a ciphertext to its tenant and name, so a row copied elsewhere does not decrypt. */
export function createSecretBox(key: Buffer): SecretBox {
  return {
    seal(plain, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(aad));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64'),
        cipher.getAuthTag().toString('base64'),
        body.toString('base64'),
      ].join(':');
    },
    open(sealed, aad) {
      const [version, iv, tag, body] = sealed.split(':');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unreadable sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}
