import { z } from 'zod';
import {
  auditListSchema,
  errorBodySchema,
  logListSchema,
  logQuerySchema,
  pageQuerySchema,
  secretListSchema,
  secretNameSchema,
  secretValueSchema,
  settingsSchema,
} from '../../shared/store-api.ts';
import type { ServerDeps } from '../deps.ts';
import { listAudit, listLogs } from '../store/logs.ts';
import { deleteSecret, listSecretNames, putSecret } from '../store/secrets.ts';
import { updateSettings } from '../store/tenants.ts';
import { HttpError, type RouteDef, route } from './route.ts';

const secretParams = z.object({ name: secretNameSchema });

/** Secrets (write-only), settings, the audit log and the runtime's execution logs. */
export function tenantRoutes(deps: ServerDeps): RouteDef[] {
  const { db, box } = deps;
  return [
    route({
      method: 'GET',
      url: '/v1/secrets',
      summary: 'Secret names (values are write-only and never returned)',
      access: 'admin',
      responses: { 200: { description: 'the names', schema: secretListSchema } },
      handler: async ({ principal }) => ({
        status: 200,
        body: { secrets: await listSecretNames(db, principal.tenantId) },
      }),
    }),
    route({
      method: 'PUT',
      url: '/v1/secrets/:name',
      summary: 'Set a secret; stored encrypted with AES-256-GCM, injected into runtime runs',
      access: 'admin',
      params: secretParams,
      body: secretValueSchema,
      responses: { 204: { description: 'stored', schema: null } },
      handler: async ({ principal, params, body }) => {
        await putSecret(db, box, principal, params.name, body.value);
        return { status: 204, body: undefined };
      },
    }),
    route({
      method: 'DELETE',
      url: '/v1/secrets/:name',
      summary: 'Delete a secret',
      access: 'admin',
      params: secretParams,
      responses: {
        204: { description: 'deleted', schema: null },
        404: { description: 'no such secret', schema: errorBodySchema },
      },
      handler: async ({ principal, params }) => {
        if (!(await deleteSecret(db, principal, params.name))) {
          throw new HttpError(404, 'not_found', `there is no secret named ${params.name}`);
        }
        return { status: 204, body: undefined };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/settings',
      summary: "The tenant's runtime settings (live HTTP allow-list, memory limit)",
      access: 'admin',
      responses: { 200: { description: 'the settings', schema: settingsSchema } },
      handler: async ({ principal }) => ({ status: 200, body: principal.settings }),
    }),
    route({
      method: 'PUT',
      url: '/v1/settings',
      summary: "Replace the tenant's runtime settings",
      access: 'admin',
      body: settingsSchema,
      responses: { 200: { description: 'stored', schema: settingsSchema } },
      handler: async ({ principal, body }) => {
        await updateSettings(db, principal, body);
        return { status: 200, body };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/audit',
      summary: 'Who did what and when, newest first, paged by cursor',
      access: 'admin',
      query: pageQuerySchema,
      responses: { 200: { description: 'a page of entries', schema: auditListSchema } },
      handler: async ({ principal, query }) => ({
        status: 200,
        body: await listAudit(db, principal.tenantId, query),
      }),
    }),
    route({
      method: 'GET',
      url: '/v1/logs',
      summary:
        'Runtime execution logs with per-stage detail, newest first, paged by cursor, filter by trigger',
      access: 'admin',
      query: logQuerySchema,
      responses: { 200: { description: 'a page of runs', schema: logListSchema } },
      handler: async ({ principal, query }) => {
        // This instance logs runs in batches: store them first, so a caller sees its own runs.
        await deps.runtime.flushLogs();
        return { status: 200, body: await listLogs(db, principal.tenantId, query) };
      },
    }),
  ];
}
