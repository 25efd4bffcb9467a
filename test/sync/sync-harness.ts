import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSync, REMOTE_KEY_SECRET, type SyncService } from '../../main/sync/sync-service.ts';
import { createMemorySecretStore, createWorkspace, type Workspace } from '../../main/workspace/index.ts';

export const DOMAIN_CHECK = `async function pipe(user, context, callback) {
  const email = context.request.body.email || '';
  if (!email.endsWith('@' + env.ALLOWED_DOMAIN)) {
    return callback(new Error('only ' + env.ALLOWED_DOMAIN + ' may register'));
  }
  callback(null, user, context);
}
`;

export const TAGGER = `async function pipe(user, context, callback) {
  context.tagged = 'one';
  context.step = 1;
  callback(null, user, context);
}
`;

export interface Teammate {
  root: string;
  ws: Workspace;
  sync: SyncService;
}

const roots: string[] = [];

/** A workspace in a temp folder whose studio.json names the remote, with the key in a memory store. */
export async function teammate(url: string, tenant: string, key: string, name = 'ws'): Promise<Teammate> {
  const root = mkdtempSync(join(tmpdir(), `ps-sync-${name}-`));
  roots.push(root);
  const secrets = createMemorySecretStore({ [REMOTE_KEY_SECRET]: key });
  const ws = await createWorkspace(root, { name, secrets });
  const studioFile = join(root, 'studio.json');
  const studio = JSON.parse(readFileSync(studioFile, 'utf8'));
  writeFileSync(studioFile, JSON.stringify({ ...studio, remote: { url, tenant } }, null, 2));
  const sync = await openSync(root, { workspace: ws });
  return { root, ws, sync };
}

export function removeTeammates(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

export const fixture = (email: string, outcome: 'continue' | 'deny') => ({
  name: `${email} ${outcome}`,
  trigger: 'PRE_REGISTER',
  now: '2026-11-23T09:00:00Z',
  user: null,
  context: { protocol: 'password', request: { ip: '203.0.113.7', body: { email } } },
  expect: outcome === 'deny' ? { outcome, error: 'may register' } : { outcome },
});
