/**
 * The web host in a real browser: the built renderer loads under the host's Content-Security-
 * Policy without violations, and a page of another origin cannot open the studio's socket even
 * when it knows the token (the Origin check, as a browser enforces it).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_WORKSPACE, ensureRendererBuilt } from '../../main/web/start.ts';
import { startWebHost, type WebHost } from '../../main/web/start-web-host.ts';

let dir: string;
let host: WebHost;
let browser: Browser;
let foreign: Server;
let foreignUrl: string;

beforeAll(async () => {
  ensureRendererBuilt();
  dir = await mkdtemp(join(tmpdir(), 'studio-browser-'));
  const workspace = join(dir, 'ws');
  await cp(EXAMPLE_WORKSPACE, workspace, { recursive: true });
  host = await startWebHost({ workspace, userDataDir: join(dir, 'user-data') });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
    ],
  });
  // Another local page, as a malicious site open in the same browser would be.
  foreign = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>elsewhere</title>');
  });
  await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await new Promise<void>((resolve) => (foreign ? foreign.close(() => resolve()) : resolve()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the web host in Chromium', () => {
  it('loads the studio under its CSP without violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(host.url);
    await page.waitForSelector('[data-app-state="loaded"]');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === `studio_token_${host.port}`)).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    expect(violations).toEqual([]);
    await context.close();
  });

  it('refuses the socket to a page of another origin, even with the token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(foreignUrl);
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new (
            globalThis as unknown as { WebSocket: new (u: string) => EventTarget }
          ).WebSocket(url);
          socket.addEventListener('open', () => resolve('open'));
          socket.addEventListener('error', () => resolve('refused'));
        }),
      `ws://127.0.0.1:${host.port}/ipc?token=${host.token}`,
    );
    expect(outcome).toBe('refused');
    await context.close();
  });
});
