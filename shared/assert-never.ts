/** Ends a `switch` over a union so that a new member is a compile error, not a silent fall-through. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
