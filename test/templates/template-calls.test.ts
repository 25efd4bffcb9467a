/**
 * What the templates send: every HTTP and management-API recording in a template fixture is
 * actually called, with the recorded request body, and nothing unrecorded is called. Stages run
 * synchronously here, so the calls of asynchronous notifications show in the trace too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../main/executor/index.ts';
import type { Executor } from '../../main/executor/types.ts';
import { listTemplates, readTemplate } from '../../main/templates/catalog.ts';
import { deepEqual } from '../../shared/expect-match.ts';
import type { StageTrace } from '../../shared/run-result.ts';
import { templateRunRequest } from './template-request.ts';

const templates = await Promise.all((await listTemplates()).map((meta) => readTemplate(meta.id)));
const cases = templates.flatMap((template) =>
  template.fixtures
    .filter(({ fixture }) => fixture.http.length > 0 || fixture.authing.length > 0)
    .map(({ id, fixture }) => ({ label: `${template.meta.id}/${id}`, template, fixture })),
);

/** Failures that a template must report in its log (or its stage error), not swallow. */
const REPORTED: Record<string, string> = {
  'slack-notify/slack-down-does-not-block': 'Slack notification failed: HTTP 500',
  'lark-notify/bot-rejects-message': 'Lark rejected the message: 19021',
  'dingtalk-notify/missing-keyword-rejected': 'DingTalk rejected the message: 310000',
  'wecom-notify/unreachable-webhook': 'WeCom notification failed: HTTP 502',
  'webhook-notify/login-event-receiver-down': 'webhook failed: HTTP 503',
  'add-to-group-by-domain/management-api-error-logged': 'Could not add u-1503 to group partners',
  'remote-allowlist/list-service-down-denied': 'allow-list could not be loaded: HTTP 503',
  'risk-score/service-down-fails-closed': 'risk service failed: HTTP 500',
};

let executor: Executor;
beforeAll(() => {
  executor = createExecutor({ poolSize: 1 });
});
afterAll(async () => {
  await executor?.close();
});

function stageText(stage: StageTrace): string {
  return [...stage.logs, stage.error?.message ?? ''].join('\n');
}

describe('calls made by templates', () => {
  it('covers every notification template', () => {
    const covered = new Set(cases.map((c) => c.template.meta.id));
    for (const t of templates.filter((t) => t.meta.category === 'notification')) {
      expect(covered.has(t.meta.id), t.meta.id).toBe(true);
    }
  });

  it.each(cases)('$label', async ({ label, template, fixture }) => {
    const result = await executor.run(templateRunRequest(template, fixture, { async: false }));
    const stage = result.stages[0];
    if (stage === undefined) throw new Error(`${label}: the run has no stage trace`);

    for (const recording of fixture.http) {
      const { method, url, body } = recording.request;
      const sent = stage.http.find((x) => x.method.toUpperCase() === method.toUpperCase() && x.url === url);
      expect(sent, `${label}: ${method} ${url} was not called`).toBeDefined();
      if (body !== undefined) expect(sent?.requestBody, `${label}: body of ${method} ${url}`).toEqual(body);
    }
    for (const recording of fixture.authing) {
      const called = stage.authing.some(
        (c) => c.method === recording.method && deepEqual(c.args, recording.args),
      );
      expect(
        called,
        `${label}: authing.${recording.method}(${JSON.stringify(recording.args)}) was not called`,
      ).toBe(true);
    }
    expect(stage.http.filter((x) => x.error?.includes('no recorded response'))).toEqual([]);
    expect(stage.authing.length, `${label}: management calls`).toBe(fixture.authing.length);

    const reported = REPORTED[label];
    if (reported !== undefined) expect(stageText(stage)).toContain(reported);
  });
});
