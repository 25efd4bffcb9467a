/** Timestamps come back as Date from both drivers; the API speaks ISO strings. */
export function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

/** JSONB comes back parsed from both drivers, but be tolerant of a text column. */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
