/**
 * The five realistic stages the executor benchmark replays, written as people write them for
 * the platform (SEMANTICS.md): all run in PRE_OIDC_ID_TOKEN_ISSUED so `user.addIdToken` is allowed.
 */
import type { StageSource } from '../../shared/run-request.ts';

export const BENCH_TRIGGER = 'PRE_OIDC_ID_TOKEN_ISSUED';

const emailDomainAllowList = `async function pipe(user, context, callback) {
  const allowed = (env.ALLOWED_DOMAINS || '').split(',').map((d) => d.trim().toLowerCase());
  const domain = String(user.email || '').split('@')[1] || '';
  if (!allowed.includes(domain.toLowerCase())) {
    return callback(new Error('Sign-in with an address at ' + domain + ' is not allowed'));
  }
  callback(null, user, context);
}
`;

const ipRangeCheck = `async function pipe(user, context, callback) {
  const { ipRangeCheck } = require('./utils');
  const ip = (context.request && context.request.ip) || context.ip;
  const office = ipRangeCheck(ip, ['10.0.0.0', '10.255.255.255']);
  const vpn = ipRangeCheck(ip, ['203.0.113.0', '203.0.113.255']);
  if (!office && !vpn) {
    return callback(new Error('Sign-in from ' + ip + ' is outside the company network'));
  }
  callback(null, user, context);
}
`;

const customData = `async function pipe(user, context, callback) {
  const geo = (context.request && context.request.geo) || {};
  user.addCustomData('lastCountry', geo.country || 'unknown');
  user.addCustomData('lastProtocol', context.protocol);
  callback(null, user, context);
}
`;

const tokenClaims = `async function pipe(user, context, callback) {
  const roles = ['member'];
  if (String(user.email).startsWith('admin')) roles.push('admin');
  user.addIdToken('roles', roles);
  user.addIdToken('department', user.company || 'none');
  callback(null, user, context);
}
`;

const lodashNickname = `async function pipe(user, context, callback) {
  const _ = require('lodash');
  const local = _.head(_.split(user.email, '@'));
  user.nickname = _.startCase(_.toLower(user.nickname || local));
  user.addCustomData('groups', _.uniq(_.map(_.get(context, 'appMetadata.groups', []), _.toLower)));
  callback(null, user, context);
}
`;

/** File name and source of each stage, in execution order. */
export const BENCH_STAGE_FILES: ReadonlyArray<{ name: string; code: string }> = [
  { name: 'email-domain-allow-list', code: emailDomainAllowList },
  { name: 'ip-range-check', code: ipRangeCheck },
  { name: 'custom-data', code: customData },
  { name: 'token-claims', code: tokenClaims },
  { name: 'lodash-nickname', code: lodashNickname },
];

/** The stages as the executor receives them. */
export function benchStages(): StageSource[] {
  return BENCH_STAGE_FILES.map(({ name, code }) => ({
    name,
    file: `${name}.js`,
    path: `pipelines/${BENCH_TRIGGER}/${name}.js`,
    code,
    enabled: true,
    async: false,
    timeoutSeconds: 3,
    terminateOnTimeout: true,
    description: '',
  }));
}
