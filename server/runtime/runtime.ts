import type { Executor } from '../../main/executor/types.ts';
import { buildRunRequest } from '../../shared/build-run-request.ts';
import type { RunRequest } from '../../shared/run-request.ts';
import type { RunResult } from '../../shared/run-result.ts';
import {
  type Decision,
  type RuntimeBody,
  runtimeBodySchema,
  type StoreContent,
} from '../../shared/store-api.ts';
import type { Trigger } from '../../shared/triggers.ts';
import type { Db } from '../db/adapter.ts';
import type { Metrics } from '../metrics.ts';
import { HttpError } from '../routes/route.ts';
import type { SecretBox } from '../secret-box.ts';
import { openSecrets } from '../store/secrets.ts';
import type { Principal } from '../store/tenants.ts';
import { getVersion } from '../store/versions.ts';
import { toDecision, toLogStages } from './decision.ts';
import { LogWriter } from './log-writer.ts';
import { VersionCache } from './version-cache.ts';

export interface Runtime {
  run(principal: Principal, trigger: Trigger, body: RuntimeBody): Promise<Decision>;
  /** Stores the execution logs still queued (logs are written in batches). */
  flushLogs(): Promise<void>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  db: Db;
  box: SecretBox;
  metrics: Metrics;
  /** Injected by tests; otherwise the sandboxed executor, started on the first runtime call. */
  executor?: Executor;
  poolSize?: number;
}

/**
 * Executes published pipelines for real sign-ins with the same executor the studio replays with,
 * in live mode: HTTP only to the tenant's allow-list, secrets injected (and redacted by the
 * executor from every trace), each run logged per stage.
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { db, box, metrics } = options;
  const versions = new VersionCache();
  const logs = new LogWriter(db);
  let executor: Promise<Executor> | undefined = options.executor
    ? Promise.resolve(options.executor)
    : undefined;
  const getExecutor = () => {
    executor ??= import('../../main/executor/index.ts').then((mod) =>
      mod.createExecutor(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
    );
    return executor;
  };

  return {
    async run(principal, trigger, rawBody) {
      const body = runtimeBodySchema.parse(rawBody);
      const version = principal.publishedVersion;
      if (version === null) {
        throw new HttpError(404, 'not_published', 'nothing has been published yet: publish a version first');
      }
      const content = await versions.get(principal.tenantId, version, async () => {
        const found = await getVersion(db, principal.tenantId, version);
        if (!found) throw new Error(`published version ${version} is missing`);
        return found.content;
      });
      const user = body.user === undefined ? null : body.user;
      const pipeline = content.pipelines[trigger];
      let result: RunResult;
      if (!pipeline || pipeline.stages.length === 0) {
        result = passThrough(user, body.context);
      } else {
        const secrets = openSecrets(box, principal.tenantId, principal.sealedSecrets ?? []);
        const request = buildRuntimeRequest(content, trigger, user, body.context, secrets, principal);
        result = await (await getExecutor()).run(request);
      }
      metrics.runtimeRun(trigger, result.outcome);
      logs.add(principal.tenantId, {
        trigger,
        version,
        outcome: result.outcome,
        durationMs: result.durationMs,
        error: result.error?.message ?? null,
        stages: toLogStages(result),
      });
      return toDecision(result);
    },
    flushLogs: () => logs.flush(),
    async close() {
      await logs.flush();
      if (executor && !options.executor) await (await executor).close();
    },
  };
}

function buildRuntimeRequest(
  content: StoreContent,
  trigger: Trigger,
  user: RunRequest['fixture']['user'],
  context: RunRequest['fixture']['context'],
  secrets: Record<string, string>,
  principal: Principal,
): RunRequest {
  const stages = content.pipelines[trigger]?.stages ?? [];
  return buildRunRequest({
    trigger,
    stages: stages.map((stage) => ({ ...stage, relPath: `pipelines/${trigger}/${stage.file}` })),
    fixture: { name: 'runtime request', trigger, user, context, env: {}, http: [], authing: [] },
    env: content.env,
    secrets,
    live: { allowHosts: principal.settings.allowHosts, record: false },
    memoryLimitMb: principal.settings.memoryLimitMb,
  });
}

function passThrough(user: RunResult['user'], context: RunResult['context']): RunResult {
  return {
    outcome: 'continue',
    user,
    context,
    idToken: {},
    accessToken: {},
    customData: {},
    stages: [],
    durationMs: 0,
  };
}
