import { healthSchema } from '../../shared/store-api.ts';
import type { ServerDeps } from '../deps.ts';
import { type RouteDef, route } from './route.ts';

/** Unauthenticated: liveness, Prometheus metrics, and the API description. */
export function systemRoutes(deps: ServerDeps, openapi: () => unknown): RouteDef[] {
  return [
    route({
      method: 'GET',
      url: '/healthz',
      summary: 'Liveness: answers while the process serves requests',
      access: 'public',
      responses: { 200: { description: 'alive', schema: healthSchema } },
      handler: async () => ({ status: 200, body: { status: 'ok' } }),
    }),
    route({
      method: 'GET',
      url: '/metrics',
      summary: 'Prometheus metrics: request counts and latency by route, runtime runs by outcome',
      access: 'public',
      responses: { 200: { description: 'text exposition format', contentType: 'text/plain' } },
      handler: async () => ({
        status: 200,
        body: deps.metrics.render(),
        headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
      }),
    }),
    route({
      method: 'GET',
      url: '/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      access: 'public',
      responses: { 200: { description: 'the document', contentType: 'application/json' } },
      handler: async () => ({ status: 200, body: openapi() }),
    }),
  ];
}
