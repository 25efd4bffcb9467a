/**
 * The store server benchmark (issue 6): runtime requests/s and p99 for a three-stage pipeline,
 * and the same for /healthz of the same server, measured in one run on loopback. The server runs
 * in its own process (PGlite in a temp folder, the sandboxed executor), as `pipeline-studio serve`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../server/db/open.ts';
import { createKey, createTenant } from '../server/store/tenants.ts';
import { formatNumber, formatRatio, formatTable, now, percentile, printSection } from './helpers.ts';

const CONCURRENCY = 32;
const WARM_UP_MS = 1500;
const DURATION_MS = 5000;
const TARGET_RPS = 1000;
const TARGET_P99_MS = 20;

const stage = (name: string, body: string) => ({
  name,
  file: `${name}.js`,
  enabled: true,
  async: false,
  timeoutSeconds: 3,
  terminateOnTimeout: false,
  description: '',
  code: `async function pipe(user, context, callback) {\n${body}\n  callback(null, user, context);\n}\n`,
});

/** Three realistic stages: a domain allow-list, an IP range check, a claim. */
const CONTENT = {
  env: { ALLOWED_DOMAIN: 'example.com' },
  pipelines: {
    PRE_OIDC_ID_TOKEN_ISSUED: {
      stages: [
        stage(
          'domain-allowlist',
          "  const email = user.email || '';\n  if (!email.endsWith('@' + env.ALLOWED_DOMAIN)) return callback(new Error('domain not allowed'));",
        ),
        stage(
          'office-ip',
          "  const { ipRangeCheck } = require('./utils');\n  context.inOffice = ipRangeCheck(context.request.ip, ['10.0.0.1', '10.0.255.255']);",
        ),
        stage('roles-claim', "  user.addIdToken('roles', context.inOffice ? ['staff'] : ['remote']);"),
      ],
      fixtures: {},
    },
  },
};

const BODY = JSON.stringify({
  user: { id: 'u1', email: 'ana@example.com', username: 'ana' },
  context: { protocol: 'password', request: { ip: '10.0.3.4', body: {} } },
});

interface Load {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

/**
 * Sends one request on `agent` and records it: its latency from `since` when the answer is a
 * 200, an error otherwise. Resolves when the answer has been read.
 */
function sendOne(
  agent: Agent,
  base: URL,
  path: string,
  method: 'GET' | 'POST',
  key: string | undefined,
  since: number,
  record: { latencies: number[]; errors: number },
): Promise<void> {
  return new Promise<void>((resolve) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path,
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(method === 'POST'
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) }
            : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) record.latencies.push(now() - since);
          else record.errors++;
          resolve();
        });
      },
    );
    req.on('error', () => {
      record.errors++;
      resolve();
    });
    if (method === 'POST') req.write(BODY);
    req.end();
  });
}

function summary(record: { latencies: number[]; errors: number }, wall: number): Load {
  return {
    requests: record.latencies.length,
    errors: record.errors,
    rps: (record.latencies.length / wall) * 1000,
    p50: percentile(record.latencies, 50),
    p99: percentile(record.latencies, 99),
  };
}

/** Keeps CONCURRENCY requests in flight on keep-alive connections for `durationMs`. */
async function load(
  base: URL,
  path: string,
  method: 'GET' | 'POST',
  key: string | undefined,
  durationMs: number,
): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const record = { latencies: [] as number[], errors: 0 };
  const started = now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (now() < end) await sendOne(agent, base, path, method, key, now(), record);
    }),
  );
  const wall = now() - started;
  agent.destroy();
  return summary(record, wall);
}

/**
 * Open loop: sends requests at a fixed rate for `durationMs`, whatever the answers' pace, and
 * times each from the moment it was due (so a stalled server cannot hide its backlog).
 */
async function loadAtRate(
  base: URL,
  path: string,
  key: string,
  rate: number,
  durationMs: number,
): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const record = { latencies: [] as number[], errors: 0 };
  const started = now();
  const total = Math.round((rate * durationMs) / 1000);
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  while (sent < total) {
    const elapsed = now() - started;
    const dueCount = Math.min(total, Math.floor((elapsed * rate) / 1000) + 1);
    for (; sent < dueCount; sent++) {
      inFlight.push(sendOne(agent, base, path, 'POST', key, started + (sent * 1000) / rate, record));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const wall = now() - started;
  agent.destroy();
  return summary(record, wall);
}

function startServer(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const entry = join(import.meta.dirname, 'server', 'serve-child.ts');
  const child = spawn(process.execPath, [entry, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, DATABASE_URL: '' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
}

async function json(
  url: string,
  method: string,
  key: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function run(): Promise<void> {
  printSection('Store server: runtime endpoint vs /healthz (loopback, server in its own process)');
  const dir = mkdtempSync(join(tmpdir(), 'ps-server-bench-'));
  let child: ChildProcess | undefined;
  try {
    const db = await openDb({ dataDir: dir });
    await createTenant(db, 'bench');
    const admin = (await createKey(db, 'bench', 'admin')).key;
    const runtime = (await createKey(db, 'bench', 'runtime')).key;
    await db.close();
    const started = await startServer(dir);
    child = started.child;
    const base = new URL(started.url);
    await json(`${started.url}/v1/revisions`, 'POST', admin, { content: CONTENT }, { 'if-match': '"0"' });
    await json(`${started.url}/v1/versions`, 'POST', admin, { revision: 1 });
    const check = (await json(
      `${started.url}/v1/runtime/PRE_OIDC_ID_TOKEN_ISSUED`,
      'POST',
      runtime,
      JSON.parse(BODY),
    )) as {
      outcome: string;
      idToken: { roles?: string[] };
    };
    if (check.outcome !== 'continue' || check.idToken.roles?.[0] !== 'staff') {
      throw new Error(`the benchmark pipeline decided ${JSON.stringify(check)}`);
    }
    const runtimePath = '/v1/runtime/PRE_OIDC_ID_TOKEN_ISSUED';
    await load(base, runtimePath, 'POST', runtime, WARM_UP_MS);
    const runtimeLoad = await load(base, runtimePath, 'POST', runtime, DURATION_MS);
    // At the target's rate, open loop: the latency a tenant sees when 1,000 sign-ins a second arrive.
    const atTarget = await loadAtRate(base, runtimePath, runtime, TARGET_RPS, DURATION_MS);
    // The same route for a trigger with no stages: the server's own cost, without the sandbox.
    const passThrough = await load(base, '/v1/runtime/PRE_REGISTER', 'POST', runtime, DURATION_MS / 2);
    await load(base, '/healthz', 'GET', undefined, WARM_UP_MS / 3);
    const health = await load(base, '/healthz', 'GET', undefined, DURATION_MS);
    const row = (name: string, l: Load) => [
      name,
      formatNumber(l.requests),
      String(l.errors),
      formatNumber(l.rps),
      `${l.p50.toFixed(2)} ms`,
      `${l.p99.toFixed(2)} ms`,
    ];
    process.stdout.write(
      `${formatTable(
        ['endpoint', 'requests', 'errors', 'req/s', 'p50', 'p99'],
        [
          row('POST /v1/runtime (3 stages)', runtimeLoad),
          row(`  same, ${TARGET_RPS.toLocaleString('en-US')} req/s offered`, atTarget),
          row('POST /v1/runtime (no stages)', passThrough),
          row('GET /healthz', health),
        ],
      )}\n`,
    );
    process.stdout.write(
      `runtime / healthz throughput: ${formatRatio(runtimeLoad.rps, health.rps)}; concurrency ${CONCURRENCY}, ${DURATION_MS / 1000} s each` +
        ' (the no-stages row shows what the server costs without the sandboxed executor)\n',
    );
    const rpsMet = runtimeLoad.rps >= TARGET_RPS;
    const p99Met = atTarget.p99 < TARGET_P99_MS && atTarget.errors === 0;
    process.stdout.write(
      `(the offered row sends ${TARGET_RPS.toLocaleString('en-US')} requests a second whatever the answers' pace, ` +
        'timing each from when it was due; the first rows keep a fixed number in flight)\n' +
        `target ≥ ${TARGET_RPS} req/s: ${rpsMet ? 'met' : 'NOT met'} (${formatNumber(runtimeLoad.rps)} with ${CONCURRENCY} in flight); ` +
        `target p99 < ${TARGET_P99_MS} ms at ${TARGET_RPS} req/s: ${p99Met ? 'met' : 'NOT met'} (${atTarget.p99.toFixed(2)} ms; ` +
        `${runtimeLoad.p99.toFixed(2)} ms with ${CONCURRENCY} in flight, where requests queue)\n`,
    );
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
