import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, ConflictError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { apiRoute, ctxOf, fieldErrors, pageRoute, parse } from '../../platform/http/routes.ts';
import { pageErrors } from '../../platform/http/forms.ts';
import * as service from './service.ts';

const ADMIN = { anyOf: ['admin:users'] } as const;
const idParams = z.object({ id: z.uuid('Not a valid user reference') });

const userResponse = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
  isService: z.boolean(),
  roles: z.array(z.string()),
  teams: z.array(z.string()),
  version: z.number(),
});

function idOf(request: FastifyRequest): string {
  return parse(idParams, request.params).id;
}

export function adminRoutes(app: FastifyInstance, deps: Deps): void {
  const renderForm = (reply: FastifyReply, template: string, context: Record<string, unknown>) =>
    reply.render(`features/admin/views/${template}`, { roleOptions: service.ROLE_OPTIONS, teamOptions: service.TEAM_OPTIONS, ...context });

  pageRoute(app, {
    method: 'GET',
    url: '/admin/users',
    access: ADMIN,
    summary: 'List users',
    handler: async (request, reply) => {
      const users = await service.listUsers(deps, ctxOf(request));
      return reply.render('features/admin/views/users.njk', { users });
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/admin/users/new',
    access: ADMIN,
    summary: 'New user form',
    handler: async (_request, reply) => renderForm(reply, 'user-new.njk', { values: { roles: [], teams: [] } }),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/admin/users',
    access: ADMIN,
    summary: 'Create a user',
    handler: async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const parsed = service.createUserInput.safeParse(body);
      const values = { ...body, roles: [body.roles ?? []].flat(), teams: [body.teams ?? []].flat(), password: undefined };
      if (!parsed.success) return renderForm(reply.code(422), 'user-new.njk', { values, errors: pageErrors(fieldErrors(parsed.error)) });
      try {
        const created = await service.createUser(deps, ctxOf(request), parsed.data);
        return reply.render('features/admin/views/user-created.njk', { user: created.user, generatedPassword: created.generatedPassword });
      } catch (error) {
        if (error instanceof ValidationError) return renderForm(reply.code(422), 'user-new.njk', { values, errors: pageErrors(error.errors) });
        throw error;
      }
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/admin/users/:id',
    access: ADMIN,
    summary: 'Edit a user',
    handler: async (request, reply) => {
      const user = await service.getUser(deps, ctxOf(request), idOf(request));
      const saved = (request.query as Record<string, string>).saved;
      return renderForm(reply, 'user-edit.njk', { user, values: user, saved });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/admin/users/:id',
    access: ADMIN,
    summary: 'Save changes to a user',
    handler: async (request, reply) => {
      const id = idOf(request);
      const ctx = ctxOf(request);
      const body = request.body as Record<string, unknown>;
      const values = { ...body, roles: [body.roles ?? []].flat(), teams: [body.teams ?? []].flat() };
      const parsed = service.updateUserInput.safeParse(body);
      if (!parsed.success) {
        const user = await service.getUser(deps, ctx, id);
        return renderForm(reply.code(422), 'user-edit.njk', { user, values, errors: pageErrors(fieldErrors(parsed.error)) });
      }
      try {
        await service.updateUser(deps, ctx, id, parsed.data);
        return reply.redirect(`/admin/users/${id}?saved=details`, 303);
      } catch (error) {
        if (error instanceof ConflictError) {
          const user = await service.getUser(deps, ctx, id);
          return renderForm(reply.code(409), 'user-edit.njk', {
            user,
            values: { ...values, version: user.version },
            conflict: error.changes,
            errors: [{ text: error.message, href: '#displayName' }],
          });
        }
        if (error instanceof ValidationError) {
          const user = await service.getUser(deps, ctx, id);
          return renderForm(reply.code(422), 'user-edit.njk', { user, values, errors: pageErrors(error.errors) });
        }
        throw error;
      }
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/admin/users/:id/reset-password',
    access: ADMIN,
    summary: "Reset a user's password",
    handler: async (request, reply) => {
      const id = idOf(request);
      const password = await service.resetPassword(deps, ctxOf(request), id);
      const user = await service.getUser(deps, ctxOf(request), id);
      return reply.render('features/admin/views/password-reset.njk', { user, password });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/admin/users/:id/deactivate',
    access: ADMIN,
    summary: 'Deactivate a user',
    handler: async (request, reply) => {
      const id = idOf(request);
      try {
        await service.deactivateUser(deps, ctxOf(request), id);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const user = await service.getUser(deps, ctxOf(request), id);
        return renderForm(reply.code(422), 'user-edit.njk', { user, values: user, errors: pageErrors(error.errors) });
      }
      return reply.redirect(`/admin/users/${id}?saved=deactivated`, 303);
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/admin/users/:id/sign-out-everywhere',
    access: ADMIN,
    summary: 'Sign a user out everywhere',
    handler: async (request, reply) => {
      const id = idOf(request);
      const ctx = ctxOf(request);
      await service.endUserSessions(deps, ctx, id);
      // Signing yourself out everywhere ends this session too.
      if (id === ctx.actor.id) return reply.redirect('/signed-out?everywhere=yes', 303);
      return reply.redirect(`/admin/users/${id}?saved=signed-out`, 303);
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/admin/users/:id/reactivate',
    access: ADMIN,
    summary: 'Reactivate a user',
    handler: async (request, reply) => {
      const id = idOf(request);
      await service.reactivateUser(deps, ctxOf(request), id);
      return reply.redirect(`/admin/users/${id}?saved=reactivated`, 303);
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/admin/users/:id/service-token',
    access: ADMIN,
    summary: 'Issue a service token',
    handler: async (request, reply) => {
      const id = idOf(request);
      const ctx = ctxOf(request);
      const parsed = service.serviceTokenInput.safeParse(request.body);
      const user = await service.getUser(deps, ctx, id);
      if (!parsed.success) return renderForm(reply.code(422), 'user-edit.njk', { user, values: user, errors: pageErrors(fieldErrors(parsed.error)) });
      try {
        const issued = await service.issueServiceToken(deps, ctx, id, parsed.data);
        return reply.render('features/admin/views/token-issued.njk', { user, token: issued.token, expiresAt: issued.expiresAt });
      } catch (error) {
        if (error instanceof AppError && error instanceof ValidationError) {
          return renderForm(reply.code(422), 'user-edit.njk', { user, values: user, errors: pageErrors(error.errors) });
        }
        throw error;
      }
    },
  });

  // JSON API
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/users',
    access: ADMIN,
    summary: 'List users',
    tags: ['Administration'],
    response: z.object({ users: z.array(userResponse) }),
    handler: async ({ request }) => ({ users: await service.listUsers(deps, ctxOf(request)) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/users',
    access: ADMIN,
    summary: 'Create a user or service account',
    tags: ['Administration'],
    body: service.createUserInput,
    response: z.object({ user: userResponse, generatedPassword: z.string().optional() }),
    successStatus: 201,
    handler: async ({ request, body }) => service.createUser(deps, ctxOf(request), body),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/users/:id',
    access: ADMIN,
    summary: 'Read a user',
    tags: ['Administration'],
    params: idParams,
    response: userResponse,
    handler: async ({ request, params }) => service.getUser(deps, ctxOf(request), params.id),
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/users/:id',
    access: ADMIN,
    summary: "Replace a user's name, email, roles and teams (send the version you read)",
    tags: ['Administration'],
    params: idParams,
    body: service.updateUserInput,
    response: userResponse,
    handler: async ({ request, params, body }) => service.updateUser(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/users/:id/deactivate',
    access: ADMIN,
    summary: 'Deactivate a user: signs them out and revokes their tokens',
    tags: ['Administration'],
    params: idParams,
    response: userResponse,
    handler: async ({ request, params }) => service.deactivateUser(deps, ctxOf(request), params.id),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/users/:id/sign-out-everywhere',
    access: ADMIN,
    summary: "End all of a user's sessions (tokens are not revoked; deactivate the account for that)",
    tags: ['Administration'],
    params: idParams,
    response: z.object({ sessionsEnded: z.number() }),
    handler: async ({ request, params }) => ({ sessionsEnded: await service.endUserSessions(deps, ctxOf(request), params.id) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/users/:id/reset-password',
    access: ADMIN,
    summary: 'Set a new one-time password',
    tags: ['Administration'],
    params: idParams,
    response: z.object({ password: z.string() }),
    handler: async ({ request, params }) => ({ password: await service.resetPassword(deps, ctxOf(request), params.id) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/users/:id/service-tokens',
    access: ADMIN,
    summary: 'Issue a bearer token for a service account',
    tags: ['Administration'],
    params: idParams,
    body: service.serviceTokenInput,
    response: z.object({ token: z.string(), tokenType: z.literal('Bearer'), expiresAt: z.date().transform((d) => d.toISOString()) }),
    successStatus: 201,
    handler: async ({ request, params, body }) => ({ ...(await service.issueServiceToken(deps, ctxOf(request), params.id, body)), tokenType: 'Bearer' as const }),
  });
}
