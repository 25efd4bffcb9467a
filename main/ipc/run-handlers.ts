/**
 * Handlers of the run calls: one fixture, every fixture of a trigger (streamed as
 * `run.progress`), what-if runs with unsaved stages, and cancellation by run id.
 */
import { randomUUID } from 'node:crypto';
import { buildRunRequest } from '../../shared/build-run-request.ts';
import { matchExpectation } from '../../shared/expect-match.ts';
import type { StageOverride } from '../../shared/ipc/args.ts';
import type { FixtureRun } from '../../shared/ipc/results.ts';
import type { WorkspaceSnapshot } from '../../shared/ipc/workspace-types.ts';
import type { RunRequest } from '../../shared/run-request.ts';
import type { RunResult } from '../../shared/run-result.ts';
import type { Fixture } from '../../shared/schemas/fixture.ts';
import type { Trigger } from '../../shared/triggers.ts';
import type { Executor } from '../executor/types.ts';
import type { Handlers } from './dispatcher.ts';
import type { EventHub } from './event-hub.ts';
import type { Session } from './session.ts';
import { applyStageOverrides } from './stage-overrides.ts';

/** The executor's marker for runs stopped by an abort (main/executor/results.ts). */
const RUN_CANCELLED = 'run cancelled';

export interface FixtureRunner {
  /** Runs a saved fixture through the saved pipeline. */
  runSaved(trigger: Trigger, fixtureId: string): Promise<FixtureRun>;
}

interface RunSource {
  stagesOverride?: readonly StageOverride[] | undefined;
  fixture?: Fixture | undefined;
}

export function runHandlers(
  session: Session,
  executor: Executor,
  events: EventHub,
): {
  handlers: Pick<Handlers, 'run.fixture' | 'run.all' | 'run.cancel' | 'run.stages'>;
  runner: FixtureRunner;
} {
  const inFlight = new Map<string, AbortController>();

  /** Builds the request: saved pipeline and fixture, or the overrides given in their place. */
  async function requestFor(trigger: Trigger, fixtureId: string | undefined, source: RunSource) {
    const workspace = session.current();
    if (source.stagesOverride === undefined && source.fixture === undefined && fixtureId !== undefined) {
      const request = await workspace.buildRunRequest(trigger, fixtureId);
      return { request, fixture: request.fixture };
    }
    const snapshot = await workspace.read();
    const saved = snapshot.pipelines.find((p) => p.trigger === trigger)?.stages ?? [];
    const fixture = source.fixture ?? (await workspace.readFixture(trigger, fixtureId ?? '')).fixture;
    const stages = source.stagesOverride ? applyStageOverrides(trigger, saved, source.stagesOverride) : saved;
    const request: RunRequest = buildRunRequest({
      trigger,
      stages,
      fixture,
      env: snapshot.env,
      secrets: await workspace.secretValues(),
    });
    return { request, fixture };
  }

  /**
   * Every fixture's request of one trigger, built from one snapshot: reading the workspace once
   * instead of once per fixture keeps a live re-run of 50 fixtures fast. A pipeline or env file
   * with problems falls back to the per-fixture path, which refuses with the problems listed.
   */
  async function requestsForAll(
    trigger: Trigger,
    snapshot: WorkspaceSnapshot,
    ids: readonly string[],
    stagesOverride: readonly StageOverride[] | undefined,
  ): Promise<{ request: RunRequest; fixture: Fixture }[]> {
    const blocked = snapshot.problems.some(
      (p) =>
        p.severity !== 'warning' && (p.file === 'env.json' || p.file.startsWith(`pipelines/${trigger}/`)),
    );
    const pipeline = snapshot.pipelines.find((p) => p.trigger === trigger);
    if (blocked || pipeline === undefined) {
      return Promise.all(ids.map((id) => requestFor(trigger, id, { stagesOverride })));
    }
    const stages = stagesOverride
      ? applyStageOverrides(trigger, pipeline.stages, stagesOverride)
      : pipeline.stages;
    const secrets = await session.current().secretValues();
    // `ids` were listed from this same snapshot, so its fixtures are those, in that order.
    return pipeline.fixtures.map((entry) => ({
      request: buildRunRequest({ trigger, stages, fixture: entry.fixture, env: snapshot.env, secrets }),
      fixture: entry.fixture,
    }));
  }

  function toRun(
    runId: string,
    trigger: Trigger,
    fixtureId: string,
    fixture: Fixture,
    result: RunResult,
  ): FixtureRun {
    const expectation = fixture.expect === undefined ? null : matchExpectation(fixture.expect, result);
    return { runId, trigger, fixtureId, result, expectation };
  }

  /**
   * Registers the run id before any await, so a `run.cancel` sent right after the call always
   * finds it, then runs `task` with its abort signal.
   */
  async function tracked<T>(runId: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    inFlight.get(runId)?.abort();
    inFlight.set(runId, controller);
    try {
      return await task(controller.signal);
    } finally {
      if (inFlight.get(runId) === controller) inFlight.delete(runId);
    }
  }

  const runner: FixtureRunner = {
    async runSaved(trigger, fixtureId) {
      const { request, fixture } = await requestFor(trigger, fixtureId, {});
      return toRun(randomUUID(), trigger, fixtureId, fixture, await executor.run(request));
    },
  };

  return {
    runner,
    handlers: {
      'run.fixture'({ trigger, fixtureId, overrides, runId = randomUUID() }) {
        return tracked(runId, async (signal) => {
          const { request, fixture } = await requestFor(trigger, fixtureId, {
            stagesOverride: overrides?.stages,
            fixture: overrides?.fixture,
          });
          return toRun(runId, trigger, fixtureId, fixture, await executor.run(request, { signal }));
        });
      },
      'run.all'({ trigger, stagesOverride, runId = randomUUID() }) {
        return tracked(runId, async (signal) => {
          const snapshot = await session.current().read();
          const ids = (snapshot.pipelines.find((p) => p.trigger === trigger)?.fixtures ?? []).map(
            (f) => f.id,
          );
          const prepared = await requestsForAll(trigger, snapshot, ids, stagesOverride);
          const runs: FixtureRun[] = [];
          await executor.runMany(
            prepared.map((p) => p.request),
            {
              signal,
              onResult: (index, result) => {
                if (result.outcome === 'error' && result.error?.message === RUN_CANCELLED) return;
                const item = prepared[index];
                const id = ids[index];
                if (item === undefined || id === undefined) return;
                const run = toRun(runId, trigger, id, item.fixture, result);
                runs.push(run);
                events.emit('run.progress', { ...run, done: runs.length, total: ids.length });
              },
            },
          );
          return { runId, trigger, runs, cancelled: signal.aborted };
        });
      },
      async 'run.cancel'({ runId }) {
        const controller = inFlight.get(runId);
        if (controller === undefined || controller.signal.aborted) return { cancelled: false };
        controller.abort();
        return { cancelled: true };
      },
      'run.stages'({ trigger, stagesOverride, fixtureId, fixture, runId = randomUUID() }) {
        return tracked(runId, async (signal) => {
          const { request } = await requestFor(trigger, fixtureId, { stagesOverride, fixture });
          return { runId, result: await executor.run(request, { signal }) };
        });
      },
    },
  };
}
