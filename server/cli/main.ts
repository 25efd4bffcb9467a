import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { roleSchema } from '../../shared/store-api.ts';
import { createStoreServer } from '../app.ts';
import type { Db } from '../db/adapter.ts';
import { openDb } from '../db/open.ts';
import { createKey, createTenant } from '../store/tenants.ts';
import { acquireDataLock, checkDataUnlocked } from './data-lock.ts';

const USAGE = `Usage:
  pipeline-studio serve [--port N] [--host H] [--data DIR] [--init TENANT]
  pipeline-studio server create-tenant NAME [--data DIR]
  pipeline-studio server create-key TENANT [--role admin|runtime] [--data DIR]

The store server keeps its data in DIR (default ./pipeline-studio-data, or env PIPELINE_STUDIO_DATA)
with embedded PGlite; set DATABASE_URL to use PostgreSQL instead. Secrets are encrypted with
PIPELINE_STUDIO_SERVER_KEY (32 bytes hex) or with DIR/server.key, generated on first start.
--init TENANT creates that tenant with an admin and a runtime key (printed once) if it does not
exist yet, so a first start is one command.
`;

/**
 * `pipeline-studio serve` and `pipeline-studio server ...`, dispatched here by bin/pipeline-studio.js.
 * Resolves to the exit code: 0 done, 1 failed, 2 bad usage.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'serve') return serve(rest);
  if (command === 'server') {
    const [sub, ...args] = rest;
    if (sub === 'serve') return serve(args);
    if (sub === 'create-tenant') return admin(args, 'create-tenant');
    if (sub === 'create-key') return admin(args, 'create-key');
    if (sub === undefined || sub === '--help' || sub === '-h') {
      process.stdout.write(USAGE);
      return sub === undefined ? 2 : 0;
    }
    return usage(`unknown server command "${sub}"`);
  }
  return usage(`unknown command "${command ?? ''}"`);
}

function usage(message: string): number {
  process.stderr.write(`pipeline-studio: ${message}\n\n${USAGE}`);
  return 2;
}

function options(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      role: { type: 'string' },
      init: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

const dataDir = (flag: string | undefined) =>
  resolve(flag ?? process.env.PIPELINE_STUDIO_DATA ?? 'pipeline-studio-data');

async function serve(args: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof options>;
  try {
    parsed = options(args);
  } catch (error) {
    return usage((error as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = Number(parsed.values.port ?? process.env.PORT ?? 4100);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return usage(`--port must be a port number (got ${parsed.values.port})`);
  const host = String(parsed.values.host ?? '127.0.0.1');
  const dir = dataDir(parsed.values.data as string | undefined);
  const usesPostgres = Boolean(process.env.DATABASE_URL);
  const release = usesPostgres ? () => undefined : acquireDataLock(dir);
  if (typeof release === 'string') return fail(release);
  try {
    const server = await createStoreServer({ dataDir: dir });
    const init = parsed.values.init as string | undefined;
    const created = init ? await initTenant(server.db, init) : undefined;
    const url = await server.listen(port, host);
    process.stdout.write(
      `Pipeline store listening on ${url} (${usesPostgres ? 'PostgreSQL from DATABASE_URL' : `PGlite in ${dir}`})\n` +
        `  API description: ${url}/openapi.json   health: ${url}/healthz   metrics: ${url}/metrics\n`,
    );
    if (created) process.stdout.write(created);
    await new Promise<void>((done) => {
      const stop = () => done();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    process.stdout.write('Stopping the pipeline store...\n');
    await server.close();
    return 0;
  } catch (error) {
    return fail(`could not start the server: ${(error as Error).message}`);
  } finally {
    release();
  }
}

async function admin(args: readonly string[], what: 'create-tenant' | 'create-key'): Promise<number> {
  let parsed: ReturnType<typeof options>;
  try {
    parsed = options(args);
  } catch (error) {
    return usage((error as Error).message);
  }
  const [name] = parsed.positionals;
  if (!name) return usage(`${what} needs a ${what === 'create-tenant' ? 'tenant name' : 'tenant'}`);
  const role = roleSchema.safeParse(parsed.values.role ?? 'admin');
  if (!role.success) return usage(`--role must be admin or runtime (got ${parsed.values.role})`);
  const dir = dataDir(parsed.values.data as string | undefined);
  const usesPostgres = Boolean(process.env.DATABASE_URL);
  if (!usesPostgres) {
    const busy = checkDataUnlocked(dir);
    if (busy) return fail(busy);
  }
  const db = await openDb({ databaseUrl: process.env.DATABASE_URL, dataDir: dir });
  try {
    if (what === 'create-tenant') {
      const tenant = await createTenant(db, name);
      process.stdout.write(
        `Created tenant ${tenant.name}. Next: pipeline-studio server create-key ${tenant.name}\n`,
      );
    } else {
      const key = await createKey(db, name, role.data);
      process.stdout.write(
        `Created ${key.role} key ${key.id} for tenant ${key.tenant}. It is shown only this once:\n${key.key}\n`,
      );
    }
    return 0;
  } catch (error) {
    return fail((error as Error).message);
  } finally {
    await db.close();
  }
}

/** `--init`: the tenant and its first keys, unless it exists already. Returns what to print. */
async function initTenant(db: Db, name: string): Promise<string> {
  const existing = await db.query('SELECT 1 FROM tenants WHERE name = $1', [name]);
  if (existing.length > 0) return `Tenant ${name} exists; its keys are unchanged.\n`;
  await createTenant(db, name);
  const admin = await createKey(db, name, 'admin');
  const runtime = await createKey(db, name, 'runtime');
  return (
    `Created tenant ${name}. Its keys are shown only this once:\n` +
    `  admin key:   ${admin.key}  (studio sync and publish; CLI: PIPELINE_STUDIO_SECRET_REMOTE_KEY)\n` +
    `  runtime key: ${runtime.key}  (POST /v1/runtime/{trigger})\n`
  );
}

function fail(message: string): number {
  process.stderr.write(`pipeline-studio: ${message}\n`);
  return 1;
}
