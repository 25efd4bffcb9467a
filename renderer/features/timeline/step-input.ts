import type { JsonObject } from '../../../shared/schemas/json.ts';

export type StepInput = { user: JsonObject | null; context: JsonObject };

/** Reads `{ "user": ..., "context": ... }` from the form, or says what is wrong with it. */
export function parseStepInput(text: string): { input: StepInput } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `The input is not valid JSON: ${(error as Error).message}` };
  }
  const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value)) return { error: 'The input must be an object: { "user": ..., "context": ... }.' };
  const user = value.user ?? null;
  if (user !== null && !isObject(user)) return { error: '"user" must be an object or null.' };
  const context = value.context ?? {};
  if (!isObject(context)) return { error: '"context" must be an object.' };
  return { input: { user, context } };
}
