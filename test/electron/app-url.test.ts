import { describe, expect, it } from 'vitest';
import { APP_URL, CONTENT_SECURITY_POLICY, isAppUrl, isTrustedFrame } from '../../main/electron/app-url.ts';

describe('what the desktop window trusts (no Electron binary needed)', () => {
  it('recognises only app://studio URLs as the app', () => {
    expect(isAppUrl(APP_URL)).toBe(true);
    expect(isAppUrl('app://studio/assets/index-abc.js')).toBe(true);
    expect(isAppUrl('app://studio')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('app://user@studio/index.html')).toBe(false);
    expect(isAppUrl('https://studio/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('lets only the top frame of the app call main', () => {
    expect(isTrustedFrame({ url: APP_URL, parent: null })).toBe(true);
    expect(isTrustedFrame({ url: APP_URL, parent: {} })).toBe(false);
    expect(isTrustedFrame({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedFrame(null)).toBe(false);
  });

  it('keeps the content security policy strict', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});
