import { createHash, createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../main/executor/index.ts';
import { passThrough, request, stage } from './helpers.ts';

const executor = createExecutor({ poolSize: 2 });
afterAll(() => executor.close());

async function evaluate(body: string): Promise<unknown> {
  const result = await executor.run(
    request('PRE_AUTHENTICATION', [stage('eval', passThrough(`  context.out = ${body};`))]),
  );
  expect(result.outcome, JSON.stringify(result.error)).toBe('continue');
  return result.context.out;
}

describe('require', () => {
  it('offers lodash, querystring, url, crypto and ./utils', async () => {
    const out = await evaluate(
      "['lodash', 'querystring', 'url', 'crypto', './utils'].map((m) => typeof require(m))",
    );
    expect(out).toEqual(['function', 'object', 'object', 'object', 'object']);
  });

  it.each(['fs', 'child_process', 'http', 'process', 'axios', '../../etc/passwd'])(
    'require(%j) fails with a message listing what is available',
    async (name) => {
      const code = `function pipe(user, context, callback) {\n  require(${JSON.stringify(name)});\n  callback(null, user, context);\n}`;
      const result = await executor.run(request('PRE_AUTHENTICATION', [stage('req', code)]));
      expect(result.outcome).toBe('error');
      expect(result.error?.message).toBe(
        `require(${JSON.stringify(name)}) is not available in a pipeline function; available modules: lodash, querystring, url, crypto, ./utils`,
      );
      expect(result.error?.location).toMatchObject({ file: 'pipelines/test/req.js', line: 2 });
    },
  );

  it('has no process, no fs, no real timers or sockets as globals', async () => {
    const out = await evaluate(
      "['process', 'Buffer', 'fetch', 'XMLHttpRequest', 'WebAssembly', 'SharedArrayBuffer'].map((n) => typeof globalThis[n])",
    );
    expect(out).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('lodash works', async () => {
    expect(await evaluate("require('lodash').chain([3, 1, 2]).sortBy().map((n) => n * 2).value()")).toEqual([
      2, 4, 6,
    ]);
  });

  it('querystring parses and stringifies', async () => {
    const out = await evaluate(
      "{ p: require('querystring').parse('a=1&b=x%20y&a=2&c'), s: require('querystring').stringify({ q: 'a b', n: [1, 2] }) }",
    );
    expect(out).toEqual({ p: { a: ['1', '2'], b: 'x y', c: '' }, s: 'q=a%20b&n=1&n=2' });
  });

  it('url parses, resolves and offers URL / URLSearchParams', async () => {
    const out = await evaluate(
      "(() => { const u = require('url'); const p = u.parse('https://ex.com:8443/a/b?x=1#h', true); const w = new URL('/c?d=2', 'https://ex.com/a/b'); w.searchParams.set('e', 'f g'); return { host: p.host, path: p.pathname, q: p.query, href: w.href, e: new URLSearchParams('k=v').get('k'), r: u.resolve('https://ex.com/a/b', 'c') }; })()",
    );
    expect(out).toEqual({
      host: 'ex.com:8443',
      path: '/a/b',
      q: { x: '1' },
      href: 'https://ex.com/c?d=2&e=f+g',
      e: 'v',
      r: 'https://ex.com/a/c',
    });
  });

  it('crypto hashes like Node', async () => {
    const out = await evaluate(
      "(() => { const c = require('crypto'); return ['md5', 'sha1', 'sha256', 'sha512'].map((a) => c.createHash(a).update('héllo').digest('hex')).concat([c.createHash('sha256').update('a').update('b').digest('base64'), c.createHmac('sha256', 'key').update('msg').digest('hex'), c.createHash('md5').update('x').digest().toString('hex')]); })()",
    );
    expect(out).toEqual([
      ...['md5', 'sha1', 'sha256', 'sha512'].map((a) => createHash(a).update('héllo').digest('hex')),
      createHash('sha256').update('ab').digest('base64'),
      createHmac('sha256', 'key').update('msg').digest('hex'),
      createHash('md5').update('x').digest('hex'),
    ]);
  });

  it('crypto names an unsupported digest', async () => {
    const code = passThrough("  require('crypto').createHash('whirlpool').update('x').digest('hex');");
    const result = await executor.run(request('PRE_AUTHENTICATION', [stage('c', code)]));
    expect(result.error?.message).toContain('digest "whirlpool" is not available');
  });
});

describe('./utils ipRangeCheck', () => {
  it.each([
    ['203.0.113.7', ['203.0.113.0', '203.0.113.255'], true],
    ['203.0.114.1', ['203.0.113.0', '203.0.113.255'], false],
    ['10.0.0.1', ['10.0.0.1', '10.0.0.1'], true],
    ['10.1.2.3', '10.0.0.0/8', true],
    ['11.1.2.3', '10.0.0.0/8', false],
    ['2001:db8::5', ['2001:db8::1', '2001:db8::ff'], true],
    ['2001:db9::5', ['2001:db8::1', '2001:db8::ff'], false],
    ['2001:db8::1:2', '2001:db8::/32', true],
    ['::ffff:192.168.1.5', ['192.168.1.0', '192.168.1.255'], true],
    ['not-an-ip', ['10.0.0.0', '10.0.0.9'], false],
    ['300.1.1.1', ['0.0.0.0', '255.255.255.255'], false],
  ])('ipRangeCheck(%j, %j) is %s', async (ip, range, expected) => {
    const out = await evaluate(
      `require('./utils').ipRangeCheck(${JSON.stringify(ip)}, ${JSON.stringify(range)})`,
    );
    expect(out).toBe(expected);
  });
});
