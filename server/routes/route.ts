import type { z } from 'zod';
import type { Role } from '../../shared/store-api.ts';
import type { Principal } from '../store/tenants.ts';

/** Who may call a route: nobody needs a key for `public`; `runtime` also admits admin keys. */
export type Access = 'public' | Role;

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  headers: Record<string, string | string[] | undefined>;
  /** Set for every route whose access is not `public`. */
  principal: Principal;
}

export interface RouteResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * One HTTP route, described once: the server registers it, validates with its schemas, and the
 * OpenAPI document is generated from the same object, so the description cannot drift.
 */
export interface RouteDef<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify syntax: `/v1/versions/:version`. */
  url: string;
  summary: string;
  access: Access;
  /** Load the tenant's sealed secrets with the key (the runtime), saving a query per run. */
  withSecrets?: boolean;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Request headers the route reads, for the description. */
  headers?: { name: string; required: boolean; description: string }[];
  /** Schemas by status; a `null` schema means a non-JSON body (text) or none. */
  responses: Record<number, { description: string; schema?: z.ZodType | null; contentType?: string }>;
  handler(ctx: RouteContext<P, Q, B>): Promise<RouteResult>;
}

/** Keeps each route's parameter types tied to its schemas while collecting them in one list. */
export function route<P, Q, B>(def: RouteDef<P, Q, B>): RouteDef {
  return def as unknown as RouteDef;
}

/** An error answered as `{ error: { code, message, ...extra } }` with `status`. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;

  constructor(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}
