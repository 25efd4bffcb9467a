/**
 * Who may talk to the web host: only a page it served itself, on this machine. Every request
 * must carry the per-launch token (query or cookie), name this host in `Host` (against DNS
 * rebinding), and a WebSocket must come from this host's own origin (against other local pages).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { TOKEN_COOKIE, TOKEN_PARAM } from '../../shared/ipc/wire.ts';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The cookie carries the port because browsers share cookies across the ports of one host:
 * two studios on 127.0.0.1 must not overwrite each other's token.
 */
export function tokenCookieName(port: number): string {
  return `${TOKEN_COOKIE}_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export type Verdict = { ok: true; tokenFrom: 'query' | 'cookie' } | { ok: false; reason: string };

export interface GuardOptions {
  token: string;
  port: number;
}

function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Checks `Host` and the token of any request (page, asset or socket upgrade). */
export function checkRequest(url: URL, headers: IncomingHttpHeaders, options: GuardOptions): Verdict {
  const host = headers.host ?? '';
  if (!allowedHosts(options.port).includes(host.toLowerCase())) {
    return { ok: false, reason: `Host "${host}" is not this studio; open http://127.0.0.1:${options.port}/` };
  }
  if (sameToken(url.searchParams.get(TOKEN_PARAM) ?? undefined, options.token))
    return { ok: true, tokenFrom: 'query' };
  if (sameToken(cookieValue(headers, tokenCookieName(options.port)), options.token)) {
    return { ok: true, tokenFrom: 'cookie' };
  }
  return {
    ok: false,
    reason:
      'Missing or wrong token; open the URL the studio printed when it started (it ends in ?token=...).',
  };
}

/**
 * A socket must also come from a page of this host: browsers always send `Origin` on an upgrade.
 * Returns why it is refused, or `undefined` when it may connect.
 */
export function originRefusal(headers: IncomingHttpHeaders, port: number): string | undefined {
  const origin = headers.origin;
  const allowed = allowedHosts(port).map((h) => `http://${h}`);
  if (origin === undefined || !allowed.includes(origin.toLowerCase())) {
    return `Origin "${origin ?? '(none)'}" may not open the studio's socket.`;
  }
  return undefined;
}
