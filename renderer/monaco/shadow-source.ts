/**
 * Pipeline functions are plain JavaScript: `async function pipe(user, context, callback)` has
 * untyped parameters, so TypeScript would see `any` and mark nothing. The TypeScript worker
 * therefore checks a "shadow" of each pipeline file with a JSDoc type inserted before the
 * function, and maps every offset between the shadow and the text the person sees.
 */

/** The JSDoc type names the shadow uses; declared by `pipelineShadowLib`. */
export const PIPE_TYPE = 'PipelineStudioPipe';
export const PIPE_CONTEXT_ONLY_TYPE = 'PipelineStudioPipeContextOnly';

const PIPE_HEADER = /(^|[\s;}])((?:async\s+)?function\s+pipe\s*\(([^)]*)\))/m;

export interface Shadow {
  text: string;
  /** Offset in the original text where the insertion happened; -1 when none. */
  at: number;
  /** Length of the inserted text. */
  length: number;
}

/** Inserts the pipe type before the first `function pipe(...)`; other text is unchanged. */
export function shadowSource(text: string): Shadow {
  const match = PIPE_HEADER.exec(text);
  if (!match || match[2] === undefined) return { text, at: -1, length: 0 };
  const at = match.index + (match[1]?.length ?? 0);
  // A function whose JSDoc already types it (new stages start with `@param` types) keeps its own.
  const doc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*$/.exec(text.slice(0, at));
  if (doc && /@(?:param|type)\b/.test(doc[1] ?? '')) return { text, at: -1, length: 0 };
  const params = (match[3] ?? '').split(',').filter((p) => p.trim() !== '');
  const type = params.length === 2 ? PIPE_CONTEXT_ONLY_TYPE : PIPE_TYPE;
  // TypeScript 6 requires an async function's declared return type to be the global Promise.
  const insert = `/** @type {${type}${/^async\b/.test(match[2]) ? 'Async' : ''}} */ `;
  return { text: text.slice(0, at) + insert + text.slice(at), at, length: insert.length };
}

/** Original offset → shadow offset. */
export function toShadow(shadow: Shadow, offset: number): number {
  return shadow.at >= 0 && offset >= shadow.at ? offset + shadow.length : offset;
}

/** Shadow offset → original offset; offsets inside the insertion land on its start. */
export function fromShadow(shadow: Shadow, offset: number): number {
  if (shadow.at < 0 || offset < shadow.at) return offset;
  if (offset < shadow.at + shadow.length) return shadow.at;
  return offset - shadow.length;
}

/** Whether a file is a pipeline function (`pipelines/<TRIGGER>/<stage>.js`). */
export function isPipelineFile(fileName: string): boolean {
  return /\/pipelines\/[^/]+\/[^/]+\.js$/.test(fileName);
}

/**
 * Declares the two function shapes of SEMANTICS.md ("A function") from the pipeline types'
 * `user`, `context` and `callback` types, whose names the types' `.d.ts` gives. The
 * two-parameter shape continues with `callback(null, context)`, so its callback takes the
 * context second, not the user.
 */
export function pipelineShadowLib(names: { user: string; context: string; callback: string }): string {
  const contextCallback = `(error: Error | null, context?: ${names.context}) => void`;
  const full = `(user: ${names.user}, context: ${names.context}, callback: ${names.callback})`;
  const contextOnly = `(context: ${names.context}, callback: ${contextCallback})`;
  return [
    `type ${PIPE_TYPE} = ${full} => any;`,
    `type ${PIPE_TYPE}Async = ${full} => Promise<any>;`,
    `type ${PIPE_CONTEXT_ONLY_TYPE} = ${contextOnly} => any;`,
    `type ${PIPE_CONTEXT_ONLY_TYPE}Async = ${contextOnly} => Promise<any>;`,
  ].join('\n');
}
