import type { Json, JsonObject } from './schemas/json.ts';

/** `deny` is a deliberate `callback(error)`; `error` is a fault (SEMANTICS.md, The CLI contract). */
export type RunOutcome = 'continue' | 'deny' | 'error';
export type StageOutcome = 'continue' | 'deny' | 'error' | 'timeout' | 'skipped' | 'async';

/** Where in the user's file an error or deny happened. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface RunError {
  message: string;
  stage?: string;
  location?: SourceLocation;
}

export interface HttpExchange {
  method: string;
  url: string;
  requestBody?: Json;
  status?: number;
  responseBody?: Json;
  /** Set when the call failed (no recording, host not allowed, network error). */
  error?: string;
  /** Response headers as answered (recorded or live), for saving live exchanges into a fixture. */
  responseHeaders?: Record<string, string>;
}

export interface AuthingCall {
  method: string;
  args: Json[];
  result?: Json;
  error?: string;
}

/** Everything one stage saw and did: what the step-through view and the CLI print. */
export interface StageTrace {
  name: string;
  outcome: StageOutcome;
  durationMs: number;
  logs: string[];
  http: HttpExchange[];
  authing: AuthingCall[];
  /**
   * What the stage received and what it passed on. Read-only: a stage's input is often the very
   * object of the previous stage's output, and an unchanged output the object of its input.
   */
  input: { user: JsonObject | null; context: JsonObject };
  output: { user: JsonObject | null; context: JsonObject };
  customData: JsonObject;
  idToken: JsonObject;
  accessToken: JsonObject;
  /** ID token claims this stage removed with `user.removeIdToken`. */
  idTokenRemoved?: string[];
  /** Access token claims this stage removed with `user.removeAccessToken`. */
  accessTokenRemoved?: string[];
  error?: RunError;
}

/** The result of one run: the `--json` shape of the CLI, extended with per-stage detail. */
export interface RunResult {
  outcome: RunOutcome;
  error?: RunError;
  user: JsonObject | null;
  context: JsonObject;
  idToken: JsonObject;
  accessToken: JsonObject;
  customData: JsonObject;
  stages: StageTrace[];
  durationMs: number;
}
