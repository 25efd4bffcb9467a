import { createStoreServer, type ServerOptions, type StoreServer } from '../../server/app.ts';
import { createKey, createTenant } from '../../server/store/tenants.ts';
import type { StoreContent } from '../../shared/store-api.ts';

export interface TestTenant {
  name: string;
  admin: string;
  runtime: string;
}

export interface TestServer {
  url: string;
  server: StoreServer;
  tenant(name: string): Promise<TestTenant>;
  close(): Promise<void>;
}

/** A store server on 127.0.0.1 with an ephemeral port; PGlite in memory unless `databaseUrl`. */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const server = await createStoreServer({ env: {}, ...options });
  const url = await server.listen(0, '127.0.0.1');
  return {
    url,
    server,
    async tenant(name) {
      await createTenant(server.db, name);
      const admin = await createKey(server.db, name, 'admin');
      const runtime = await createKey(server.db, name, 'runtime');
      return { name, admin: admin.key, runtime: runtime.key };
    },
    close: () => server.close(),
  };
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** One JSON call; `body` is parsed when the answer is JSON, otherwise the text. */
export async function call<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  options: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    body: (type.includes('json') && text ? JSON.parse(text) : text) as T,
    headers: response.headers,
  };
}

/** A three-stage PRE_REGISTER pipeline with a fixture, tagged so leaks across tenants are visible. */
export function sampleContent(tag: string): StoreContent {
  const stage = (name: string, code: string) => ({
    name,
    file: `${name}.js`,
    enabled: true,
    async: false,
    timeoutSeconds: 3,
    terminateOnTimeout: false,
    description: `${tag} ${name}`,
    code,
  });
  return {
    env: { ALLOWED_DOMAIN: 'example.com', TAG: tag },
    pipelines: {
      PRE_REGISTER: {
        stages: [
          stage(
            'domain-check',
            `async function pipe(user, context, callback) {
  const email = context.request.body.email || '';
  if (!email.endsWith('@' + env.ALLOWED_DOMAIN)) return callback(new Error('only ' + env.ALLOWED_DOMAIN + ' may register'));
  callback(null, user, context);
}`,
          ),
          stage(
            'tag',
            `async function pipe(user, context, callback) {
  context.tagged = env.TAG;
  callback(null, user, context);
}`,
          ),
          stage(
            'log-secret',
            `async function pipe(user, context, callback) {
  log('secret is ' + (env.API_TOKEN || 'absent'));
  callback(null, user, context);
}`,
          ),
        ],
        fixtures: {
          corporate: {
            name: 'corporate address may register',
            trigger: 'PRE_REGISTER',
            now: '2026-11-23T09:00:00Z',
            user: null,
            context: {
              protocol: 'password',
              request: { ip: '203.0.113.7', body: { email: 'ana@example.com' } },
            },
            expect: { outcome: 'continue' },
          },
          outsider: {
            name: 'outside address is denied',
            trigger: 'PRE_REGISTER',
            now: '2026-11-23T09:00:00Z',
            user: null,
            context: {
              protocol: 'password',
              request: { ip: '203.0.113.7', body: { email: 'eve@evil.test' } },
            },
            expect: { outcome: 'deny', error: 'only example.com' },
          },
        },
      },
    },
  };
}
