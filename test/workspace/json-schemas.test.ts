import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  caseInsensitivePattern,
  envJsonSchema,
  fixtureJsonSchema,
  pipelineJsonSchema,
  studioJsonSchema,
  WORKSPACE_JSON_SCHEMAS,
} from '../../shared/json-schemas.ts';
import { fixtureSchema } from '../../shared/schemas/fixture.ts';
import { pipelineFileSchema } from '../../shared/schemas/pipeline.ts';
import { envFileSchema, studioFileSchema } from '../../shared/schemas/studio.ts';

// ajv (with ajv-formats) is already installed as fastify's validator; it stands in for Monaco here.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

interface Case {
  label: string;
  value: unknown;
}

const semanticsFixture = {
  name: 'corporate address may register',
  trigger: 'PRE_REGISTER',
  now: '2026-11-23T09:00:00Z',
  timezone: 'Asia/Shanghai',
  user: null,
  context: { protocol: 'password', request: { ip: '203.0.113.7', body: { email: 'ana@example.com' } } },
  env: { ALLOWED_DOMAIN: 'example.com' },
  http: [
    { request: { method: 'GET', url: 'https://x.test/' }, response: { status: 200, headers: {}, body: {} } },
  ],
  authing: [{ method: 'users.listOrgs', args: ['user-id'], result: [] }],
  expect: { outcome: 'continue', user: {}, context: {}, idToken: {}, accessToken: {} },
};

const suites: { name: string; zod: z.ZodType; json: object; valid: Case[]; invalid: Case[] }[] = [
  {
    name: 'fixture',
    zod: fixtureSchema,
    json: fixtureJsonSchema,
    valid: [
      { label: 'the SEMANTICS.md example', value: semanticsFixture },
      { label: 'the minimum', value: { name: 'x', trigger: 'POST_REGISTER' } },
      {
        label: 'deny with an offset time',
        value: {
          name: 'x',
          trigger: 'T',
          now: '2026-01-01T08:00:00+08:00',
          expect: { outcome: 'deny', error: 'no' },
        },
      },
    ],
    invalid: [
      { label: 'no name', value: { trigger: 'PRE_REGISTER' } },
      { label: 'bad now', value: { name: 'x', trigger: 'T', now: 'yesterday' } },
      { label: 'bad outcome', value: { name: 'x', trigger: 'T', expect: { outcome: 'maybe' } } },
      {
        label: 'status out of range',
        value: {
          name: 'x',
          trigger: 'T',
          http: [{ request: { method: 'GET', url: 'u' }, response: { status: 999 } }],
        },
      },
      { label: 'env value not text', value: { name: 'x', trigger: 'T', env: { A: 1 } } },
      { label: 'user is an array', value: { name: 'x', trigger: 'T', user: [] } },
    ],
  },
  {
    name: 'pipeline.json',
    zod: pipelineFileSchema,
    json: pipelineJsonSchema,
    valid: [
      {
        label: 'the SEMANTICS.md example',
        value: {
          stages: [
            {
              name: 'email-domain-whitelist',
              file: 'email-domain-whitelist.js',
              enabled: true,
              async: false,
              timeoutSeconds: 3,
              terminateOnTimeout: false,
              description: '...',
            },
          ],
        },
      },
      {
        label: 'defaults left out, upper-case name',
        value: { stages: [{ name: 'Check-Email', file: 'Check-Email.js' }] },
      },
      { label: 'empty', value: { stages: [] } },
    ],
    invalid: [
      { label: 'timeout 61', value: { stages: [{ name: 'a', file: 'a.js', timeoutSeconds: 61 }] } },
      { label: 'timeout 1.5', value: { stages: [{ name: 'a', file: 'a.js', timeoutSeconds: 1.5 }] } },
      { label: 'file in a folder', value: { stages: [{ name: 'a', file: 'sub/a.js' }] } },
      { label: 'name with a slash', value: { stages: [{ name: 'a/b', file: 'a.js' }] } },
      { label: 'no stages', value: {} },
    ],
  },
  {
    name: 'studio.json',
    zod: studioFileSchema,
    json: studioJsonSchema,
    valid: [
      {
        label: 'the SEMANTICS.md example',
        value: { name: 'demo', remote: { url: 'https://store.example.com', tenant: 'acme' } },
      },
      {
        label: 'secrets and live',
        value: {
          name: 'demo',
          secrets: ['API_KEY'],
          live: { enabled: true, allowHosts: ['api.example.com'] },
        },
      },
    ],
    invalid: [
      { label: 'empty name', value: { name: '' } },
      { label: 'bad secret name', value: { name: 'x', secrets: ['api-key'] } },
      { label: 'remote without tenant', value: { name: 'x', remote: { url: 'https://x.test' } } },
    ],
  },
  {
    name: 'env.json',
    zod: envFileSchema,
    json: envJsonSchema,
    valid: [
      { label: 'the SEMANTICS.md example', value: { KEY: 'value' } },
      { label: 'empty', value: {} },
    ],
    invalid: [
      { label: 'number value', value: { KEY: 1 } },
      { label: 'bad key', value: { 'my-key': 'x' } },
      { label: 'array', value: ['x'] },
    ],
  },
];

describe('generated JSON Schemas agree with the zod schemas', () => {
  for (const suite of suites) {
    const validate = ajv.compile(suite.json);
    for (const { label, value } of suite.valid) {
      it(`${suite.name} accepts ${label}`, () => {
        expect(suite.zod.safeParse(value).success).toBe(true);
        expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
      });
    }
    for (const { label, value } of suite.invalid) {
      it(`${suite.name} rejects ${label}`, () => {
        expect(suite.zod.safeParse(value).success).toBe(false);
        expect(validate(value)).toBe(false);
      });
    }
  }

  it('accept every fixture of the template library, as zod does', async () => {
    const root = join(import.meta.dirname, '..', '..', 'templates');
    const validate = ajv.compile(fixtureJsonSchema);
    let checked = 0;
    for (const entry of await readdir(root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(root, entry.name, 'fixtures');
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names.filter((n) => n.endsWith('.json'))) {
        const value: unknown = JSON.parse(await readFile(join(dir, name), 'utf8'));
        expect(validate(value), `${entry.name}/${name}: ${JSON.stringify(validate.errors)}`).toBe(
          fixtureSchema.safeParse(value).success,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('are generated (zod metadata present), draft-07, and list the required fields', () => {
    expect(fixtureJsonSchema).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      required: ['name', 'trigger'],
    });
    expect(pipelineJsonSchema).toMatchObject({ required: ['stages'] });
    expect(studioJsonSchema).toMatchObject({ required: ['name'] });
    expect(WORKSPACE_JSON_SCHEMAS.map((s) => s.fileMatch[0])).toEqual([
      'studio.json',
      'env.json',
      'pipelines/*/pipeline.json',
      'fixtures/*/*.json',
    ]);
  });

  it('rewrites a case-insensitive pattern so each letter matches both cases', () => {
    expect(caseInsensitivePattern('^[a-z0-9][a-z0-9._-]{0,79}$')).toBe('^[a-zA-Z0-9][a-zA-Z0-9._-]{0,79}$');
    expect(caseInsensitivePattern('^ab\\d[x]$')).toBe('^[aA][bB]\\d[xX]$');
  });
});
