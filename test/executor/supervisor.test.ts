import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor, type RunResult, type SandboxState } from '../../main/executor/index.ts';
import { passThrough, request, stage } from './helpers.ts';

const executor = createExecutor({ poolSize: 2 });
afterAll(() => executor.close());

const spin = stage('spin', 'function pipe(user, context, callback) {\n  for (;;) {}\n}', {
  timeoutSeconds: 30,
});
const quick = stage('quick', passThrough('  user.ok = true;'));

async function waitFor(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('supervisor', () => {
  it('a killed host fails only the run in flight with "sandbox crashed"; the next run works', async () => {
    await executor.run(request('PRE_AUTHENTICATION', [quick]));
    const states: SandboxState[] = [];
    const off = executor.onStateChange((state) => states.push(state));
    const pid = executor.hostPid;
    expect(pid).toBeTypeOf('number');
    const inFlight = executor.run(request('PRE_AUTHENTICATION', [spin]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(pid as number, 'SIGKILL');
    const crashed = await inFlight;
    expect(crashed.outcome).toBe('error');
    expect(crashed.error?.message).toBe(
      'sandbox crashed in stage spin (the sandbox process died; it was restarted)',
    );
    expect(crashed.error?.stage, 'the host marks each stage start, so the crash names the stage').toBe(
      'spin',
    );
    expect(crashed.stages.map((s) => [s.name, s.outcome])).toEqual([['spin', 'error']]);
    const next = await executor.run(request('PRE_AUTHENTICATION', [quick]));
    expect(next.outcome).toBe('continue');
    expect(next.user).toMatchObject({ ok: true });
    expect(executor.hostPid).not.toBe(pid);
    expect(states).toEqual(['restarting', 'ready']);
    off();
  });

  it('runs queued behind a crash go to the new host', async () => {
    await waitFor(() => executor.state === 'ready');
    const pid = executor.hostPid as number;
    const many = Array.from({ length: 30 }, () => request('PRE_AUTHENTICATION', [quick]));
    const blockers = [
      executor.run(request('PRE_AUTHENTICATION', [spin])),
      executor.run(request('PRE_AUTHENTICATION', [spin])),
    ];
    const results = executor.runMany(many);
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(pid, 'SIGKILL');
    const settled = await Promise.all(blockers);
    expect(settled.map((r) => r.error?.message?.startsWith('sandbox crashed'))).toEqual([true, true]);
    const after = await results;
    const crashed = after.filter((r) => r.error?.message?.startsWith('sandbox crashed')).length;
    expect(after.filter((r) => r.outcome === 'continue').length + crashed).toBe(30);
    expect(crashed).toBeLessThan(30);
  });
});

describe('cancellation and streaming', () => {
  it('an abort signal cancels a running run and queued runs', async () => {
    await waitFor(() => executor.state === 'ready');
    const controller = new AbortController();
    const shortSpin = { ...spin, timeoutSeconds: 2 };
    const running = executor.run(request('PRE_AUTHENTICATION', [shortSpin]), { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const result = await running;
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toBe('run cancelled');
    const already = await executor.run(request('PRE_AUTHENTICATION', [quick]), {
      signal: AbortSignal.abort(),
    });
    expect(already.error?.message).toBe('run cancelled');
  });

  it('runMany streams each result through onResult and returns them in request order', async () => {
    const slow = stage(
      'slow',
      'function pipe(user, context, callback) {\n  let n = 0;\n  for (let i = 0; i < 3e7; i++) n += i;\n  user.n = n > 0;\n  callback(null, user, context);\n}',
    );
    const requests = [
      request('PRE_AUTHENTICATION', [slow], { fixture: { name: 'slow' } }),
      request('PRE_AUTHENTICATION', [quick], { fixture: { name: 'quick-1' } }),
      request('PRE_AUTHENTICATION', [quick], { fixture: { name: 'quick-2' } }),
    ];
    const seen: [number, RunResult][] = [];
    const own = createExecutor({ poolSize: 2 });
    const results = await own.runMany(requests, { onResult: (index, result) => seen.push([index, result]) });
    await own.close();
    expect(results.map((r) => r.outcome)).toEqual(['continue', 'continue', 'continue']);
    expect(results[0]?.user).toMatchObject({ n: true });
    expect(seen.map(([index]) => index).sort()).toEqual([0, 1, 2]);
    expect(seen.at(-1)?.[0]).toBe(0);
    for (const [index, result] of seen) expect(result).toBe(results[index]);
  });

  it('close() finishes with state closed and later runs are refused', async () => {
    const own = createExecutor({ poolSize: 1 });
    await own.run(request('PRE_AUTHENTICATION', [quick]));
    await own.close();
    expect(own.state).toBe('closed');
    const refused = await own.run(request('PRE_AUTHENTICATION', [quick]));
    expect(refused.error?.message).toContain('executor closed');
  });
});

describe('sharing runs among the workers', () => {
  let port = 0;
  let held: (() => void) | null = null;
  let quickAnswered = 0;
  let heldTooLong = 0;
  /**
   * `/slow` is answered once 5 quick requests were, or after 10 s (counted as held too long; the
   * stage's own timeout is longer).
   */
  const server = createServer((req, res) => {
    const answer = (): void => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    };
    if (req.url === '/slow') {
      const timer = setTimeout(() => {
        heldTooLong += 1;
        held = null;
        answer();
      }, 10_000);
      held = () => {
        clearTimeout(timer);
        answer();
      };
      if (quickAnswered >= 5) held();
      return;
    }
    answer();
    quickAnswered += 1;
    if (quickAnswered >= 5 && held) held();
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a short batch is dealt out to every worker, not queued on the first', async () => {
    await waitFor(() => executor.state === 'ready');
    const slow = { ...spin, timeoutSeconds: 1 };
    const order: string[] = [];
    const batch = [
      request('PRE_AUTHENTICATION', [slow]),
      ...Array.from({ length: 3 }, () => request('PRE_AUTHENTICATION', [quick])),
    ];
    await executor.runMany(batch, { onResult: (index) => order.push(index === 0 ? 'slow' : 'quick') });
    // Dealt round by round, the other worker takes two of the three quick runs and ends them first.
    expect(order.indexOf('slow'), `finished in the order ${order.join(', ')}`).toBeGreaterThanOrEqual(2);
  });

  it('live runs go one at a time to each worker, so quick ones never wait behind a slow one', async () => {
    await waitFor(() => executor.state === 'ready');
    const code = `async function pipe(user, context, callback) {\n  await axios.get('http://127.0.0.1:${port}/' + env.KIND);\n  callback(null, user, context);\n}`;
    const live = { live: { allowHosts: ['127.0.0.1'], record: false } };
    const kinds = ['slow', 'quick', 'quick', 'quick', 'quick', 'quick'];
    const results = await executor.runMany(
      kinds.map((kind) => ({
        ...request('PRE_AUTHENTICATION', [stage('live', code, { timeoutSeconds: 20 })], {
          env: { KIND: kind },
        }),
        ...live,
      })),
    );
    expect(results.map((r) => r.outcome)).toEqual(kinds.map(() => 'continue'));
    expect(results.flatMap((r) => r.stages.map((st) => st.outcome))).toEqual(kinds.map(() => 'continue'));
    expect(heldTooLong, 'the slow request was answered once the quick ones were: none waited behind it').toBe(
      0,
    );
  });
});

describe('a worker that ends while its host lives on', () => {
  const withEndingWorker = createExecutor({
    poolSize: 1,
    hostEntry: fileURLToPath(new URL('./fixtures/worker-ending-host.ts', import.meta.url)),
  });
  afterAll(() => withEndingWorker.close());

  it('fails its runs in flight, naming the stage; the host keeps its pid and the next run works', async () => {
    const warm = await withEndingWorker.run(request('PRE_AUTHENTICATION', [quick]));
    expect(warm.outcome).toBe('continue');
    const pid = withEndingWorker.hostPid as number;
    const running = withEndingWorker.run(request('PRE_AUTHENTICATION', [{ ...spin, timeoutSeconds: 2 }]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(pid, 'SIGUSR2');
    const crashed = await running;
    expect(crashed.outcome).toBe('error');
    expect(crashed.error).toEqual({
      message: 'sandbox crashed in stage spin (the sandbox worker running it ended; it was restarted)',
      stage: 'spin',
    });
    const next = await withEndingWorker.run(request('PRE_AUTHENTICATION', [quick]));
    expect(next.outcome).toBe('continue');
    expect(withEndingWorker.hostPid).toBe(pid);
    expect(withEndingWorker.state).toBe('ready');
  });
});

describe('a sandbox that cannot start', () => {
  it('fails the runs with a clear message after a few tries instead of keeping them forever', async () => {
    const broken = createExecutor({
      poolSize: 1,
      hostEntry: fileURLToPath(new URL('./fixtures/unreachable-link-host.ts', import.meta.url)),
    });
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      const result = await broken.run(request('PRE_AUTHENTICATION', [quick]));
      expect(result.outcome).toBe('error');
      expect(result.error?.message).toBe(
        'sandbox could not start: the host process keeps exiting (it said: pipeline-studio sandbox: worker 0 cannot start; the host stops)',
      );
      expect(written.join(''), 'the workers say why they ended').toContain('the sandbox link failed');
    } finally {
      process.stderr.write = original;
      await broken.close();
    }
  }, 60_000);
});

describe('no place for the link', () => {
  it('every run fails saying why, and closing works', async () => {
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = '/nonexistent/pipeline-studio-test';
    let broken: ReturnType<typeof createExecutor>;
    try {
      broken = createExecutor({ poolSize: 1 });
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
    const result = await broken.run(request('PRE_AUTHENTICATION', [quick]));
    expect(result.outcome).toBe('error');
    expect(result.error?.message).toMatch(/^sandbox could not start: its link could not be opened \(ENOENT/);
    expect(broken.state).toBe('closed');
    expect(broken.hostPid).toBeUndefined();
    await broken.close();
  });
});

describe('closing', () => {
  it('leaves nothing that keeps the calling process alive (no timer, socket or server)', () => {
    const script = fileURLToPath(new URL('./fixtures/close-and-report.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--no-warnings', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    const report = JSON.parse(out.trim().split('\n').at(-1) as string) as {
      outcome: string;
      before: string[];
      after: string[];
    };
    expect(report.outcome).toBe('continue');
    expect(report.after.sort()).toEqual(report.before.sort());
  });

  it('ends the sandbox host cleanly: it exits with nothing on stderr (no native assertion at teardown)', async () => {
    const closing = createExecutor({ poolSize: 2 });
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(String(chunk));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    try {
      const results = await closing.runMany(
        Array.from({ length: 40 }, () => request('PRE_AUTHENTICATION', [quick])),
      );
      expect(results.every((r) => r.outcome === 'continue')).toBe(true);
      const pid = closing.hostPid as number;
      await closing.close();
      expect(() => process.kill(pid, 0), 'the host process is gone').toThrow();
      // Its last stderr lines arrive with its exit; give them a moment to be passed on.
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      process.stderr.write = original;
    }
    expect(written.join('')).toBe('');
  });
});
