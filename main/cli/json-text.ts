/** Where and why a JSON text is malformed: 1-based line and column, and what was expected there. */
export interface JsonSyntaxProblem {
  line: number;
  column: number;
  message: string;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; problem: JsonSyntaxProblem };

/**
 * Parses JSON and, when it is malformed, finds the line and column of the first error with a
 * small scanner. V8's messages do not always carry a position, and a person fixing a fixture by
 * hand needs one.
 */
export function parseJsonText(text: string): JsonParse {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const found = scan(body);
    const offset = found?.offset ?? body.length;
    const message = found?.message ?? (error instanceof Error ? error.message : 'invalid JSON');
    return { ok: false, problem: { ...lineColumn(body, offset), message } };
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

interface ScanError {
  offset: number;
  message: string;
}

/** Walks the text as JSON's grammar does and returns the first error, or undefined if none. */
function scan(text: string): ScanError | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw { offset: i, message: `expected ${message}` } satisfies ScanError;
  };
  const describe = () => (i >= text.length ? 'the end of the file' : `"${text[i]}"`);
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('a line break or control character inside a string (close the string with ")');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('4 hex digits after \\u');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('a valid escape such as \\n or \\"');
      }
      i++;
    }
    if (i >= text.length) fail('a closing " before the end of the file');
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`a property name in double quotes, found ${describe()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`":" after the property name, found ${describe()}`);
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === '}') fail('another property after ",": remove the trailing comma');
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`"," or "}" after a property value, found ${describe()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') fail('another value after ",": remove the trailing comma');
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`"," or "]" after an array item, found ${describe()}`);
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (literal === null) fail(`a JSON value, found ${describe()}`);
    i += (literal as RegExpExecArray)[0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`the end of the file after the JSON value, found ${describe()}`);
    return undefined;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'offset' in error) return error as ScanError;
    throw error;
  }
}
