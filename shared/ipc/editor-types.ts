/**
 * Generates the TypeScript declarations that give Monaco IntelliSense for pipeline code, from
 * the lists in pipeline-globals.ts. JavaScript parameters are untyped, so a stage file types
 * `pipe`'s parameters with the JSDoc of `PIPE_JSDOC` (new stages start with it).
 */

import {
  CONTEXT_FIELDS,
  type FieldDoc,
  PIPELINE_MODULES,
  USER_FIELDS,
  USER_METHODS,
} from './pipeline-globals.ts';
import type { EditorTypes } from './results.ts';

export const PIPE_JSDOC = [
  '/**',
  ' * @param {PipelineUser} user',
  ' * @param {PipelineContext} context',
  ' * @param {PipelineCallback} callback',
  ' */',
].join('\n');

function members(fields: readonly FieldDoc[]): string {
  return fields.map((f) => `  /** ${f.doc} */\n  ${f.name}${f.optional ? '?' : ''}: ${f.type};`).join('\n');
}

/** Declarations of each module `require` accepts, keyed by name; './utils' is a file of its own. */
const MODULE_BODIES: Record<(typeof PIPELINE_MODULES)[number], string> = {
  lodash: '  const _: any;\n  export = _;',
  querystring: [
    '  export function parse(text: string, sep?: string, eq?: string): Record<string, string | string[]>;',
    '  export function stringify(value: Record<string, unknown>, sep?: string, eq?: string): string;',
    '  export function escape(text: string): string;',
    '  export function unescape(text: string): string;',
  ].join('\n'),
  url: [
    '  export function parse(url: string, parseQuery?: boolean): { protocol: string | null; host: string | null; hostname: string | null; port: string | null; pathname: string | null; search: string | null; query: any; hash: string | null; href: string };',
    '  export function format(url: object): string;',
    '  export const URL: typeof globalThis.URL;',
    '  export const URLSearchParams: typeof globalThis.URLSearchParams;',
  ].join('\n'),
  crypto: [
    '  interface Hash { update(data: string, encoding?: string): Hash; digest(encoding: "hex" | "base64" | "base64url"): string }',
    '  /** Hashing only: md5, sha1, sha256, sha512. */',
    '  export function createHash(algorithm: string): Hash;',
    '  export function createHmac(algorithm: string, key: string): Hash;',
    '  export function randomBytes(size: number): { toString(encoding: "hex" | "base64"): string };',
    '  export function randomUUID(): string;',
    '  export function randomInt(min: number, max?: number): number;',
  ].join('\n'),
  './utils': '',
};

const UTILS_TEXT = [
  '/** Helpers the platform provides as `require("./utils")`. */',
  '/** Whether `ip` lies in the inclusive range `[start, end]` (IPv4): a two-element array. */',
  // Plain string[] too: JavaScript infers `[a, b]` built in a callback as string[], not a tuple.
  'export function ipRangeCheck(ip: string, range: readonly [start: string, end: string] | readonly string[]): boolean;',
  '',
].join('\n');

function globalsText(): string {
  const modules = PIPELINE_MODULES.filter((m) => m !== './utils')
    .map((m) => `declare module '${m}' {\n${MODULE_BODIES[m]}\n}`)
    .join('\n\n');
  return `/** Pipeline Studio: what a pipeline function can use (generated; do not edit). */

interface PipelineGeo {
  country?: string;
  province?: string;
  city?: string;
  [key: string]: unknown;
}

interface PipelineRequest {
  ip: string;
  geo: PipelineGeo;
  body: Record<string, any>;
  query: Record<string, any>;
}

/** The user the flow is about; custom data fields appear beside the standard ones. */
interface PipelineUser {
${members(USER_FIELDS)}
${members(USER_METHODS)}
  [customField: string]: any;
}

interface PipelineContext {
${members(CONTEXT_FIELDS)}
  [key: string]: any;
}

/**
 * \`callback(null, user, context)\` continues with these values; \`callback(error)\` stops the
 * flow, and \`error.message\` is what the person signing in sees.
 */
type PipelineCallback = (error: Error | null, user?: PipelineUser | null, context?: PipelineContext) => void;

interface PipelineHttpResponse<T = any> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

interface PipelineHttpConfig {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  params?: Record<string, unknown>;
  data?: unknown;
  timeout?: number;
}

interface PipelineAxios {
  <T = any>(config: PipelineHttpConfig): Promise<PipelineHttpResponse<T>>;
  request<T = any>(config: PipelineHttpConfig): Promise<PipelineHttpResponse<T>>;
  get<T = any>(url: string, config?: PipelineHttpConfig): Promise<PipelineHttpResponse<T>>;
  delete<T = any>(url: string, config?: PipelineHttpConfig): Promise<PipelineHttpResponse<T>>;
  head<T = any>(url: string, config?: PipelineHttpConfig): Promise<PipelineHttpResponse<T>>;
  post<T = any>(url: string, data?: unknown, config?: PipelineHttpConfig): Promise<PipelineHttpResponse<T>>;
  put<T = any>(url: string, data?: unknown, config?: PipelineHttpConfig): Promise<PipelineHttpResponse<T>>;
  patch<T = any>(url: string, data?: unknown, config?: PipelineHttpConfig): Promise<PipelineHttpResponse<T>>;
}

/** The workspace's env.json, with secrets injected; values are strings. */
declare const env: Readonly<Record<string, string>>;
/** HTTP client; in replay every call is answered from the fixture's recordings. */
declare const axios: PipelineAxios;
/** The platform's logger; the studio shows each line under the stage. */
declare function log(...args: unknown[]): void;
/** The management client; in replay every call is recorded and answered from the fixture. */
declare const authing: { [api: string]: any };

${modules}
`;
}

/** The declarations for Monaco: add `globals` once, `utils` beside each stage file. */
export function editorTypes(): EditorTypes {
  return {
    globals: { fileName: 'pipeline-globals.d.ts', text: globalsText() },
    utils: { fileName: 'utils.d.ts', text: UTILS_TEXT },
    pipeJsDoc: PIPE_JSDOC,
  };
}
