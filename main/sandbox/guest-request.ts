import type { RunRequest } from '../../shared/run-request.ts';
import type { Json } from '../../shared/schemas/json.ts';
import { normalizeTrigger, TRIGGER_INFO, type Trigger } from '../../shared/triggers.ts';
import type { StagePlacement } from './combine.ts';

/** The clock of a fixture without `now`: a fixed instant, so replays stay deterministic. */
export const DEFAULT_NOW = '2026-01-01T00:00:00.000Z';

/** What the guest's `start` receives: plain data, no code. */
export interface GuestRequest {
  trigger: Trigger;
  mayAbort: boolean;
  stages: {
    name: string;
    path: string;
    enabled: boolean;
    async: boolean;
    timeoutMs: number;
    terminate: boolean;
    firstLine: number;
    lineCount: number;
    syntaxError?: StagePlacement['syntaxError'];
  }[];
  user: Json;
  context: Json;
  env: Record<string, string>;
  now: number;
  timeZone: string;
  seed: number;
  http: Json;
  authing: Json;
  live: boolean;
}

/** A request the sandbox refuses before running anything, with the reason. */
export class BadRequest extends Error {}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const zones = new Map<string, string>();

function checkTimeZone(name: string): string {
  const known = zones.get(name);
  if (known) return known;
  try {
    const zone = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    if (zones.size < 1000) zones.set(name, zone);
    return zone;
  } catch {
    throw new BadRequest(
      `fixture timezone "${name}" is not an IANA time zone name (for example "Europe/Paris")`,
    );
  }
}

/** Stage timeouts are 1 to 60 s (SEMANTICS.md); anything else is clamped. */
export function stageTimeoutMs(seconds: number | undefined): number {
  const value = typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : 3;
  return Math.min(60, Math.max(1, value)) * 1000;
}

export function toGuestRequest(request: RunRequest, placements: StagePlacement[]): GuestRequest {
  const trigger = normalizeTrigger(String(request.trigger));
  if (!trigger) throw new BadRequest(`unknown trigger "${String(request.trigger)}"`);
  const fixture = request.fixture;
  const now = Date.parse(fixture.now ?? DEFAULT_NOW);
  if (!Number.isFinite(now)) throw new BadRequest(`fixture "now" is not a date-time: ${String(fixture.now)}`);
  return {
    trigger,
    mayAbort: TRIGGER_INFO[trigger].mayAbort,
    stages: request.stages.map((stage, index) => {
      const placement = placements[index] ?? { firstLine: 0, lineCount: 0 };
      return {
        name: stage.name,
        path: stage.path,
        enabled: stage.enabled !== false,
        async: stage.async === true,
        timeoutMs: stageTimeoutMs(stage.timeoutSeconds),
        terminate: stage.terminateOnTimeout === true,
        firstLine: placement.firstLine,
        lineCount: placement.lineCount,
        ...(placement.syntaxError ? { syntaxError: placement.syntaxError } : {}),
      };
    }),
    user: fixture.user ?? null,
    context: fixture.context ?? {},
    env: { ...request.env, ...(fixture.env ?? {}), ...(request.secrets ?? {}) },
    now,
    timeZone: checkTimeZone(fixture.timezone ?? 'UTC'),
    seed: typeof fixture.seed === 'number' ? fixture.seed >>> 0 : fnv1a(fixture.name ?? ''),
    http: fixture.http ?? [],
    authing: fixture.authing ?? [],
    live: request.live !== undefined,
  };
}
