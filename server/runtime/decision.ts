import type { RunResult } from '../../shared/run-result.ts';
import type { Decision, LogEntry } from '../../shared/store-api.ts';

/** A run result in the CLI's `--json` shape (SEMANTICS.md, The CLI contract). */
export function toDecision(result: RunResult): Decision {
  return {
    outcome: result.outcome,
    ...(result.error ? { error: { message: result.error.message, ...stageOf(result.error.stage) } } : {}),
    user: result.user,
    context: result.context,
    idToken: result.idToken,
    accessToken: result.accessToken,
    customData: result.customData,
    stages: result.stages.map((stage) => ({
      name: stage.name,
      outcome: stage.outcome,
      durationMs: stage.durationMs,
      logs: stage.logs,
      http: stage.http.map((exchange) => ({ ...exchange })),
      input: stage.input,
      output: stage.output,
      ...(stage.error ? { error: { message: stage.error.message } } : {}),
    })),
  };
}

const stageOf = (stage: string | undefined) => (stage === undefined ? {} : { stage });

/** What the execution log keeps of a run: per stage outcome, time, logs (already redacted) and error. */
export function toLogStages(result: RunResult): LogEntry['stages'] {
  return result.stages.map((stage) => ({
    name: stage.name,
    outcome: stage.outcome,
    durationMs: stage.durationMs,
    logs: stage.logs,
    ...(stage.error ? { error: stage.error.message } : {}),
  }));
}
