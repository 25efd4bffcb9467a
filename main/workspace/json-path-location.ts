/**
 * Where a field path (`stages.0.timeoutSeconds`) sits in valid JSON text, so a schema violation can
 * be marked in the editor like a syntax error. Returns the offset of the deepest part of the path
 * that exists: the member's key, or the array item; for a missing field, the object that lacks it.
 */
export function findPathOffset(text: string, path: readonly PropertyKey[]): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r\uFEFF'.includes(text.charAt(i))) i++;
  };
  const skipString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipValue = (): void => {
    ws();
    const c = text.charAt(i);
    if (c === '"') {
      skipString();
      return;
    }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text.charAt(i) === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          skipString();
          ws();
          i++; // ':'
        }
        skipValue();
        ws();
        const next = text.charAt(i);
        i++;
        if (next !== ',') return;
      }
    }
    while (i < text.length && !',}] \t\n\r'.includes(text.charAt(i))) i++;
  };
  /** Positions `i` at the value of `key` inside the container starting at `i`; returns the mark offset, or -1. */
  const enter = (key: PropertyKey): number => {
    ws();
    const open = text.charAt(i);
    if (open === '{') {
      i++;
      for (;;) {
        ws();
        if (text.charAt(i) !== '"') return -1;
        const keyStart = i;
        const name = skipString();
        ws();
        i++; // ':'
        ws();
        if (name === String(key)) return keyStart;
        skipValue();
        ws();
        if (text.charAt(i) !== ',') return -1;
        i++;
      }
    }
    if (open === '[' && typeof key === 'number') {
      i++;
      for (let index = 0; ; index++) {
        ws();
        if (text.charAt(i) === ']') return -1;
        if (index === key) return i;
        skipValue();
        ws();
        if (text.charAt(i) !== ',') return -1;
        i++;
      }
    }
    return -1;
  };
  ws();
  let mark = i;
  for (const key of path) {
    const containerStart = i;
    const found = enter(key);
    if (found < 0) return containerStart;
    mark = found;
  }
  return mark;
}
