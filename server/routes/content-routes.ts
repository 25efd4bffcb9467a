import { z } from 'zod';
import {
  errorBodySchema,
  pageQuerySchema,
  publishBodySchema,
  pushBodySchema,
  pushResultSchema,
  revisionListSchema,
  revisionSchema,
  versionListSchema,
  versionSchema,
  versionSummarySchema,
  whoamiSchema,
} from '../../shared/store-api.ts';
import type { ServerDeps } from '../deps.ts';
import { getRevision, headRevision, listRevisions, pushRevision } from '../store/revisions.ts';
import { getVersion, listVersions, publish } from '../store/versions.ts';
import { HttpError, type RouteDef, route } from './route.ts';

const error = (description: string) => ({ description, schema: errorBodySchema });
const revisionParams = z.object({ revision: z.coerce.number().int().min(0) });
const versionParams = z.object({ version: z.coerce.number().int().min(1) });

/** `If-Match: "3"` (also `3` or `W/"3"`): the revision a write was based on. */
export function parseIfMatch(header: string | string[] | undefined): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) {
    throw new HttpError(
      428,
      'if_match_required',
      'a push must say which revision it was based on: send the header If-Match: "<revision>" (0 for the first push)',
    );
  }
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(value.trim());
  if (!match?.[1])
    throw new HttpError(400, 'bad_if_match', `If-Match must be a revision number like "3" (got ${value})`);
  return Number(match[1]);
}

export function contentRoutes(deps: ServerDeps): RouteDef[] {
  const { db } = deps;
  return [
    route({
      method: 'GET',
      url: '/v1/whoami',
      summary: "The calling key's tenant, role, head revision and published version",
      access: 'runtime',
      responses: { 200: { description: 'the key is valid', schema: whoamiSchema } },
      handler: async ({ principal }) => ({
        status: 200,
        body: {
          tenant: principal.tenantName,
          keyId: principal.keyId,
          role: principal.role,
          headRevision: principal.headRevision,
          publishedVersion: principal.publishedVersion,
        },
      }),
    }),
    route({
      method: 'GET',
      url: '/v1/revisions/head',
      summary: 'The current revision with its whole content (revision 0 is empty); ETag is the revision',
      access: 'admin',
      responses: { 200: { description: 'the head revision', schema: revisionSchema } },
      handler: async ({ principal }) => {
        const head = await headRevision(db, principal.tenantId);
        return { status: 200, body: head, headers: { etag: `"${head.revision}"` } };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/revisions',
      summary: 'Revisions, newest first, without content (cursor: a revision number)',
      access: 'admin',
      query: pageQuerySchema,
      responses: { 200: { description: 'a page of revisions', schema: revisionListSchema } },
      handler: async ({ principal, query }) => ({
        status: 200,
        body: await listRevisions(
          db,
          principal.tenantId,
          query.limit,
          query.cursor === undefined ? undefined : Number(query.cursor),
        ),
      }),
    }),
    route({
      method: 'GET',
      url: '/v1/revisions/:revision',
      summary: 'One revision with its content',
      access: 'admin',
      params: revisionParams,
      responses: {
        200: { description: 'the revision', schema: revisionSchema },
        404: error('no such revision'),
      },
      handler: async ({ principal, params }) => {
        const found =
          params.revision === 0
            ? {
                revision: 0,
                createdAt: new Date(0).toISOString(),
                createdBy: null,
                content: { env: {}, pipelines: {} },
              }
            : await getRevision(db, principal.tenantId, params.revision);
        if (!found) throw new HttpError(404, 'not_found', `revision ${params.revision} does not exist`);
        return { status: 200, body: found, headers: { etag: `"${found.revision}"` } };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/revisions',
      summary: 'Push: store a whole new content as the next revision, if If-Match names the current head',
      access: 'admin',
      body: pushBodySchema,
      headers: [
        { name: 'If-Match', required: true, description: 'the revision this content was based on, e.g. "3"' },
      ],
      responses: {
        201: { description: 'stored as a new revision', schema: pushResultSchema },
        412: error('stale base: error.currentRevision is the head to pull and merge with'),
        428: error('If-Match missing'),
      },
      handler: async ({ principal, body, headers }) => {
        const base = parseIfMatch(headers['if-match']);
        const revision = await pushRevision(db, principal, base, body.content);
        return { status: 201, body: { revision }, headers: { etag: `"${revision}"` } };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/versions',
      summary: 'Published versions, newest first, and which one is live',
      access: 'admin',
      responses: { 200: { description: 'the version history', schema: versionListSchema } },
      handler: async ({ principal }) => ({
        status: 200,
        body: {
          publishedVersion: principal.publishedVersion,
          versions: await listVersions(db, principal.tenantId),
        },
      }),
    }),
    route({
      method: 'GET',
      url: '/v1/versions/published',
      summary: 'The live version with its content',
      access: 'admin',
      responses: {
        200: { description: 'the live version', schema: versionSchema },
        404: error('nothing published yet'),
      },
      handler: async ({ principal }) => {
        const found =
          principal.publishedVersion === null
            ? undefined
            : await getVersion(db, principal.tenantId, principal.publishedVersion);
        if (!found) throw new HttpError(404, 'not_found', 'nothing has been published yet');
        return { status: 200, body: found };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/versions/:version',
      summary: 'One version with its content',
      access: 'admin',
      params: versionParams,
      responses: {
        200: { description: 'the version', schema: versionSchema },
        404: error('no such version'),
      },
      handler: async ({ principal, params }) => {
        const found = await getVersion(db, principal.tenantId, params.version);
        if (!found) throw new HttpError(404, 'not_found', `version ${params.version} does not exist`);
        return { status: 200, body: found };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/versions',
      summary: 'Publish: make an immutable version from a revision and make it live',
      access: 'admin',
      body: publishBodySchema,
      responses: {
        201: { description: 'published', schema: versionSummarySchema },
        404: error('no such revision'),
      },
      handler: async ({ principal, body }) => ({
        status: 201,
        body: await publish(db, principal, { revision: body.revision, note: body.note }),
      }),
    }),
    route({
      method: 'POST',
      url: '/v1/versions/:version/rollback',
      summary: 'Rollback: republish an earlier version as a new version and make it live',
      access: 'admin',
      params: versionParams,
      body: z.object({ note: z.string().max(2000).default('') }),
      responses: {
        201: { description: 'republished', schema: versionSummarySchema },
        404: error('no such version'),
      },
      handler: async ({ principal, params, body }) => ({
        status: 201,
        body: await publish(db, principal, { rollbackOf: params.version, note: body.note }),
      }),
    }),
  ];
}
