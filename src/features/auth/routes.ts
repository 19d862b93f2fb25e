import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { newSecret } from '../../platform/auth/tokens.ts';
import { AppError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { cookieOptions, SESSION_COOKIE, SIGN_IN_COOKIE } from '../../platform/http/app.ts';
import { actorOf, apiRoute, pageRoute } from '../../platform/http/routes.ts';
import { completeAuthorisation, OidcError, sameSecret, startAuthorisation } from '../../platform/auth/oidc.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { accountSummary, issueUserToken, OIDC_NO_ACCOUNT, recordOidcFailure, signIn, signInWithOidc, signOut, signOutEverywhere } from './service.ts';

/** Holds the state, nonce and PKCE verifier between the redirect to the provider and its answer. */
const OIDC_COOKIE = 'vigil_oidc';

const callbackQuery = z.object({
  code: z.string().min(1).max(4000).optional(),
  state: z.string().min(1).max(400).optional(),
  error: z.string().max(200).optional(),
});

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
      return reply.render('features/auth/views/sign-in.njk', { csrfToken: token, values: {}, oidc: deps.config.oidc?.providerName });
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/sign-in/oidc',
    access: 'public',
    summary: "Start signing in through the force's OpenID Connect provider",
    handler: async (request, reply) => {
      const oidc = deps.config.oidc;
      if (!oidc) throw new NotFoundError('Signing in through a force account is not set up.');
      if (request.actor) return reply.redirect('/');
      const start = await startAuthorisation(oidc);
      reply.setCookie(OIDC_COOKIE, `${start.state}.${start.nonce}.${start.codeVerifier}`, { ...cookieOptions(deps, request), path: '/sign-in/oidc', maxAge: 600 });
      return reply.redirect(start.url, 302);
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/sign-in/oidc/callback',
    access: 'public',
    summary: "The force's OpenID Connect provider returns here after sign-in",
    handler: async (request, reply) => {
      const oidc = deps.config.oidc;
      if (!oidc) throw new NotFoundError('Signing in through a force account is not set up.');
      const held = request.cookies[OIDC_COOKIE] ?? '';
      reply.clearCookie(OIDC_COOKIE, { path: '/sign-in/oidc' });
      const refuse = async (code: string, message: string) => {
        await recordOidcFailure(deps, code, request.id);
        const token = newSecret();
        reply.setCookie(SIGN_IN_COOKIE, token, cookieOptions(deps, request));
        return reply
          .code(401)
          .render('features/auth/views/sign-in.njk', { csrfToken: token, values: {}, oidc: oidc.providerName, errors: [{ text: message, href: '#oidc', field: 'oidc' }] });
      };
      const parsed = callbackQuery.safeParse(request.query);
      const [state, nonce, codeVerifier] = held.split('.');
      const failed = `Vigil could not sign you in with ${oidc.providerName}. Try again, or sign in with your Vigil username and password.`;
      if (!parsed.success) return refuse('callback-malformed', failed);
      if (parsed.data.error) return refuse(`provider-${parsed.data.error.slice(0, 40)}`, `${oidc.providerName} did not sign you in. Try again, or sign in with your Vigil username and password.`);
      if (!state || !nonce || !codeVerifier || !parsed.data.state || !sameSecret(parsed.data.state, state) || !parsed.data.code) return refuse('state-mismatch', failed);
      try {
        const claims = await completeAuthorisation(oidc, { code: parsed.data.code, codeVerifier, nonce, now: deps.clock.now() });
        const session = await signInWithOidc(deps, claims, request.id);
        reply.clearCookie(SIGN_IN_COOKIE, { path: '/' });
        reply.setCookie(SESSION_COOKIE, session.sessionSecret, cookieOptions(deps, request));
        return reply.redirect('/', 303);
      } catch (error) {
        if (error instanceof OidcError) return refuse(error.code, failed);
        if (error instanceof AppError && error.status === 401) {
          const token = newSecret();
          reply.setCookie(SIGN_IN_COOKIE, token, cookieOptions(deps, request));
          return reply.code(401).render('features/auth/views/sign-in.njk', { csrfToken: token, values: {}, oidc: oidc.providerName, errors: [{ text: OIDC_NO_ACCOUNT, href: '#oidc', field: 'oidc' }] });
        }
        throw error;
      }
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
        return reply.code(422).render('features/auth/views/sign-in.njk', { csrfToken, values, errors, oidc: deps.config.oidc?.providerName });
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
          .render('features/auth/views/sign-in.njk', { csrfToken, values, oidc: deps.config.oidc?.providerName, errors: [{ text: error.message, href: '#username', field: 'username' }] });
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
    url: '/account',
    access: 'signed-in',
    summary: 'Your account and sessions',
    handler: async (request, reply) => {
      const summary = await accountSummary(deps, actorOf(request));
      return reply.render('features/auth/views/account.njk', { summary });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/account/sign-out-everywhere',
    access: 'signed-in',
    summary: 'Sign out everywhere: end all your sessions',
    handler: async (request, reply) => {
      await signOutEverywhere(deps, actorOf(request), request.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/signed-out?everywhere=yes', 303);
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/signed-out',
    access: 'public',
    summary: 'Signed-out confirmation',
    handler: async (request, reply) =>
      reply.render('features/auth/views/signed-out.njk', { everywhere: (request.query as Record<string, unknown>).everywhere === 'yes' }),
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
