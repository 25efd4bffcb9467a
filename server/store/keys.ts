import { createHash, randomBytes } from 'node:crypto';

/** A new API key: `ps_<key id>_<secret>`. Only its sha256 is stored; the key is shown once. */
export function generateApiKey(): { id: string; key: string; hash: string } {
  const id = randomBytes(6).toString('hex');
  const key = `ps_${id}_${randomBytes(24).toString('base64url')}`;
  return { id, key, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
