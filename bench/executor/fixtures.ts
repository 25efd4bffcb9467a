/**
 * Generates the benchmark's fixtures deterministically: mostly sign-ins that pass all five
 * stages, with a share denied by the domain allow-list or the IP check, as real traffic is.
 */
import type { Fixture } from '../../shared/schemas/fixture.ts';
import { BENCH_TRIGGER } from './stages.ts';

export const BENCH_ENV: Readonly<Record<string, string>> = { ALLOWED_DOMAINS: 'example.com, example.org' };

const COUNTRIES = ['PT', 'CN', 'DE', 'BR', 'US'];
const GROUPS = ['Sales', 'Engineering', 'Support', 'Finance'];

/** The i-th fixture: every 10th has a foreign domain, every 15th an outside IP. */
export function benchFixture(i: number): Fixture {
  const domain = i % 10 === 9 ? 'elsewhere.net' : i % 2 === 0 ? 'example.com' : 'example.org';
  const local = i % 50 === 0 ? `admin${i}` : `user.${i}`;
  const ip =
    i % 15 === 14 ? `198.51.100.${i % 256}` : i % 3 === 0 ? `203.0.113.${i % 256}` : `10.${i % 256}.0.1`;
  const country = COUNTRIES[i % COUNTRIES.length] ?? 'PT';
  return {
    name: `sign-in ${i}`,
    trigger: BENCH_TRIGGER,
    now: '2026-11-23T09:00:00Z',
    timezone: 'UTC',
    user: {
      id: `user-${i}`,
      username: local,
      email: `${local}@${domain}`,
      emailVerified: true,
      nickname: i % 4 === 0 ? '' : `NICK ${i}`,
      company: i % 5 === 0 ? 'Example Corp' : '',
      country,
    },
    context: {
      protocol: 'password',
      userPoolId: 'pool-1',
      appId: 'app-1',
      appMetadata: { groups: GROUPS.slice(0, (i % GROUPS.length) + 1) },
      request: { ip, geo: { country }, body: {}, query: {} },
    },
    env: {},
    http: [],
    authing: [],
  };
}

export function benchFixtures(count: number): Fixture[] {
  return Array.from({ length: count }, (_, i) => benchFixture(i));
}
