import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import type { StoreContent } from '../../../shared/store-api.ts';
import { call, startTestServer, type TestServer } from '../../server/harness.ts';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const run = promisify(execFile);

/**
 * A real store server for an e2e file (PGlite in a temporary data folder, 127.0.0.1, a free port), started once
 * and closed after the file. Each test takes its own tenant, so tests never see each other's pushes.
 */
export function setUpStoreServer(): () => TestServer {
  let server: TestServer | undefined;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'studio-e2e-store-'));
    server = await startTestServer({ executorPoolSize: 1, dataDir });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!server) throw new Error('setUpStoreServer(): the store server did not start (see beforeAll).');
    return server;
  };
}

export interface Head {
  revision: number;
  content: StoreContent;
}

export async function remoteHead(url: string, key: string): Promise<Head> {
  const answer = await call<Head>(url, 'GET', '/v1/revisions/head', { key });
  if (answer.status !== 200) throw new Error(`GET /v1/revisions/head answered ${answer.status}`);
  return answer.body;
}

/** A teammate's push straight through the API: `edit` changes the head's content. */
export async function teammatePush(
  url: string,
  key: string,
  edit: (content: StoreContent) => void,
): Promise<number> {
  const head = await remoteHead(url, key);
  edit(head.content);
  const answer = await call<{ revision: number }>(url, 'POST', '/v1/revisions', {
    key,
    body: { content: head.content },
    headers: { 'if-match': `"${head.revision}"` },
  });
  if (answer.status !== 201) throw new Error(`the teammate's push answered ${answer.status}`);
  return answer.body.revision;
}

/** Code of one stage as the server holds it. */
export function remoteStageCode(content: StoreContent, trigger: string, name: string): string | undefined {
  return content.pipelines[trigger as keyof StoreContent['pipelines']]?.stages.find((s) => s.name === name)
    ?.code;
}

/** The local replay of a fixture through the CLI contract: `pipeline-studio run WORKSPACE ... --json`. */
export async function localReplay(
  workspace: string,
  trigger: string,
  fixtureFile: string,
): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    resolve(ROOT, 'node_modules', '.bin', 'node'),
    [
      resolve(ROOT, 'bin', 'pipeline-studio.js'),
      'run',
      workspace,
      '--trigger',
      trigger,
      '--fixture',
      fixtureFile,
      '--json',
    ],
    { cwd: ROOT, timeout: 60_000 },
  );
  return JSON.parse(stdout) as Record<string, unknown>;
}
