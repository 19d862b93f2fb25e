import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { pageErrors } from '../../platform/http/forms.ts';
import { actorOf, apiRoute, ctxOf, fieldErrors, pageRoute, parse } from '../../platform/http/routes.ts';
import * as service from './merge.ts';

const MERGE = { anyOf: ['people:merge'] } as const;
const READ = { anyOf: ['people:read'] } as const;
const pairParams = z.object({ id: z.uuid('Not a valid person reference'), otherId: z.uuid('Not a valid person reference') });
const idParams = z.object({ id: z.uuid('Not a valid person reference') });
const mergeParams = z.object({ mergeId: z.uuid('Not a valid merge reference') });

const sideOut = z.object({ id: z.string(), name: z.string(), dateOfBirth: z.string().nullable(), version: z.number() });

/** Duplicate people: the likely pairs, comparing and merging with a reason, and undoing a merge. */
export function personMergeRoutes(app: FastifyInstance, deps: Deps): void {
  pageRoute(app, {
    method: 'GET',
    url: '/people/duplicates',
    access: MERGE,
    summary: 'People who may be the same person',
    handler: async (request, reply) => reply.render('features/people/views/duplicates.njk', { pairs: await service.likelyDuplicates(deps, ctxOf(request)) }),
  });

  const renderCompare = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, unknown> = {}, errors?: unknown[], status = 200) => {
    const { id, otherId } = parse(pairParams, request.params);
    const pair = await service.compareForMerge(deps, ctxOf(request), id, otherId);
    return reply.code(status).render('features/people/views/merge.njk', { ...pair, values, errors });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/people/:id/merge/:otherId',
    access: MERGE,
    summary: 'Compare two people before merging them',
    handler: (request, reply) => renderCompare(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/people/:id/merge/:otherId',
    access: MERGE,
    summary: 'Merge two people, with a reason',
    handler: async (request, reply) => {
      const { id, otherId } = parse(pairParams, request.params);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const keep = body.keep === otherId ? otherId : body.keep === id ? id : undefined;
      const versions = { [id]: body.firstVersion, [otherId]: body.secondVersion };
      try {
        if (!keep) throw new ValidationError([{ field: 'keep', message: 'Choose which record to keep' }]);
        const merged = keep === id ? otherId : id;
        const input = service.mergeInput.safeParse({ mergedPersonId: merged, reason: body.reason, keptVersion: versions[keep], mergedVersion: versions[merged] });
        if (!input.success) throw new ValidationError(fieldErrors(input.error));
        await service.mergePeople(deps, ctxOf(request), keep, input.data);
        return reply.redirect(`/people/${keep}/merges?done=merged`, 303);
      } catch (error) {
        if (error instanceof ValidationError) return renderCompare(request, reply, body, pageErrors(error.errors), 422);
        if (error instanceof ConflictError) return renderCompare(request, reply, body, [{ text: error.message, href: '#keep' }], 409);
        throw error;
      }
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/people/:id/merges',
    access: READ,
    summary: 'Merges of a person, and undoing one',
    handler: async (request, reply) => {
      const { id } = parse(idParams, request.params);
      const view = await service.mergeHistory(deps, ctxOf(request), id);
      const done = (request.query as Record<string, unknown>).done;
      return reply.render('features/people/views/merges.njk', { ...view, done: done === 'merged' || done === 'split' ? done : null, canMerge: actorOf(request).permissions.has('people:merge') });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/people/merges/:mergeId/split',
    access: MERGE,
    summary: 'Undo a merge, with a reason',
    handler: async (request, reply) => {
      const { mergeId } = parse(mergeParams, request.params);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const personId = String(body.personId ?? '');
      const input = service.splitInput.safeParse(body);
      try {
        if (!input.success) throw new ValidationError(fieldErrors(input.error));
        const result = await service.splitMerge(deps, ctxOf(request), mergeId, input.data);
        return reply.redirect(`/people/${result.personId}/merges?done=split`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError || error instanceof ConflictError) || !z.uuid().safeParse(personId).success) throw error;
        const view = await service.mergeHistory(deps, ctxOf(request), personId);
        const errors = error instanceof ValidationError ? pageErrors(error.errors.map((e) => ({ ...e, field: `reason-${mergeId}` }))) : [{ text: error.message, href: `#reason-${mergeId}` }];
        return reply.code(error.status).render('features/people/views/merges.njk', { ...view, errors, failedMerge: mergeId, values: body, canMerge: true });
      }
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/people/duplicates',
    access: MERGE,
    summary: 'People who may be the same person (sharing a phone, email, account or vehicle, or a date of birth and a name that sounds the same). Restricted records appear only to users named on them.',
    tags: ['People'],
    response: z.array(z.object({ a: sideOut, b: sideOut, shared: z.array(z.string()) })),
    handler: async ({ request }) => service.likelyDuplicates(deps, ctxOf(request)),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/people/:id/merge',
    access: MERGE,
    summary: 'Merge another person into this one, with a reason. Every link moves to this record; the other record points here. Send both versions as read to refuse a merge of records changed meanwhile.',
    tags: ['People'],
    params: idParams,
    body: service.mergeInput,
    response: z.object({ mergeId: z.string(), moved: z.number() }),
    successStatus: 201,
    handler: async ({ request, params, body }) => service.mergePeople(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/people/merges/:mergeId/split',
    access: MERGE,
    summary: 'Undo a merge, with a reason: everything it moved goes back to the merged record.',
    tags: ['People'],
    params: mergeParams,
    body: service.splitInput,
    response: z.object({ personId: z.string(), restored: z.number() }),
    handler: async ({ request, params, body }) => service.splitMerge(deps, ctxOf(request), params.mergeId, body),
  });
}
