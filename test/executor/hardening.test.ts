import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../main/executor/index.ts';
import { passThrough, request, stage } from './helpers.ts';

const executor = createExecutor({ poolSize: 1 });
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url, method: req.method }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await executor.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('files and callbacks that misbehave', () => {
  it('a file that would close its wrapper is a syntax error at its own line', async () => {
    const code =
      'function pipe(user, context, callback) {\n  callback(null, user, context);\n}\nreturn pipe;\n}), (function () {\n  function x() {}';
    const victim = stage('victim', passThrough('  user.victim = true;'));
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('escape', code), victim]));
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toContain('SyntaxError');
    expect(result.error?.location).toMatchObject({ file: 'pipelines/test/escape.js', line: 4 });
  });

  it('two broken files with different errors each report their own', async () => {
    const a = await executor.run(
      request('PRE_AUTHENTICATION', [stage('broken', 'function pipe() {\n  const = 1;\n}')]),
    );
    const b = await executor.run(request('PRE_AUTHENTICATION', [stage('broken', 'function pipe() {\n')]));
    expect(a.error?.message).toContain('(pipelines/test/broken.js:2:');
    expect(b.error?.message).toContain('Unexpected end of input');
  });

  it('a string passed as the user fails the stage with a clear message', async () => {
    const code = "function pipe(user, context, callback) {\n  callback(null, 'nobody', context);\n}";
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('str', code)]));
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toBe('the user passed to callback must be an object or null, not a string');
    expect(result.error?.location).toMatchObject({ line: 2 });
  });

  it('a stack-trace hook can neither hide nor fake the error location', async () => {
    const code =
      "function pipe(user, context, callback) {\n  Error.prepareStackTrace = () => 'hidden';\n  throw new Error('real failure');\n}";
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('hook', code)]));
    expect(result.error).toMatchObject({
      message: 'real failure',
      location: { file: 'pipelines/test/hook.js', line: 3 },
    });
  });

  it('accessors planted on Object.prototype do not change what the executor records', async () => {
    const code = passThrough(
      "  for (const k of ['message', 'location', 'error', 'outcome', 'status', 'result']) Object.defineProperty(Object.prototype, k, { get() { return 'HOSTILE'; }, set() {}, configurable: true });",
    );
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('accessors', code), stage('next', passThrough())]),
    );
    expect(result.outcome).toBe('continue');
    expect(result.stages.map((s) => s.outcome)).toEqual(['continue', 'continue']);
    expect(result.stages[0]?.error).toBeUndefined();
  });

  it('a huge error message is shortened', async () => {
    const code = "function pipe(user, context, callback) {\n  callback(new Error('no '.repeat(100000)));\n}";
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('long', code)]));
    expect(result.outcome).toBe('deny');
    expect(result.error?.message.length).toBeLessThan(4100);
    expect(result.error?.message).toMatch(/^(no ){100}.*more characters\)$/);
  });
});

describe('promises left behind', () => {
  it('a rejected promise nobody handles is logged and the run goes on', async () => {
    const code =
      "function pipe(user, context, callback) {\n  Promise.reject(new Error('floating'));\n  callback(null, user, context);\n}";
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('floating', code), stage('next', passThrough())]),
    );
    expect(result.outcome).toBe('continue');
    expect(result.stages.map((s) => s.outcome)).toEqual(['continue', 'continue']);
    expect(result.stages[0]?.logs).toEqual(['[warn] unhandled promise rejection: floating']);
  });

  it('an un-awaited unrecorded axios call still fails its stage, naming the call', async () => {
    const code =
      "function pipe(user, context, callback) {\n  axios.get('https://api.example.com/fire-and-forget');\n  callback(null, user, context);\n}";
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('fire', code)]));
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toBe(
      'no recorded response for GET https://api.example.com/fire-and-forget',
    );
  });
});

describe('live mode', () => {
  const live = (allowHosts: string[]) => ({ live: { allowHosts, record: true } });

  it('performs real HTTP to allow-listed hosts and returns the exchange', async () => {
    const code = `async function pipe(user, context, callback) {\n  const res = await axios.post('http://127.0.0.1:${port}/check', { a: 1 });\n  context.got = res.data;\n  callback(null, user, context);\n}`;
    const result = await executor.run({
      ...request('PRE_AUTHENTICATION', [stage('live', code)]),
      ...live(['127.0.0.1']),
    });
    expect(result.outcome).toBe('continue');
    expect(result.context.got).toEqual({ path: '/check', method: 'POST' });
    expect(result.stages[0]?.http[0]).toMatchObject({ method: 'POST', status: 200, requestBody: { a: 1 } });
  });

  it('refuses a host that is not on the allow-list', async () => {
    const code = `async function pipe(user, context, callback) {\n  await axios.get('http://127.0.0.1:${port}/x');\n  callback(null, user, context);\n}`;
    const result = await executor.run({
      ...request('PRE_AUTHENTICATION', [stage('live', code)]),
      ...live(['api.example.com']),
    });
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toContain('127.0.0.1 is not on the live-mode allow-list');
  });

  it('rejects a live non-2xx answer with error.response', async () => {
    const code = `async function pipe(user, context, callback) {\n  try { await axios.get('http://127.0.0.1:${port}/missing'); } catch (e) { return callback(new Error('status ' + e.response.status)); }\n  callback(null, user, context);\n}`;
    const result = await executor.run({
      ...request('PRE_AUTHENTICATION', [stage('live', code)]),
      ...live(['127.0.0.1']),
    });
    expect(result.outcome).toBe('deny');
    expect(result.error?.message).toBe('status 404');
  });
});

describe('malformed requests', () => {
  it('a request without a fixture fails with a message and the executor keeps working', async () => {
    const bad = { ...request('PRE_AUTHENTICATION', [stage('a', passThrough())]) } as Record<string, unknown>;
    delete bad.fixture;
    const result = await executor.run(bad as unknown as ReturnType<typeof request>);
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toContain('the sandbox could not run this request');
    const next = await executor.run(
      request('PRE_AUTHENTICATION', [stage('a', passThrough('  user.ok = 1;'))]),
    );
    expect(next.user).toMatchObject({ ok: 1 });
  });
});
