import type { z } from 'zod';
import {
  errorBodySchema,
  pushResultSchema,
  revisionSchema,
  type StoreContent,
  type VersionBody,
  type VersionSummary,
  versionListSchema,
  versionSchema,
  versionSummarySchema,
  whoamiSchema,
} from '../../shared/store-api.ts';

/** The store could not be reached at all: work goes on offline, the sync base is kept. */
export class StoreUnreachableError extends Error {}

/** The store answered with an error a person must act on (bad key, wrong tenant, bad request). */
export class StoreRequestError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export type PushOutcome = { ok: true; revision: number } | { ok: false; currentRevision: number };

export interface StoreClient {
  readonly url: string;
  whoami(): Promise<z.infer<typeof whoamiSchema>>;
  head(): Promise<{ revision: number; content: StoreContent }>;
  push(baseRevision: number, content: StoreContent): Promise<PushOutcome>;
  /** The live version, or `null` when nothing is published yet. */
  published(): Promise<VersionBody | null>;
  publish(revision: number, note: string): Promise<VersionSummary>;
  versions(): Promise<z.infer<typeof versionListSchema>>;
  rollback(version: number, note: string): Promise<VersionSummary>;
}

export interface StoreClientOptions {
  url: string;
  key: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Typed calls to the store server's HTTP API (server/README.md), validated with the shared schemas. */
export function createStoreClient(options: StoreClientOptions): StoreClient {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;

  async function request<T>(
    method: string,
    path: string,
    schema: z.ZodType<T> | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; data: T; error?: z.infer<typeof errorBodySchema>['error'] }> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new StoreUnreachableError(
        `cannot reach the pipeline store at ${base} (${cause?.code ?? cause?.message ?? (error as Error).message}); your changes stay in the workspace, try again when it is reachable`,
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new StoreRequestError(
        response.status,
        'bad_response',
        `${base}${path} answered ${response.status} with something that is not JSON: is ${base} a pipeline store?`,
      );
    }
    if (response.ok) {
      const parsed = schema ? schema.safeParse(json) : { success: true as const, data: json as T };
      if (!parsed.success) {
        throw new StoreRequestError(
          response.status,
          'bad_response',
          `${base}${path} answered in an unexpected shape: is the store the same version as this studio?`,
        );
      }
      return { status: response.status, data: parsed.data };
    }
    const error = errorBodySchema.safeParse(json);
    const detail = error.success
      ? error.data.error
      : { code: 'http_error', message: `HTTP ${response.status}` };
    if (response.status === 401) {
      throw new StoreRequestError(
        401,
        detail.code,
        `the store at ${base} rejected the API key (${detail.message}); set the workspace's REMOTE_KEY secret to a valid key`,
      );
    }
    return { status: response.status, data: undefined as T, error: detail };
  }

  const fail = (
    what: string,
    answer: { status: number; error?: { code: string; message: string } },
  ): never => {
    throw new StoreRequestError(
      answer.status,
      answer.error?.code ?? 'http_error',
      `${what} failed: ${answer.error?.message ?? `HTTP ${answer.status}`}`,
    );
  };

  return {
    url: base,
    async whoami() {
      const answer = await request('GET', '/v1/whoami', whoamiSchema);
      return answer.error ? fail('asking the store who this key belongs to', answer) : answer.data;
    },
    async head() {
      const answer = await request('GET', '/v1/revisions/head', revisionSchema);
      return answer.error ? fail('reading the store head', answer) : answer.data;
    },
    async push(baseRevision, content) {
      const answer = await request(
        'POST',
        '/v1/revisions',
        pushResultSchema,
        { content },
        { 'if-match': `"${baseRevision}"` },
      );
      if (answer.status === 412 && answer.error?.currentRevision !== undefined) {
        return { ok: false, currentRevision: answer.error.currentRevision };
      }
      return answer.error ? fail('pushing', answer) : { ok: true, revision: answer.data.revision };
    },
    async published() {
      const answer = await request('GET', '/v1/versions/published', versionSchema);
      if (answer.status === 404) return null;
      return answer.error ? fail('reading the published version', answer) : answer.data;
    },
    async publish(revision, note) {
      const answer = await request('POST', '/v1/versions', versionSummarySchema, { revision, note });
      return answer.error ? fail('publishing', answer) : answer.data;
    },
    async versions() {
      const answer = await request('GET', '/v1/versions', versionListSchema);
      return answer.error ? fail('listing versions', answer) : answer.data;
    },
    async rollback(version, note) {
      const answer = await request('POST', `/v1/versions/${version}/rollback`, versionSummarySchema, {
        note,
      });
      return answer.error ? fail('rolling back', answer) : answer.data;
    },
  };
}
