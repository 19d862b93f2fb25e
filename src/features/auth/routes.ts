import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { newSecret } from '../../platform/auth/tokens.ts';
import { AppError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { cookieOptions, SESSION_COOKIE, SIGN_IN_COOKIE } from '../../platform/http/app.ts';
import { actorOf, apiRoute, pageRoute } from '../../platform/http/routes.ts';
import { issueUserToken, signIn, signOut } from './service.ts';

const signInForm = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(100, 'Username must be 100 characters or fewer'),
  password: z.string().min(1, 'Enter your password').max(200, 'Password must be 200 characters or fewer'),
});

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  pageRoute(app, {
    method: 'GET',
    url: '/sign-in',
    access: 'public',
    summary: 'Sign-in page',
    handler: async (request, reply) => {
      if (request.actor) return reply.redirect('/');
      const token = newSecret();
      reply.setCookie(SIGN_IN_COOKIE, token, cookieOptions(deps, request));
      return reply.render('features/auth/views/sign-in.njk', { csrfToken: token, values: {} });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/sign-in',
    access: 'public',
    summary: 'Sign in',
    handler: async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const parsed = signInForm.safeParse(body);
      const csrfToken = request.cookies[SIGN_IN_COOKIE];
      const values = { username: typeof body.username === 'string' ? body.username : '' };
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => ({ text: i.message, href: `#${String(i.path[0])}`, field: String(i.path[0]) }));
        return reply.code(422).render('features/auth/views/sign-in.njk', { csrfToken, values, errors });
      }
      try {
        const session = await signIn(deps, parsed.data.username, parsed.data.password, request.id);
        reply.clearCookie(SIGN_IN_COOKIE, { path: '/' });
        reply.setCookie(SESSION_COOKIE, session.sessionSecret, cookieOptions(deps, request));
        return reply.redirect('/', 303);
      } catch (error) {
        if (!(error instanceof AppError) || (error.status !== 401 && error.status !== 429)) throw error;
        return reply
          .code(error.status)
          .render('features/auth/views/sign-in.njk', { csrfToken, values, errors: [{ text: error.message, href: '#username', field: 'username' }] });
      }
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/sign-out',
    access: 'signed-in',
    summary: 'Sign out',
    handler: async (request, reply) => {
      const secret = request.cookies[SESSION_COOKIE];
      if (secret) await signOut(deps, secret, actorOf(request), request.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/signed-out', 303);
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/signed-out',
    access: 'public',
    summary: 'Signed-out confirmation',
    handler: async (_request, reply) => reply.render('features/auth/views/signed-out.njk'),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/auth/token',
    access: 'public',
    summary: 'Exchange a username and password for a bearer token',
    tags: ['Authentication'],
    body: signInForm,
    response: z.object({ token: z.string(), tokenType: z.literal('Bearer'), expiresAt: z.date().transform((d) => d.toISOString()) }),
    successStatus: 201,
    handler: async ({ body, request }) => issueUserToken(deps, body.username, body.password, request.id),
  });
}
