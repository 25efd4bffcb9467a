import { describe, expect, it } from 'vitest';
import { BENCH_ENV, benchFixture } from '../../bench/executor/fixtures.ts';
import { compileDirect, createVmRunner, ipRangeCheck, runPipes } from '../../bench/executor/shim.ts';
import { BENCH_STAGE_FILES } from '../../bench/executor/stages.ts';

/** The baselines must compute what the executor computes, or the benchmark compares unlike work. */
describe('executor benchmark baselines', () => {
  const codes = BENCH_STAGE_FILES.map((s) => s.code);

  it('checks IPv4 ranges inclusively and rejects malformed addresses', () => {
    expect(ipRangeCheck('10.0.0.0', ['10.0.0.0', '10.255.255.255'])).toBe(true);
    expect(ipRangeCheck('10.255.255.255', ['10.0.0.0', '10.255.255.255'])).toBe(true);
    expect(ipRangeCheck('11.0.0.0', ['10.0.0.0', '10.255.255.255'])).toBe(false);
    expect(ipRangeCheck('10.0.0', ['10.0.0.0', '10.255.255.255'])).toBe(false);
  });

  it('runs all five stages for an allowed sign-in', async () => {
    const result = await runPipes(compileDirect(codes, BENCH_ENV), benchFixture(0));
    expect(result).toMatchObject({
      outcome: 'continue',
      user: { nickname: 'Admin 0' },
      customData: { lastCountry: 'PT', lastProtocol: 'password', groups: ['sales'] },
      idToken: { roles: ['member', 'admin'], department: 'Example Corp' },
    });
  });

  it('denies a foreign domain and an outside IP with the stage messages', async () => {
    const pipes = compileDirect(codes, BENCH_ENV);
    expect(await runPipes(pipes, benchFixture(9))).toMatchObject({
      outcome: 'deny',
      error: 'Sign-in with an address at elsewhere.net is not allowed',
    });
    expect(await runPipes(pipes, benchFixture(14))).toMatchObject({
      outcome: 'deny',
      error: expect.stringContaining('is outside the company network'),
    });
  });

  it('gives the same results in a fresh vm context as called directly', async () => {
    const pipes = compileDirect(codes, BENCH_ENV);
    const inVm = createVmRunner(BENCH_STAGE_FILES, BENCH_ENV);
    for (const i of [0, 1, 9, 14, 33]) {
      expect(JSON.parse(JSON.stringify(await inVm(benchFixture(i))))).toEqual(
        JSON.parse(JSON.stringify(await runPipes(pipes, benchFixture(i)))),
      );
    }
  });
});
