import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDoc, RouteRecord } from '../../platform/http/routes.ts';

const problem = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'Reference to quote to the service desk' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } }, required: ['field', 'message'] },
    },
  },
  required: ['title', 'status'],
};

function isApiDoc(route: RouteRecord): route is ApiDoc {
  return route.kind === 'api' && 'tags' in route;
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
}

/** OpenAPI 3 built from the routes as registered, so the description cannot drift from the code. */
export function buildOpenApi(routes: RouteRecord[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes.filter(isApiDoc)) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: route.tags,
      operationId: `${route.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      responses: {
        [String(route.successStatus)]: {
          description: 'Success',
          ...(route.response ? { content: { 'application/json': { schema: schemaOf(route.response, 'output') } } } : {}),
        },
        default: { description: 'A problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
      ...(route.access === 'public' ? { security: [] } : {}),
      'x-vigil-access': route.access,
    };
    if (route.body) {
      operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } };
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Vigil API',
      version: '1',
      description: 'Stalking and harassment case management. Every call that reads or changes personal data is audited.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'From POST /api/v1/auth/token, or a service token issued by an administrator' } },
      schemas: { Problem: problem },
    },
    paths,
  };
}

export function openApiRoutes(app: FastifyInstance): void {
  app.vigilRoutes.push({ method: 'GET', url: '/api/openapi.json', kind: 'api', access: 'public', summary: 'OpenAPI description' });
  let cached: Record<string, unknown> | undefined;
  app.get('/api/openapi.json', async (_request, reply) => {
    cached ??= buildOpenApi(app.vigilRoutes);
    return reply.header('cache-control', 'no-store').send(cached);
  });
}
