/** Serves the built renderer (vite's dist/renderer) with headers that keep the page to itself. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../electron/app-url.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * The page may load only its own files and talk only to its own host; Monaco needs inline
 * styles and blob: workers. `no-referrer` keeps the token in the URL from leaking anywhere.
 */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** Resolves a URL path inside `root`; `undefined` for anything that would leave it. */
export function resolveAsset(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    // A malformed escape is answered with 404 by the caller, like any path we do not serve.
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = normalize(join(root, relative));
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : undefined;
}

/** Streams one file; answers 404 when it does not exist. */
export async function sendFile(
  response: ServerResponse,
  file: string | undefined,
  extraHeaders: Record<string, string>,
  headOnly: boolean,
): Promise<void> {
  const info = file === undefined ? undefined : await stat(file).catch(() => undefined);
  if (file === undefined || info === undefined || !info.isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() });
    response.end('Not found\n');
    return;
  }
  const isHtml = file.endsWith('.html');
  response.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    // Hashed asset names never change content; the page itself must always be fresh.
    'Cache-Control': isHtml ? 'no-store' : 'private, max-age=31536000, immutable',
    ...securityHeaders(),
    ...extraHeaders,
  });
  if (headOnly) {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}

/** Shown instead of the app when the renderer has not been built. */
export function notBuiltPage(rendererDir: string): string {
  return `<!doctype html><meta charset="utf-8"><title>Pipeline Studio</title>
<p>The studio's interface has not been built yet (nothing at ${escapeHtml(rendererDir)}).</p>
<p>Run <code>npm run build</code>, then reload this page.</p>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
