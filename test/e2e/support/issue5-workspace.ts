import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The trigger the issue-5 tests seed with a three-stage pipeline (unused by the example workspace). */
export const THREE_STAGE_TRIGGER = 'PRE_COMPLETE_USER_INFO';

const STAGES: Record<string, string> = {
  'normalize-email': `async function pipe(user, context, callback) {
  const email = String(user.email || '').trim().toLowerCase();
  log(\`normalized \${email}\`);
  user.email = email;
  context.normalized = true;
  callback(null, user, context);
}
`,
  'mark-trusted': `async function pipe(user, context, callback) {
  if (user.email.endsWith('@example.com')) {
    context.trusted = true;
    user.addCustomData('trustedDomain', 'example.com');
  }
  callback(null, user, context);
}
`,
  'require-trusted': `async function pipe(user, context, callback) {
  if (!context.trusted) {
    return callback(new Error('Only trusted addresses may complete their profile.'));
  }
  callback(null, user, context);
}
`,
};

const FIXTURES: Record<string, object> = {
  'staff-completes': {
    name: 'staff member completes the profile',
    trigger: THREE_STAGE_TRIGGER,
    now: '2026-11-23T09:00:00Z',
    user: { id: 'u-1', email: '  Ana@Example.com ' },
    context: { protocol: 'password' },
    expect: { outcome: 'continue', user: { email: 'ana@example.com' }, context: { trusted: true } },
  },
  'outsider-denied': {
    name: 'outsider is turned away',
    trigger: THREE_STAGE_TRIGGER,
    now: '2026-11-23T09:00:00Z',
    user: { id: 'u-2', email: 'eve@elsewhere.net' },
    context: { protocol: 'password' },
    expect: { outcome: 'deny', error: 'Only trusted addresses' },
  },
  'partner-wrong-expect': {
    name: 'partner expectation written before the allow-list',
    trigger: THREE_STAGE_TRIGGER,
    now: '2026-11-23T09:00:00Z',
    user: { id: 'u-3', email: 'bo@example.com' },
    context: { protocol: 'social' },
    expect: { outcome: 'deny', error: 'Only trusted addresses' },
  },
};

/** Writes the three-stage pipeline and its fixtures into a workspace copy (before the page opens). */
export async function seedThreeStagePipeline(workspace: string): Promise<void> {
  const dir = join(workspace, 'pipelines', THREE_STAGE_TRIGGER);
  await mkdir(dir, { recursive: true });
  for (const [name, code] of Object.entries(STAGES)) await writeFile(join(dir, `${name}.js`), code);
  const stages = Object.keys(STAGES).map((name) => ({
    name,
    file: `${name}.js`,
    enabled: true,
    async: false,
    timeoutSeconds: 3,
    terminateOnTimeout: false,
    description: `Step "${name.replace(/-/g, ' ')}" of the profile check.`,
  }));
  await writeFile(join(dir, 'pipeline.json'), `${JSON.stringify({ stages }, null, 2)}\n`);
  const fixtures = join(workspace, 'fixtures', THREE_STAGE_TRIGGER);
  await mkdir(fixtures, { recursive: true });
  for (const [id, fixture] of Object.entries(FIXTURES)) {
    await writeFile(join(fixtures, `${id}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
  }
}
