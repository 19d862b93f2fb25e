import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Permission } from '../../domain/access/roles.ts';
import type { Actor, RequestContext } from '../auth/actor.ts';
import { ForbiddenError, UnauthenticatedError, ValidationError, type FieldError } from '../errors.ts';

/** Who may call a route. Services check again; this is the first gate and the authorisation matrix. */
export type Access = 'public' | 'signed-in' | { anyOf: readonly Permission[] };

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteRecord {
  method: Method;
  url: string;
  kind: 'page' | 'api';
  access: Access;
  summary: string;
}

export interface ApiDoc extends RouteRecord {
  kind: 'api';
  tags: string[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  successStatus: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    vigilRoutes: RouteRecord[];
  }
  interface FastifyRequest {
    actor?: Actor;
    csrfToken?: string;
  }
}

/** Refuses the request unless the actor satisfies the route's access rule. */
export function checkAccess(access: Access, actor: Actor | undefined): void {
  if (access === 'public') return;
  if (!actor) throw new UnauthenticatedError();
  if (access === 'signed-in') return;
  if (!access.anyOf.some((p) => actor.permissions.has(p))) throw new ForbiddenError();
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError();
  return request.actor;
}

/** Who is asking and the request's reference: what every service call takes. */
export function ctxOf(request: FastifyRequest): RequestContext {
  return { actor: actorOf(request), requestId: request.id };
}

/** Parses route input, or refuses it with the fields at fault (422). */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  return parsed.data;
}

export interface PageRoute {
  method: 'GET' | 'POST';
  url: string;
  access: Access;
  summary: string;
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
}

export function pageRoute(app: FastifyInstance, route: PageRoute): void {
  app.vigilRoutes.push({ method: route.method, url: route.url, kind: 'page', access: route.access, summary: route.summary });
  app.route({
    method: route.method,
    url: route.url,
    config: { kind: 'page' },
    preHandler: async (request) => checkAccess(route.access, request.actor),
    handler: route.handler,
  });
}

export interface ApiContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  actor: Actor | undefined;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface ApiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: Method;
  url: string;
  access: Access;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  response?: R;
  successStatus?: number;
  handler: (ctx: ApiContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.input<R>>;
}

/** Turns zod issues into field errors: the field is the dotted path of the value. */
export function fieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || 'body',
    message: issue.message,
  }));
}

function parseWith<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new ValidationError(fieldErrors(result.error, where === 'body' ? '' : where));
  return result.data;
}

export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  app: FastifyInstance,
  route: ApiRoute<P, Q, B, R>,
): void {
  const doc: ApiDoc = {
    method: route.method,
    url: route.url,
    kind: 'api',
    access: route.access,
    summary: route.summary,
    tags: route.tags,
    params: route.params,
    query: route.query,
    body: route.body,
    response: route.response,
    successStatus: route.successStatus ?? 200,
  };
  app.vigilRoutes.push(doc);
  app.route({
    method: route.method,
    url: route.url,
    config: { kind: 'api' },
    preHandler: async (request) => checkAccess(route.access, request.actor),
    handler: async (request, reply) => {
      const params = parseWith(route.params, request.params, 'params');
      const query = parseWith(route.query, request.query, 'query');
      const body = parseWith(route.body, request.body, 'body');
      const result = await route.handler({ params, query, body, actor: request.actor, request, reply });
      reply.code(doc.successStatus).header('cache-control', 'no-store');
      return route.response ? route.response.parse(result) : result;
    },
  });
}
