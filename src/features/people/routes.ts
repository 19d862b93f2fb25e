import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ReasonRequiredError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { pageErrors } from '../../platform/http/forms.ts';
import { actorOf, apiRoute, fieldErrors, pageRoute } from '../../platform/http/routes.ts';
import * as service from './service.ts';

const READ = { anyOf: ['people:read'] } as const;
const idParams = z.object({ id: z.uuid('Not a valid person reference') });
export const ACCESS_REASON_HEADER = 'vigil-access-reason';

const personResponse = z.object({
  id: z.string(),
  forenames: z.string(),
  surname: z.string(),
  dateOfBirth: z.string().nullable(),
  gender: z.string().nullable(),
  restricted: z.boolean(),
  version: z.number(),
});

function ctxOf(request: FastifyRequest) {
  return { actor: actorOf(request), requestId: request.id };
}

function idOf(request: FastifyRequest): string {
  const parsed = idParams.safeParse(request.params);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  return parsed.data.id;
}

export function peopleRoutes(app: FastifyInstance, deps: Deps): void {
  pageRoute(app, {
    method: 'GET',
    url: '/people',
    access: READ,
    summary: 'People',
    handler: async (request, reply) => reply.render('features/people/views/people.njk', { people: await service.listPeople(deps, ctxOf(request)) }),
  });

  pageRoute(app, {
    method: 'GET',
    url: '/people/:id',
    access: READ,
    summary: 'A person record',
    handler: async (request, reply) => {
      const id = idOf(request);
      try {
        const person = await service.viewPerson(deps, ctxOf(request), id);
        return reply.render('features/people/views/person.njk', { person });
      } catch (error) {
        if (error instanceof ReasonRequiredError) return reply.code(403).render('features/people/views/reason.njk', { id });
        throw error;
      }
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/people/:id/open',
    access: READ,
    summary: 'Open a restricted person record with a reason',
    handler: async (request, reply) => {
      const id = idOf(request);
      const reason = String((request.body as Record<string, unknown>).reason ?? '');
      try {
        const person = await service.viewPerson(deps, ctxOf(request), id, reason);
        return reply.render('features/people/views/person.njk', { person, openedWithReason: true });
      } catch (error) {
        if (error instanceof ValidationError) {
          return reply.code(422).render('features/people/views/reason.njk', { id, values: { reason }, errors: pageErrors(error.errors) });
        }
        throw error;
      }
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/people/:id',
    access: READ,
    summary: `Read a person. Restricted records need the caller to be named on them and a reason in the ${ACCESS_REASON_HEADER} header.`,
    tags: ['People'],
    params: idParams,
    response: personResponse,
    handler: async ({ request, params }) => {
      const header = request.headers[ACCESS_REASON_HEADER];
      const reason = typeof header === 'string' ? header : undefined;
      return service.viewPerson(deps, ctxOf(request), params.id, reason);
    },
  });
}
