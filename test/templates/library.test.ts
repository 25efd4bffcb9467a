/**
 * The template library as data: every template's metadata, code and fixtures are valid, and the
 * library covers what issue 3 asks for. Running the fixtures is in template-fixtures.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { definesPipe, listTemplates, readTemplate } from '../../main/templates/catalog.ts';
import { fixtureSchema } from '../../shared/schemas/fixture.ts';
import { TEMPLATE_CATEGORIES, templateMetaSchema } from '../../shared/schemas/template.ts';
import { normalizeTrigger } from '../../shared/triggers.ts';

const metas = await listTemplates();
const templates = await Promise.all(metas.map((meta) => readTemplate(meta.id)));

/** `env.NAME` reads in a function's source. */
function envReads(code: string): string[] {
  return [...new Set([...code.matchAll(/\benv\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string))];
}

describe('the template library', () => {
  it('has at least 24 templates, in every category', () => {
    expect(templates.length).toBeGreaterThanOrEqual(24);
    for (const category of TEMPLATE_CATEGORIES) {
      expect(
        metas.filter((m) => m.category === category).length,
        `templates in ${category}`,
      ).toBeGreaterThanOrEqual(3);
    }
  });

  it('covers the uses issue 3 lists', () => {
    const ids = metas.map((m) => m.id);
    for (const id of [
      'email-domain-allowlist',
      'ip-range-allowlist',
      'phone-allowlist',
      'remote-allowlist',
      'slack-notify',
      'lark-notify',
      'dingtalk-notify',
      'wecom-notify',
      'webhook-notify',
      'block-connection',
      'weekdays-only',
      'require-verified-email',
      'require-verified-phone',
      'risk-score',
      'add-to-group-by-domain',
      'location-from-geo',
      'default-avatar',
      'address-fields',
      'id-token-claims',
      'access-token-claims',
      'roles-claims',
      'org-claims',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('runs notifications asynchronously', () => {
    const notifications = metas.filter((m) => m.category === 'notification');
    expect(notifications.length).toBeGreaterThanOrEqual(5);
    for (const meta of notifications) expect(meta.stage.async, meta.id).toBe(true);
  });

  it('has a pre-register template in the two-parameter form', () => {
    const twoParam = templates.filter(
      (t) =>
        t.meta.triggers[0] === 'PRE_REGISTER' &&
        /function\s+pipe\s*\(\s*context\s*,\s*callback\s*\)/.test(t.code),
    );
    expect(twoParam.map((t) => t.meta.id)).toContain('email-domain-allowlist');
  });

  it('uses the ./utils helper, axios and the management client somewhere', () => {
    const all = templates.map((t) => t.code).join('\n');
    expect(all).toContain("require('./utils')");
    expect(all).toMatch(/ipRangeCheck\(/);
    expect(all).toMatch(/axios\.(get|post)\(/);
    for (const call of ['authing.users.listRoles(', 'authing.users.listOrgs(', 'authing.groups.addUsers(']) {
      expect(all).toContain(call);
    }
    expect(all).toContain('user.addCustomData(');
    expect(all).toContain('user.addIdToken(');
    expect(all).toContain('user.addAccessToken(');
  });
});

describe.each(templates.map((t) => [t.meta.id, t] as const))('template %s', (id, template) => {
  const { meta, code, fixtures } = template;

  it('has metadata that validates and matches its folder', () => {
    expect(templateMetaSchema.safeParse(meta).success).toBe(true);
    expect(meta.id).toBe(id);
  });

  it('defines pipe with the platform signature', () => {
    expect(definesPipe(code)).toBe(true);
    expect(code).toMatch(/(async\s+)?function\s+pipe\s*\(\s*(user\s*,\s*)?context\s*,\s*callback\s*\)/);
    expect(code).toMatch(/callback\(null,/);
  });

  it('declares every env key it reads and reads every key it declares', () => {
    const declared = [...meta.envKeys.map((k) => k.name), ...meta.secrets.map((s) => s.name)];
    expect(envReads(code).sort()).toEqual([...declared].sort());
  });

  it('has at least two fixtures with expect: one that continues, one denial or edge case', () => {
    const withExpect = fixtures.filter((f) => f.fixture.expect !== undefined);
    expect(withExpect.length).toBeGreaterThanOrEqual(2);
    expect(withExpect.some((f) => f.fixture.expect?.outcome === 'continue')).toBe(true);
  });

  it('has fixtures that validate, for its own triggers, with its secrets as placeholders', () => {
    for (const { id: fixtureId, fixture } of fixtures) {
      expect(fixtureSchema.safeParse(fixture).success, fixtureId).toBe(true);
      const trigger = normalizeTrigger(fixture.trigger);
      expect(trigger !== undefined && meta.triggers.includes(trigger), fixtureId).toBe(true);
      for (const secret of meta.secrets) expect(Object.keys(fixture.env), fixtureId).toContain(secret.name);
    }
  });
});
