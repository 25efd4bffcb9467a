import { createHash } from 'node:crypto';
import type { SourceLocation } from '../../shared/run-result.ts';
import { STAGE_PARAMETERS } from './guest-source.ts';

/** How one stage's code sits inside the combined pipeline script. */
export interface StagePlacement {
  /** Line of the combined script where the user's line 1 is; 0 when the stage is not in it. */
  firstLine: number;
  lineCount: number;
  syntaxError?: { message: string; location?: SourceLocation };
}

export interface CombinedScript {
  key: string;
  source: string;
  placements: StagePlacement[];
}

const HEADER = `(function (${STAGE_PARAMETERS.join(', ')}) {`;
const FOOTER =
  ";return typeof pipe === 'function' ? pipe : typeof module.exports === 'function' ? module.exports : module.exports && typeof module.exports.pipe === 'function' ? module.exports.pipe : undefined;\n})";

function lineCount(code: string): number {
  let n = 1;
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) n += 1;
  return n;
}

/**
 * Builds one script defining every stage's factory, so a run costs one script execution
 * whatever the number of stages. Stages with a syntax error (`broken`) are left out.
 */
export function combineStages(
  codes: string[],
  broken: Map<number, StagePlacement['syntaxError']>,
): CombinedScript {
  const pieces: string[] = ['__ps.define(['];
  const placements: StagePlacement[] = [];
  let line = 2;
  codes.forEach((code, index) => {
    const error = broken.get(index);
    if (error) {
      pieces.push('null,');
      placements.push({ firstLine: 0, lineCount: 0, syntaxError: error });
      line += 1;
      return;
    }
    const count = lineCount(code);
    pieces.push(`${HEADER}\n${code}\n${FOOTER},`);
    placements.push({ firstLine: line + 1, lineCount: count });
    line += count + 3;
  });
  pieces.push(']);');
  const source = pieces.join('\n');
  // Broken stages leave the same `null` in the source: their errors must be part of the key.
  const key = createHash('sha256').update(source).update(JSON.stringify(placements)).digest('base64url');
  return { key, source, placements };
}

/** Reads "message [file:line:column]" as isolated-vm reports a SyntaxError. */
export function parseSyntaxError(
  message: string,
  path: string,
): { message: string; location?: SourceLocation } {
  const match = /^(.*) \[(.*):(\d+):(\d+)\]$/s.exec(message);
  if (!match) return { message: `SyntaxError in ${path}: ${message}` };
  const line = Number(match[3]);
  const column = Number(match[4]);
  return {
    message: `SyntaxError: ${match[1]} (${path}:${line}:${column})`,
    location: { file: path, line, column },
  };
}
