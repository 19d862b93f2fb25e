import { randomUUID, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type nunjucks from 'nunjucks';
import { navigationFor } from '../../domain/access/navigation.ts';
import { roleLabel, teamName } from '../../domain/access/roles.ts';
import { resolveBearerToken, resolveSession } from '../../features/auth/service.ts';
import { AppError, ForbiddenError, UnauthenticatedError, ValidationError } from '../errors.ts';
import type { Deps } from '../deps.ts';
import { loadAssets } from './assets.ts';
import { createViewEnvironment } from './views.ts';

export const SESSION_COOKIE = 'vigil_session';
export const SIGN_IN_COOKIE = 'vigil_signin';

declare module 'fastify' {
  interface FastifyReply {
    render(template: string, context?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyContextConfig {
    kind?: 'page' | 'api';
  }
}

export interface Feature {
  (app: FastifyInstance, deps: Deps): void;
}

export interface AppOptions {
  logger?: boolean;
  features: Feature[];
}

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** The path of the first string holding a NUL character, if any. */
function nulPath(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (!value || typeof value !== 'object' || depth > 20) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return path;
    const found = nulPath(item, path ? `${path}.${key}` : key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieOptions(deps: Deps, request: FastifyRequest) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: deps.config.cookieSecure || request.protocol === 'https',
  };
}

/** Fastify's own errors about the request body, as a plain message. */
function bodyProblem(error: unknown): AppError | undefined {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('Send the body as application/json (or a form for pages).', 415, 'Unsupported media type');
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return new AppError('The body is empty: send a JSON object.', 400, 'Bad request');
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('The body is too large.', 413, 'Payload too large');
  if (code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return new AppError('The body does not match its stated length.', 400, 'Bad request');
  if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_JSON_BODY') return new AppError('The body is not valid JSON.', 400, 'Bad request');
  const message = (error as { message?: string }).message ?? '';
  if (/prototype property|__proto__|constructor/.test(message) && (error as { statusCode?: number }).statusCode === 400) {
    return new AppError('The body contains a key that is not allowed (__proto__ or constructor).', 400, 'Bad request');
  }
  return undefined;
}

export async function buildApp(deps: Deps, options: AppOptions): Promise<FastifyInstance> {
  const views: nunjucks.Environment = createViewEnvironment();
  const assets = await loadAssets();
  const logger: FastifyServerOptions['logger'] = options.logger
    ? {
        level: deps.config.logLevel,
        // Only the path is logged: no query strings, headers, bodies or personal data.
        serializers: {
          req: (req) => ({ method: req.method, url: req.url.split('?')[0] ?? '', id: req.id }),
          res: (res) => ({ statusCode: res.statusCode }),
        },
      }
    : false;
  const app = Fastify({
    logger,
    genReqId: () => randomUUID(),
    // Malformed URLs and over-long parameters go through the same error handling as everything else.
    frameworkErrors: (_error, request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
      reply.code(400).header('cache-control', 'no-store');
      const detail = 'The address is not valid.';
      if (request.url.startsWith('/api/')) {
        void reply.type('application/problem+json').send({ type: 'about:blank', title: 'Bad request', status: 400, detail, instance: request.id });
      } else {
        void reply.type('text/html; charset=utf-8').send(views.render('views/errors/problem.njk', { message: detail, navigation: [] }));
      }
    },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorate('vigilRoutes', []);


  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);

  app.decorateReply('render', function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const request = this.request;
    const actor = request.actor;
    const html = views.render(template, {
      serviceName: 'Vigil',
      currentPath: request.url.split('?')[0],
      csrfToken: request.csrfToken,
      actor: actor
        ? {
            displayName: actor.displayName,
            username: actor.username,
            roles: actor.roles.map(roleLabel),
            teams: actor.teams.map(teamName),
          }
        : undefined,
      navigation: actor ? navigationFor(actor.permissions) : [],
      requestId: request.id,
      ...context,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });

  app.addHook('onSend', async (request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    if (!request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store');
  });

  // Who is asking: bearer tokens for the API, session cookies for pages. Never both.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/assets/')) return;
    if (isApiRequest(request)) {
      const token = bearerToken(request);
      if (token) {
        const actor = await resolveBearerToken(deps, token);
        if (!actor) throw new UnauthenticatedError('The bearer token is not valid or has expired.');
        request.actor = actor;
      }
      return;
    }
    const secret = request.cookies[SESSION_COOKIE];
    if (!secret) return;
    const session = await resolveSession(deps, secret);
    if (session) {
      request.actor = session.actor;
      request.csrfToken = session.csrfToken;
    } else {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  });

  // PostgreSQL cannot store a NUL character: refuse it up front with the field named.
  app.addHook('preValidation', async (request) => {
    const where = nulPath(request.body, '') ?? nulPath(request.query, '') ?? nulPath(request.params, '');
    if (where !== undefined) throw new ValidationError([{ field: where || 'body', message: 'Remove the invalid character (a null byte) from this value' }]);
  });

  // Every form post to a page must carry the session's CSRF token (or, before sign-in, the sign-in cookie's).
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || isApiRequest(request) || request.routeOptions.config.kind !== 'page') return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const sent = typeof body._csrf === 'string' ? body._csrf : '';
    const expected = request.csrfToken ?? request.cookies[SIGN_IN_COOKIE] ?? '';
    if (!sent || !expected || !sameSecret(sent, expected)) {
      throw new ForbiddenError('This form has expired or did not come from Vigil. Go back, reload the page and try again.');
    }
  });

  app.get('/assets/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    const asset = assets.get(name);
    if (!asset) return reply.code(404).type('text/plain').send('Not found');
    return reply.type(asset.type).header('cache-control', 'public, max-age=3600').send(asset.body);
  });

  for (const feature of options.features) feature(app, deps);

  app.setNotFoundHandler(async (request, reply) => {
    if (isApiRequest(request)) {
      return reply.code(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not found', status: 404, detail: 'No such resource.' });
    }
    return reply.code(404).render('views/errors/not-found.njk');
  });

  app.setErrorHandler(async (error, request, reply) => {
    const known = error instanceof AppError ? error : bodyProblem(error);
    const fastifyStatus = (error as { statusCode?: number }).statusCode;
    const status = known?.status ?? (fastifyStatus && fastifyStatus >= 400 && fastifyStatus < 500 ? fastifyStatus : 500);
    if (status >= 500) request.log.error({ err: error, reference: request.id }, 'request failed');

    if (isApiRequest(request)) {
      const problem: Record<string, unknown> = {
        type: 'about:blank',
        title: known?.title ?? (status >= 500 ? 'Internal server error' : 'Bad request'),
        status,
        detail: status >= 500 ? `Something went wrong. Quote reference ${request.id}.` : (known?.message ?? 'The request could not be processed.'),
        instance: request.id,
      };
      if (error instanceof ValidationError) problem.errors = error.errors;
      if (known && 'contact' in known) problem.contact = (known as { contact: string }).contact;
      if (known && 'changes' in known) problem.changes = (known as { changes: unknown }).changes;
      if (status === 401) reply.header('www-authenticate', 'Bearer');
      return reply.code(status).type('application/problem+json').send(problem);
    }

    if (error instanceof UnauthenticatedError && request.method === 'GET') {
      return reply.redirect('/sign-in');
    }
    const template =
      status === 403 ? 'views/errors/forbidden.njk' : status === 404 ? 'views/errors/not-found.njk' : status >= 500 ? 'views/errors/server-error.njk' : 'views/errors/problem.njk';
    return reply.code(status).render(template, {
      message: status >= 500 ? undefined : (known?.message ?? 'The request could not be processed.'),
      contact: known && 'contact' in known ? (known as { contact: string }).contact : undefined,
      reference: request.id,
    });
  });

  return app;
}
