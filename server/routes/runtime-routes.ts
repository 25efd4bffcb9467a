import { z } from 'zod';
import { decisionSchema, errorBodySchema, runtimeBodySchema } from '../../shared/store-api.ts';
import { normalizeTrigger } from '../../shared/triggers.ts';
import type { ServerDeps } from '../deps.ts';
import { HttpError, type RouteDef, route } from './route.ts';

export function runtimeRoutes(deps: ServerDeps): RouteDef[] {
  return [
    route({
      method: 'POST',
      url: '/v1/runtime/:trigger',
      summary:
        "Run the tenant's published pipeline for a trigger; answers the decision in the CLI's JSON shape",
      access: 'runtime',
      withSecrets: true,
      params: z.object({ trigger: z.string() }),
      body: runtimeBodySchema,
      responses: {
        200: { description: 'the run completed (whatever its outcome)', schema: decisionSchema },
        404: { description: 'unknown trigger, or nothing published for it', schema: errorBodySchema },
      },
      handler: async ({ principal, params, body }) => {
        const trigger = normalizeTrigger(params.trigger);
        if (!trigger) {
          throw new HttpError(
            404,
            'unknown_trigger',
            `"${params.trigger}" is not a trigger; use one of PRE_REGISTER, POST_REGISTER, PRE_AUTHENTICATION, POST_AUTHENTICATION, PRE_OIDC_ID_TOKEN_ISSUED, PRE_OIDC_ACCESS_TOKEN_ISSUED, PRE_COMPLETE_USER_INFO`,
          );
        }
        const decision = await deps.runtime.run(principal, trigger, body);
        return { status: 200, body: decision };
      },
    }),
  ];
}
