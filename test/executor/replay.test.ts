import { afterAll, describe, expect, it } from 'vitest';
import { createExecutor, type RunResult } from '../../main/executor/index.ts';
import { passThrough, request, stage } from './helpers.ts';

const executor = createExecutor({ poolSize: 2 });
afterAll(() => executor.close());

const http = [
  {
    request: { method: 'GET', url: 'https://api.example.com/users?id=7&tag=a%20b' },
    response: { status: 200, body: { id: 7 } },
  },
  {
    request: { method: 'POST', url: 'https://api.example.com/check' },
    response: { status: 403, body: { reason: 'blocked' } },
  },
];

function withoutDurations(result: RunResult): unknown {
  return { ...result, durationMs: 0, stages: result.stages.map((s) => ({ ...s, durationMs: 0 })) };
}

describe('axios in replay', () => {
  it('answers from recordings matched on method and full URL, params appended', async () => {
    const code =
      "async function pipe(user, context, callback) {\n  const res = await axios.get('https://api.example.com/users', { params: { id: 7, tag: 'a b' } });\n  context.got = { status: res.status, data: res.data };\n  callback(null, user, context);\n}";
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('get', code)], { fixture: { http } }),
    );
    expect(result.outcome).toBe('continue');
    expect(result.context.got).toEqual({ status: 200, data: { id: 7 } });
    expect(result.stages[0]?.http).toEqual([
      {
        method: 'GET',
        url: 'https://api.example.com/users?id=7&tag=a%20b',
        status: 200,
        responseBody: { id: 7 },
        responseHeaders: {},
      },
    ]);
  });

  it('rejects a non-2xx answer like axios, with error.response', async () => {
    const code =
      "async function pipe(user, context, callback) {\n  try {\n    await axios.post('https://api.example.com/check', { email: user.email });\n  } catch (e) {\n    return callback(new Error(e.message + ' ' + e.response.status + ' ' + e.response.data.reason));\n  }\n  callback(null, user, context);\n}";
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('post', code)], { fixture: { http } }),
    );
    expect(result.outcome).toBe('deny');
    expect(result.error?.message).toBe('Request failed with status code 403 403 blocked');
    expect(result.stages[0]?.http[0]).toMatchObject({
      method: 'POST',
      requestBody: { email: 'ana@example.com' },
      status: 403,
    });
  });

  it('an unrecorded call fails the stage, naming it, even when the code catches it', async () => {
    const code =
      "async function pipe(user, context, callback) {\n  try { await axios('https://api.example.com/missing'); } catch (e) { log(e.message); }\n  callback(null, user, context);\n}";
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('missing', code)], { fixture: { http } }),
    );
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toBe('no recorded response for GET https://api.example.com/missing');
    expect(result.stages[0]?.logs).toEqual(['no recorded response for GET https://api.example.com/missing']);
    expect(result.stages[0]?.http[0]?.error).toContain('no recorded response');
  });
});

describe('authing in replay', () => {
  const authing = [
    { method: 'users.listOrgs', args: ['user-1'], result: [{ code: 'acme' }] },
    {
      method: 'users.find',
      args: [{ email: 'ana@example.com', withCustomData: true }],
      result: { id: 'user-1' },
    },
    { method: 'users.block', args: ['user-1'], error: 'forbidden' },
  ];

  it('answers dotted method calls matched on name and deep-equal arguments, and records them', async () => {
    const code =
      'async function pipe(user, context, callback) {\n  const orgs = await authing.users.listOrgs(user.id);\n  const found = await authing.users.find({ withCustomData: true, email: user.email });\n  let blocked;\n  try { await authing.users.block(user.id); } catch (e) { blocked = e.message; }\n  context.out = { orgs, found, blocked };\n  callback(null, user, context);\n}';
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('authing', code)], { fixture: { authing } }),
    );
    expect(result.outcome).toBe('continue');
    expect(result.context.out).toEqual({
      orgs: [{ code: 'acme' }],
      found: { id: 'user-1' },
      blocked: 'forbidden',
    });
    expect(result.stages[0]?.authing.map((c) => c.method)).toEqual([
      'users.listOrgs',
      'users.find',
      'users.block',
    ]);
    expect(result.stages[0]?.authing[2]?.error).toBe('forbidden');
  });

  it('an unrecorded call rejects clearly and fails the stage', async () => {
    const code =
      "async function pipe(user, context, callback) {\n  await authing.roles.list('admin');\n  callback(null, user, context);\n}";
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('authing', code)], { fixture: { authing } }),
    );
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toContain('no recorded response for authing.roles.list("admin")');
  });
});

describe('determinism', () => {
  const clockCode = passThrough(
    "  const d = new Date();\n  context.clock = { now: Date.now(), hours: d.getHours(), day: d.getDate(), offset: d.getTimezoneOffset(), text: d.toString(), iso: d.toISOString(), local: new Date(2026, 0, 1, 8, 30).toISOString(), fmt: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(d) };",
  );

  it('Date reads the fixture clock in the fixture time zone', async () => {
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('clock', clockCode)], {
        fixture: { now: '2026-11-23T20:30:00Z', timezone: 'Asia/Shanghai' },
      }),
    );
    expect(result.context.clock).toEqual({
      now: Date.parse('2026-11-23T20:30:00Z'),
      hours: 4,
      day: 24,
      offset: -480,
      text: 'Tue Nov 24 2026 04:30:00 GMT+0800 (China Standard Time)',
      iso: '2026-11-23T20:30:00.000Z',
      local: '2026-01-01T00:30:00.000Z',
      fmt: '04:30',
    });
  });

  it('local time follows daylight saving time in the fixture zone', async () => {
    const code = passThrough(
      '  context.h = [new Date(Date.UTC(2026, 0, 15, 12)).getHours(), new Date(Date.UTC(2026, 6, 15, 12)).getHours()];',
    );
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('dst', code)], { fixture: { timezone: 'Europe/Paris' } }),
    );
    expect(result.context.h).toEqual([13, 14]);
  });

  it('the same fixture gives the identical result twice; the seed changes randomness', async () => {
    const code = passThrough(
      "  const c = require('crypto');\n  context.r = [Math.random(), Math.random(), c.randomUUID(), c.randomBytes(4).toString('hex')];\n  log(new Date().toString());",
    );
    const make = (seed?: number) =>
      request('PRE_AUTHENTICATION', [stage('random', code)], {
        fixture: { timezone: 'Europe/Paris', ...(seed === undefined ? {} : { seed }) },
      });
    const [a, b, c] = await Promise.all([executor.run(make()), executor.run(make()), executor.run(make(42))]);
    expect(withoutDurations(a)).toEqual(withoutDurations(b));
    expect(a.context.r).not.toEqual(c.context.r);
    const r = a.context.r as [number, number, string, string];
    expect(r[0]).not.toBe(r[1]);
    expect(r[2]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('without now the clock is a fixed instant', async () => {
    const code = passThrough('  context.now = new Date().toISOString();');
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('now', code)]));
    expect(result.context.now).toBe('2026-01-01T00:00:00.000Z');
  });

  it('refuses a fixture time zone that is not an IANA name', async () => {
    const result = await executor.run(
      request('PRE_AUTHENTICATION', [stage('a', passThrough())], { fixture: { timezone: 'Mars/Olympus' } }),
    );
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toContain('"Mars/Olympus" is not an IANA time zone');
  });
});
