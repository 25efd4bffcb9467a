import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../main/web/start-web-host.ts';
import { createWorkspace } from '../../main/workspace/index.ts';
import type { ServerMessage } from '../../shared/ipc/wire.ts';

let dir: string;
let workspace: string;
let host: WebHost;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'studio-web-'));
  workspace = join(dir, 'ws');
  await createWorkspace(workspace, { name: 'Web test' });
  // A stand-in for the built renderer: these tests are about the host, not the UI.
  const rendererDir = join(dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>studio</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
  host = await startWebHost({
    workspace,
    userDataDir: join(dir, 'user-data'),
    rendererDir,
    watchDebounceMs: 50,
  });
  origin = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket; resolves with it when open, or with the HTTP status that refused it. */
function openSocket(options: { query?: string; origin?: string; cookie?: string; hostHeader?: string }) {
  const url = `ws://127.0.0.1:${host.port}/ipc${options.query ?? ''}`;
  const headers: Record<string, string> = {};
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.hostHeader) headers.Host = options.hostHeader;
  const socket = new WebSocket(url, { headers, ...(options.origin ? { origin: options.origin } : {}) });
  return new Promise<{ socket: WebSocket } | { status: number }>((resolve, reject) => {
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

function cookieFor(): string {
  return `studio_token_${host.port}=${host.token}`;
}

describe('web host access control', () => {
  it('prints a 127.0.0.1 URL carrying a long random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('does not listen on other interfaces', async () => {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '::1', port: host.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('refuses the page and assets without the token (403)', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/assets/app.js')).status).toBe(403);
    expect((await get('/?token=wrong')).status).toBe(403);
    expect((await get('/', { Cookie: `studio_token_${host.port}=wrong` })).status).toBe(403);
  });

  it('serves the page with the token and sets an HttpOnly SameSite=Strict cookie for later requests', async () => {
    const page = await get(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const asset = await get('/assets/app.js', { Cookie: cookieFor() });
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log(1);');
  });

  it('refuses a foreign Host header even with the token (DNS rebinding)', async () => {
    const answer = await get(`/?token=${host.token}`, { Host: `evil.example:${host.port}` });
    expect(answer.status).toBe(403);
  });

  it('refuses other methods and paths outside the renderer', async () => {
    expect((await get('/', { Cookie: cookieFor() }, 'POST')).status).toBe(405);
    expect((await get('/%2e%2e/%2e%2e/package.json', { Cookie: cookieFor() })).status).toBe(404);
  });

  it('refuses a socket without the token, from a foreign origin, or without an origin', async () => {
    expect(await openSocket({ origin })).toEqual({ status: 403 });
    expect(await openSocket({ origin: 'http://evil.example', cookie: cookieFor() })).toEqual({ status: 403 });
    expect(await openSocket({ origin: `http://127.0.0.1:${host.port + 1}`, cookie: cookieFor() })).toEqual({
      status: 403,
    });
    expect(await openSocket({ cookie: cookieFor() })).toEqual({ status: 403 });
    expect(
      await openSocket({ origin, cookie: cookieFor(), hostHeader: `evil.example:${host.port}` }),
    ).toEqual({ status: 403 });
  });
});

describe('the contract over the socket', () => {
  let socket: WebSocket;
  const messages: ServerMessage[] = [];
  const waiters: { test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];

  function next(test: (m: ServerMessage) => boolean): Promise<ServerMessage> {
    const seen = messages.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => waiters.push({ test, resolve }));
  }

  beforeAll(async () => {
    const opened = await openSocket({ origin, cookie: cookieFor() });
    if (!('socket' in opened)) throw new Error(`socket refused with ${opened.status}`);
    socket = opened.socket;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      messages.push(message);
      for (const waiter of [...waiters]) {
        if (waiter.test(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    });
  });
  afterAll(() => socket?.close());

  it('round-trips a call', async () => {
    socket.send(JSON.stringify({ type: 'call', id: 1, name: 'app.info', args: {} }));
    const result = await next((m) => m.type === 'result' && m.id === 1);
    expect(result).toMatchObject({ ok: true, value: { host: 'web', workspacePath: workspace } });
  });

  it('answers invalid arguments with the field path, not a stack', async () => {
    socket.send(
      JSON.stringify({ type: 'call', id: 2, name: 'file.read', args: { relPath: '../../etc/passwd' } }),
    );
    const result = await next((m) => m.type === 'result' && m.id === 2);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-args', path: 'relPath' } });
  });

  it('tells the page about a malformed frame', async () => {
    socket.send('{not json');
    const event = await next((m) => m.type === 'event' && m.name === 'app.error');
    expect(event).toMatchObject({ payload: { code: 'invalid-args' } });
  });

  it('pushes an outside file change as workspace.changed', async () => {
    await writeFile(join(workspace, 'env.json'), '{ "FROM_OUTSIDE": "yes" }\n');
    const event = await next(
      (m) =>
        m.type === 'event' && m.name === 'workspace.changed' && m.payload.snapshot.env.FROM_OUTSIDE === 'yes',
    );
    expect(event).toMatchObject({ payload: { changes: [{ kind: 'changed', relPath: 'env.json' }] } });
  });
});
