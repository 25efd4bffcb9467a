import { z } from 'zod';
import type { RouteDef } from './routes/route.ts';

type JsonSchema = Record<string, unknown>;

/**
 * Builds the OpenAPI 3.1 document from the route table itself, so every served route is
 * described and every described route is served. Recursive schemas' `$defs` move to components.
 */
export function buildOpenApi(routes: RouteDef[], version: string): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  let counter = 0;
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const prefix = `S${counter++}_`;
    const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
    const text = JSON.stringify(raw).replace(
      /"#\/\$defs\/([^"]+)"/g,
      (_m, name) => `"#/components/schemas/${prefix}${name}"`,
    );
    const out = JSON.parse(text) as JsonSchema;
    const defs = out.$defs as Record<string, JsonSchema> | undefined;
    if (defs) for (const [name, def] of Object.entries(defs)) components[`${prefix}${name}`] = def;
    delete out.$defs;
    delete out.$schema;
    return out;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  for (const def of routes) {
    const path = def.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [name, schema] of objectProperties(def.params ? convert(def.params, 'input') : undefined)) {
      parameters.push({ name, in: 'path', required: true, schema });
    }
    const query = def.query ? convert(def.query, 'input') : undefined;
    const required = new Set((query?.required as string[] | undefined) ?? []);
    for (const [name, schema] of objectProperties(query)) {
      parameters.push({ name, in: 'query', required: required.has(name), schema });
    }
    for (const header of def.headers ?? []) {
      parameters.push({
        name: header.name,
        in: 'header',
        required: header.required,
        description: header.description,
        schema: { type: 'string' },
      });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(def.responses)) {
      responses[status] = response.schema
        ? {
            description: response.description,
            content: { 'application/json': { schema: convert(response.schema, 'output') } },
          }
        : response.contentType
          ? {
              description: response.description,
              content: { [response.contentType]: { schema: { type: 'string' } } },
            }
          : { description: response.description };
    }
    if (def.access !== 'public') {
      responses['401'] = {
        description: 'missing or invalid API key',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
      if (def.access === 'admin')
        responses['403'] = {
          description: 'a runtime key may only call the runtime',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        };
    }
    responses['400'] ??= {
      description: 'bad JSON or a schema violation, with field paths',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[def.method.toLowerCase()] = {
      summary: def.summary,
      operationId: `${def.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[/_-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      ...(parameters.length ? { parameters } : {}),
      ...(def.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: convert(def.body, 'input') } },
            },
          }
        : {}),
      ...(def.access === 'public' ? { security: [] } : {}),
      responses,
    };
  }
  components.Error = {
    type: 'object',
    properties: {
      error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Pipeline Studio store and runtime', version },
    security: [{ apiKey: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer ps_<id>_<secret>' },
      },
    },
  };
}

function objectProperties(schema: JsonSchema | undefined): [string, unknown][] {
  const properties = schema?.properties as Record<string, unknown> | undefined;
  return properties ? Object.entries(properties) : [];
}
