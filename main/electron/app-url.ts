/**
 * The app's own origin and what counts as it. Kept free of `electron` imports so the rules can
 * be tested without the Electron binary.
 */

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://studio`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * The page's policy, in the window and on the web host: only our own files; Monaco needs inline
 * styles and blob: workers.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Whether a URL belongs to our app (the sender check and navigation guard use this). */
export function isAppUrl(url: string): boolean {
  try {
    // Node's URL gives custom schemes the origin "null", so compare scheme and host instead.
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'studio' && parsed.username === '';
  } catch {
    // Not a URL at all: certainly not ours.
    return false;
  }
}

/** A frame may call main only when it is the top frame showing our app (the sender check). */
export function isTrustedFrame(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
}
