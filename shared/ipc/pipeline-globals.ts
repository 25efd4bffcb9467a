/**
 * What pipeline code can see (SEMANTICS.md, What a function can use), as data. The editor's
 * `.d.ts` is generated from these lists (editor-types.ts), and test/ipc checks them against the
 * sandbox's real globals and `require` list, so IntelliSense and the runtime cannot drift.
 */

/** Names the sandbox defines for a stage besides the function's own parameters. */
export const PIPELINE_GLOBALS = ['env', 'axios', 'log', 'authing', 'require', 'console'] as const;

/** The only modules `require` accepts. */
export const PIPELINE_MODULES = ['lodash', 'querystring', 'url', 'crypto', './utils'] as const;

export interface FieldDoc {
  name: string;
  /** A TypeScript type expression. */
  type: string;
  doc: string;
  /** Absent in some flows (then `?` in the declaration). */
  optional?: boolean;
}

export const USER_FIELDS: readonly FieldDoc[] = [
  { name: 'id', type: 'string', doc: 'The user id.' },
  { name: 'username', type: 'string | null', doc: 'The user name.' },
  { name: 'email', type: 'string | null', doc: 'The email address.' },
  { name: 'emailVerified', type: 'boolean', doc: 'Whether the email address is verified.' },
  { name: 'phone', type: 'string | null', doc: 'The phone number.' },
  { name: 'phoneVerified', type: 'boolean', doc: 'Whether the phone number is verified.' },
  { name: 'photo', type: 'string | null', doc: 'The avatar URL.' },
  { name: 'nickname', type: 'string | null', doc: 'The nickname.' },
  { name: 'gender', type: 'string | null', doc: 'M, F or U.' },
  { name: 'lastLogin', type: 'string | null', doc: 'Time of the last login (ISO 8601).' },
  { name: 'company', type: 'string | null', doc: 'The company.' },
  { name: 'browser', type: 'string | null', doc: 'The browser of the last login.' },
  { name: 'device', type: 'string | null', doc: 'The device of the last login.' },
  { name: 'country', type: 'string | null', doc: 'The country.' },
  { name: 'region', type: 'string | null', doc: 'The region.' },
  { name: 'address', type: 'string | null', doc: 'The address.' },
  { name: 'userPoolId', type: 'string', doc: 'The user pool the user belongs to.' },
  { name: 'registerSource', type: 'string[] | null', doc: 'How the account was created.' },
  { name: 'blocked', type: 'boolean', doc: 'Whether the account is blocked.' },
  { name: 'postalCode', type: 'string | null', doc: 'The postal code.' },
];

export const USER_METHODS: readonly FieldDoc[] = [
  {
    name: 'addCustomData',
    type: '(key: string, value: unknown) => void',
    doc: 'Records a custom data write for the user (the studio shows it).',
  },
  {
    name: 'addIdToken',
    type: '(key: string, value: unknown) => void',
    doc: 'Adds a claim to the ID token. Only in PRE_OIDC_ID_TOKEN_ISSUED.',
  },
  {
    name: 'removeIdToken',
    type: '(key: string) => void',
    doc: 'Removes a claim from the ID token. Only in PRE_OIDC_ID_TOKEN_ISSUED.',
  },
  {
    name: 'addAccessToken',
    type: '(key: string, value: unknown) => void',
    doc: 'Adds a claim to the access token. Only in PRE_OIDC_ACCESS_TOKEN_ISSUED.',
  },
  {
    name: 'removeAccessToken',
    type: '(key: string) => void',
    doc: 'Removes a claim from the access token. Only in PRE_OIDC_ACCESS_TOKEN_ISSUED.',
  },
];

export const CONTEXT_PROTOCOLS = ['password', 'sms', 'social', 'ldap', 'saml', 'oidc'] as const;

export const CONTEXT_FIELDS: readonly FieldDoc[] = [
  {
    name: 'protocol',
    type: CONTEXT_PROTOCOLS.map((p) => `'${p}'`).join(' | '),
    doc: 'How the person authenticates.',
  },
  { name: 'connection', type: 'string', doc: 'The identity source used.' },
  { name: 'userPoolId', type: 'string', doc: 'The user pool id.' },
  { name: 'userPoolName', type: 'string', doc: 'The user pool name.' },
  { name: 'userPoolMetadata', type: 'Record<string, unknown>', doc: 'The user pool configuration.' },
  { name: 'appId', type: 'string', doc: 'The application id.' },
  { name: 'appName', type: 'string', doc: 'The application name.' },
  { name: 'appMetadata', type: 'Record<string, unknown>', doc: 'The application configuration.' },
  { name: 'request', type: 'PipelineRequest', doc: 'The HTTP request that started the flow.' },
  {
    name: 'accessTokenTarget',
    type: 'string',
    doc: '"programmaticAccount" when an access token is issued to a machine account.',
    optional: true,
  },
  { name: 'ip', type: 'string', doc: 'Older name of `request.ip`.' },
  { name: 'geo', type: 'PipelineGeo', doc: 'Older name of `request.geo`.' },
];
