/**
 * The renderer is served from `app://studio/` instead of file://, so the page has a real origin
 * that the sender check and the CSP can name, and can reach no other file on disk.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { protocol } from 'electron';
import { resolveAsset } from '../web/static-files.ts';
import { APP_SCHEME, CONTENT_SECURITY_POLICY } from './app-url.ts';

export { APP_ORIGIN, APP_URL, isAppUrl } from './app-url.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves `rendererDir` under app://studio/ with the CSP on every response. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'studio' ? resolveAsset(rendererDir, url.pathname) : undefined;
    const headers = {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    };
    if (file === undefined) return new Response('Not found', { status: 404, headers });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' },
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') return new Response('Not found', { status: 404, headers });
      throw error;
    }
  });
}
