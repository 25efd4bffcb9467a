/**
 * The web host: the studio's renderer and its IPC contract served on 127.0.0.1 only, guarded by
 * a per-launch token, for Playwright and for people who prefer a browser tab.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { TOKEN_PARAM, WIRE_PATH } from '../../shared/ipc/wire.ts';
import type { Services } from '../ipc/services.ts';
import { checkRequest, newToken, originRefusal, tokenCookie } from './request-guard.ts';
import { bridgeSocket, MAX_FRAME_BYTES } from './socket-bridge.ts';
import { notBuiltPage, resolveAsset, securityHeaders, sendFile } from './static-files.ts';

/** vite's output (renderer/vite.config.ts), resolved from this module so any cwd works. */
export const DEFAULT_RENDERER_DIR = resolve(import.meta.dirname, '..', '..', 'dist', 'renderer');

export interface WebServerOptions {
  services: Services;
  /** 0 (the default) picks a free port. */
  port?: number;
  rendererDir?: string;
  /** Fixed token, for tests; a random one otherwise. */
  token?: string;
}

export interface RunningWebServer {
  /** `http://127.0.0.1:PORT/?token=...`: the only way in. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function refuse(response: ServerResponse, status: number, reason: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
  response.end(`${reason}\n`);
}

/** Serves `services` over HTTP and one WebSocket path; binds 127.0.0.1 only. */
export async function serveWeb(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? newToken();
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  let port = 0;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  sockets.on('connection', (socket) => bridgeSocket(socket, options.services));

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const verdict = checkRequest(url, request.headers, { token, port });
    if (!verdict.ok) return refuse(response, 403, verdict.reason);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(response, 405, `${request.method} is not served here.`);
    }
    // The first page load brings the token in the URL; later requests carry it in the cookie.
    const cookie: Record<string, string> =
      verdict.tokenFrom === 'query' ? { 'Set-Cookie': tokenCookie(port, token) } : {};
    if (!existsSync(join(rendererDir, 'index.html'))) {
      response.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        ...securityHeaders(),
        ...cookie,
      });
      response.end(notBuiltPage(rendererDir));
      return;
    }
    void sendFile(response, resolveAsset(rendererDir, url.pathname), cookie, request.method === 'HEAD');
  });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const verdict = checkRequest(url, request.headers, { token, port });
    const reason = !verdict.ok
      ? verdict.reason
      : url.pathname !== WIRE_PATH
        ? `No socket at ${url.pathname}.`
        : originRefusal(request.headers, port);
    if (reason !== undefined) {
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}\n`,
      );
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/?${TOKEN_PARAM}=${token}`;

  return {
    url,
    token,
    port,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
