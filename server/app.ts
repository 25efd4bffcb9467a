import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Executor } from '../main/executor/types.ts';
import type { Db } from './db/adapter.ts';
import { openDb } from './db/open.ts';
import type { ServerDeps } from './deps.ts';
import { createMetrics } from './metrics.ts';
import { buildOpenApi } from './openapi.ts';
import { contentRoutes } from './routes/content-routes.ts';
import { HttpError, type RouteDef } from './routes/route.ts';
import { runtimeRoutes } from './routes/runtime-routes.ts';
import { systemRoutes } from './routes/system-routes.ts';
import { tenantRoutes } from './routes/tenant-routes.ts';
import { createRuntime } from './runtime/runtime.ts';
import { createSecretBox, loadServerKey } from './secret-box.ts';
import { PrincipalCache } from './store/principal-cache.ts';
import { StaleRevisionError } from './store/revisions.ts';
import { authenticate, type Principal } from './store/tenants.ts';
import { NotFoundError } from './store/versions.ts';

export interface ServerOptions {
  /** The data folder: PGlite files and the generated server key. Absent: in memory. */
  dataDir?: string | undefined;
  /** PostgreSQL instead of PGlite (defaults to env DATABASE_URL). */
  databaseUrl?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** An already open database (tests share one between a server and direct checks). */
  db?: Db;
  executor?: Executor;
  executorPoolSize?: number;
  /** How long the runtime may reuse a key's tenant state and secrets (ms); 0 disables. Default 1000. */
  principalCacheMs?: number;
  /** Fastify's request log; off by default (the runtime keeps its own execution logs). */
  logger?: boolean;
}

export interface StoreServer {
  app: FastifyInstance;
  db: Db;
  routes: RouteDef[];
  /** Starts listening; resolves to the base URL, e.g. `http://127.0.0.1:4100`. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the store server: the route table, authentication, validation and error answers. */
export async function createStoreServer(options: ServerOptions = {}): Promise<StoreServer> {
  const env = options.env ?? process.env;
  const ownDb = !options.db;
  const db =
    options.db ??
    (await openDb({ databaseUrl: options.databaseUrl ?? env.DATABASE_URL, dataDir: options.dataDir }));
  const box = createSecretBox(loadServerKey(env, options.dataDir));
  const metrics = createMetrics();
  const runtime = createRuntime({
    db,
    box,
    metrics,
    ...(options.executor ? { executor: options.executor } : {}),
    ...(options.executorPoolSize ? { poolSize: options.executorPoolSize } : {}),
  });
  const deps: ServerDeps = { db, box, metrics, runtime };
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 16 * 1024 * 1024 });
  const routes: RouteDef[] = [...contentRoutes(deps), ...tenantRoutes(deps), ...runtimeRoutes(deps)];
  const all = [...routes, ...systemRoutes(deps, () => openapi)];
  const openapi = buildOpenApi(all, '1');

  app.setErrorHandler((error, _request, reply) => sendError(reply, error));
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}; see /openapi.json`),
      ),
  );
  app.addHook('onResponse', async (request, reply) => {
    metrics.request(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  const principals = new PrincipalCache(options.principalCacheMs ?? 1000);
  for (const def of all) register(app, def, db, principals);

  let closed = false;
  return {
    app,
    db,
    routes: all,
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      return `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await runtime.close();
      if (ownDb) await db.close();
    },
  };
}

function register(app: FastifyInstance, def: RouteDef, db: Db, principals: PrincipalCache): void {
  app.route({
    method: def.method,
    url: def.url,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const principal =
        def.access === 'public'
          ? (undefined as unknown as Principal)
          : await authorize(request, def, db, principals);
      const params = parse(def.params, request.params, 'path');
      const query = parse(def.query, request.query, 'query');
      const body = parse(def.body, request.body ?? (def.body ? {} : undefined), 'body');
      const result = await def.handler({ params, query, body, headers: request.headers, principal });
      // A change through this instance is visible to its runtime at once.
      if (def.method !== 'GET' && def.access === 'admin') principals.invalidateTenant(principal.tenantId);
      if (result.headers) reply.headers(result.headers);
      reply.code(result.status);
      return result.body === undefined ? reply.send() : reply.send(result.body);
    },
  });
}

async function authorize(
  request: FastifyRequest,
  def: RouteDef,
  db: Db,
  principals: PrincipalCache,
): Promise<Principal> {
  const header = request.headers.authorization;
  if (!header) {
    throw new HttpError(
      401,
      'unauthorized',
      'missing API key: send Authorization: Bearer <key> (create one with `pipeline-studio server create-key TENANT`)',
    );
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const key = match?.[1];
  // The runtime's hot path reads its principal through the short-lived cache; admin routes never do.
  const principal = !key
    ? undefined
    : def.withSecrets
      ? await principals.get(key, (k) => authenticate(db, k, { withSecrets: true }))
      : await authenticate(db, key);
  if (!principal) throw new HttpError(401, 'unauthorized', 'invalid or revoked API key');
  if (def.access === 'admin' && principal.role !== 'admin') {
    throw new HttpError(
      403,
      'forbidden',
      'this is a runtime key: it may only call /v1/runtime and /v1/whoami; use an admin key',
    );
  }
  return principal;
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new HttpError(
    400,
    'invalid_request',
    `the request ${where} does not match the API: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    { issues },
  );
}

function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { error: { code, message, ...extra } };
}

/** Every failure is a JSON error a person can act on; unexpected ones are logged, not leaked. */
function sendError(reply: FastifyReply, error: unknown) {
  if (error instanceof HttpError)
    return reply.code(error.status).send(errorBody(error.code, error.message, error.extra));
  if (error instanceof StaleRevisionError) {
    return reply
      .code(412)
      .send(errorBody('stale_revision', error.message, { currentRevision: error.currentRevision }));
  }
  if (error instanceof NotFoundError) return reply.code(404).send(errorBody('not_found', error.message));
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  if (
    fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (fastifyError.statusCode === 400 && /JSON/i.test(fastifyError.message ?? ''))
  ) {
    return reply
      .code(400)
      .send(errorBody('bad_json', `the request body is not valid JSON: ${fastifyError.message}`));
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return reply
      .code(fastifyError.statusCode)
      .send(errorBody(fastifyError.code ?? 'bad_request', fastifyError.message ?? 'bad request'));
  }
  reply.log.error(error);
  console.error(`store server: internal error: ${error instanceof Error ? error.message : String(error)}`);
  return reply
    .code(500)
    .send(
      errorBody(
        'internal',
        'the server failed to handle this request; the operator can find the cause in its log',
      ),
    );
}
