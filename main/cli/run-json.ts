import type { RunResult } from '../../shared/run-result.ts';

/**
 * The `--json` document of `exec` and `run` (SEMANTICS.md, The CLI contract). Every key of the
 * contract is always present (`error` is null when the run has none); the executor's extra
 * per-stage detail (authing calls, claim writes, error locations) is kept beside it.
 */
export function toCliJson(result: RunResult): Record<string, unknown> {
  return {
    outcome: result.outcome,
    error: result.error ?? null,
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
      http: stage.http,
      input: stage.input,
      output: stage.output,
      authing: stage.authing,
      customData: stage.customData,
      idToken: stage.idToken,
      accessToken: stage.accessToken,
      error: stage.error ?? null,
    })),
    durationMs: result.durationMs,
  };
}
