/**
 * Every template fixture runs through the real executor (sandbox host, isolated-vm) with the
 * template's default stage settings, and the run matches the fixture's `expect`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor } from '../../main/executor/index.ts';
import type { Executor } from '../../main/executor/types.ts';
import { listTemplates, readTemplate } from '../../main/templates/catalog.ts';
import { matchExpectation } from '../../shared/expect-match.ts';
import { templateRunRequest } from './template-request.ts';

const templates = await Promise.all((await listTemplates()).map((meta) => readTemplate(meta.id)));
const cases = templates.flatMap((template) =>
  template.fixtures
    .filter(({ fixture }) => fixture.expect !== undefined)
    .map(({ id, fixture }) => ({ label: `${template.meta.id} / ${id}`, template, fixture })),
);

let executor: Executor;
beforeAll(() => {
  executor = createExecutor({ poolSize: 1 });
});
afterAll(async () => {
  await executor?.close();
});

describe('template fixtures through the executor', () => {
  it.each(cases)('$label', async ({ template, fixture }) => {
    const result = await executor.run(templateRunRequest(template, fixture));
    const expectation = fixture.expect;
    if (expectation === undefined) throw new Error('filtered above');
    const report = matchExpectation(expectation, result);
    // On failure, show what the stages said as well as what differed.
    const stages = result.stages.map((s) => ({
      name: s.name,
      outcome: s.outcome,
      logs: s.logs,
      error: s.error,
    }));
    expect(report.mismatches, JSON.stringify({ error: result.error, stages })).toEqual([]);
  });
});
