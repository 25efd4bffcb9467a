/** The points of an identity flow where a pipeline runs (SEMANTICS.md, Triggers). */
export const TRIGGERS = [
  'PRE_REGISTER',
  'POST_REGISTER',
  'PRE_AUTHENTICATION',
  'POST_AUTHENTICATION',
  'PRE_OIDC_ID_TOKEN_ISSUED',
  'PRE_OIDC_ACCESS_TOKEN_ISSUED',
  'PRE_COMPLETE_USER_INFO',
] as const;

export type Trigger = (typeof TRIGGERS)[number];

/** Older names that mean the same trigger. */
export const TRIGGER_ALIASES: Readonly<Record<string, Trigger>> = {
  PRE_OIDCTOKENISSUED: 'PRE_OIDC_ID_TOKEN_ISSUED',
};

export interface TriggerInfo {
  readonly title: string;
  readonly when: string;
  /** Whether `callback(error)` stops the flow; otherwise the error is logged and the flow goes on. */
  readonly mayAbort: boolean;
}

export const TRIGGER_INFO: Readonly<Record<Trigger, TriggerInfo>> = {
  PRE_REGISTER: { title: 'Pre-register', when: 'before an account is created', mayAbort: true },
  POST_REGISTER: { title: 'Post-register', when: 'after the account is written', mayAbort: false },
  PRE_AUTHENTICATION: {
    title: 'Pre-authentication',
    when: 'before credentials are accepted',
    mayAbort: true,
  },
  POST_AUTHENTICATION: { title: 'Post-authentication', when: 'after a successful login', mayAbort: false },
  PRE_OIDC_ID_TOKEN_ISSUED: { title: 'ID token', when: 'before an ID token is signed', mayAbort: true },
  PRE_OIDC_ACCESS_TOKEN_ISSUED: {
    title: 'Access token',
    when: 'before an access token is signed',
    mayAbort: true,
  },
  PRE_COMPLETE_USER_INFO: {
    title: 'Complete user info',
    when: 'before a user completes missing profile fields',
    mayAbort: true,
  },
};

/** Resolves a trigger name or alias; `undefined` when it names no trigger. */
export function normalizeTrigger(name: string): Trigger | undefined {
  const upper = name.trim().toUpperCase();
  if ((TRIGGERS as readonly string[]).includes(upper)) return upper as Trigger;
  return TRIGGER_ALIASES[upper];
}

export function isTrigger(name: string): name is Trigger {
  return (TRIGGERS as readonly string[]).includes(name);
}
