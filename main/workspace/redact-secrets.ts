/** What a secret value is replaced with wherever it would be shown or saved. */
export function redactionMarker(name: string): string {
  return `[secret ${name}]`;
}

/**
 * Replaces every occurrence of a secret value inside strings (and object keys) of a JSON-like
 * value. Used before anything derived from a run (an `expect`) is written into the workspace;
 * the executor redacts traces itself.
 */
export function redactSecrets<T>(value: T, secrets: Readonly<Record<string, string>>): T {
  const pairs = Object.entries(secrets)
    .filter(([, secret]) => secret !== '')
    .sort(([, a], [, b]) => b.length - a.length);
  if (pairs.length === 0) return value;
  const redactText = (text: string): string =>
    pairs.reduce((acc, [name, secret]) => acc.split(secret).join(redactionMarker(name)), text);
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return redactText(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, inner]) => [redactText(key), walk(inner)]));
    }
    return node;
  };
  return walk(value) as T;
}
