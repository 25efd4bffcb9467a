/** 1-based line and column of a character offset, as editors count them. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Offset of the first syntax error in `text`, or -1 when it is valid JSON.
 * V8 names the position for most errors but not all (e.g. `Unexpected token '}', "..." is not
 * valid JSON`), so this small RFC 8259 scanner finds it when the message does not.
 */
export function findJsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (at: number): never => {
    throw new ScanError(at);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const literal = (word: string): void => {
    for (let k = 0; k < word.length; k++) {
      if (text.charAt(i) !== word.charAt(k)) fail(i);
      i++;
    }
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail(i);
      if (c === 92) {
        const e = text.charAt(i + 1);
        if (e === 'u') {
          for (let k = 2; k < 6; k++) if (!/[0-9a-fA-F]/.test(text.charAt(i + k))) fail(i + k);
          i += 6;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
        else fail(i + 1);
      } else i++;
    }
    fail(i);
  };
  const digits = (): void => {
    while (/[0-9]/.test(text.charAt(i))) i++;
  };
  /** Fails where V8 does: at the first character that cannot continue the number. */
  const number = (): void => {
    if (text.charAt(i) === '-') i++;
    if (!/[0-9]/.test(text.charAt(i))) fail(i);
    if (text.charAt(i) === '0') i++;
    else digits();
    if (text.charAt(i) === '.') {
      i++;
      if (!/[0-9]/.test(text.charAt(i))) fail(i);
      digits();
    }
    if (text.charAt(i) === 'e' || text.charAt(i) === 'E') {
      i++;
      if (text.charAt(i) === '+' || text.charAt(i) === '-') i++;
      if (!/[0-9]/.test(text.charAt(i))) fail(i);
      digits();
    }
  };
  const value = (): void => {
    ws();
    const c = text.charAt(i);
    if (c === '{') object();
    else if (c === '[') array();
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c >= '0' && c <= '9')) number();
    else fail(i);
  };
  const array = (): void => {
    i++;
    ws();
    if (text.charAt(i) === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      ws();
      const c = text.charAt(i);
      i++;
      if (c === ']') return;
      if (c !== ',') fail(i - 1);
    }
  };
  const object = (): void => {
    i++;
    ws();
    if (text.charAt(i) === '}') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text.charAt(i) !== '"') fail(i);
      string();
      ws();
      if (text.charAt(i) !== ':') fail(i);
      i++;
      value();
      ws();
      const c = text.charAt(i);
      i++;
      if (c === '}') return;
      if (c !== ',') fail(i - 1);
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail(i);
    return -1;
  } catch (error) {
    if (error instanceof ScanError) return error.offset;
    throw error;
  }
}

class ScanError extends Error {
  readonly offset: number;
  constructor(offset: number) {
    super(`JSON syntax error at ${offset}`);
    this.offset = offset;
  }
}
