import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { apiRoute, ctxOf, pageRoute, parse } from '../../platform/http/routes.ts';
import * as service from './service.ts';

const TASKS = { anyOf: ['tasks:read'] } as const;
const idParams = z.object({ id: z.uuid('Not a valid task reference') });

export const taskResponse = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  caseId: z.string().nullable(),
  caseReference: z.string().nullable(),
  reportId: z.string().nullable(),
  reportReference: z.string().nullable(),
  ownerTeam: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueAt: z.date().transform((d) => d.toISOString()),
  status: z.string(),
  overdue: z.boolean(),
  version: z.number(),
});

export function taskRoutes(app: FastifyInstance, deps: Deps): void {
  pageRoute(app, {
    method: 'GET',
    url: '/tasks',
    access: TASKS,
    summary: 'My tasks',
    handler: async (request, reply) =>
      reply.render('features/tasks/views/tasks.njk', { tasks: await service.myTasks(deps, ctxOf(request)), scope: 'mine' }),
  });

  pageRoute(app, {
    method: 'GET',
    url: '/tasks/team',
    access: TASKS,
    summary: "My team's tasks",
    handler: async (request, reply) =>
      reply.render('features/tasks/views/tasks.njk', { tasks: await service.teamTasks(deps, ctxOf(request)), scope: 'team' }),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/tasks/:id/complete',
    access: TASKS,
    summary: 'Complete a task',
    handler: async (request, reply) => {
      const { id } = parse(idParams, request.params);
      await service.completeTask(deps, ctxOf(request), id, parse(service.completeTaskInput, request.body));
      const back = (request.body as Record<string, unknown>).returnTo === 'team' ? '/tasks/team' : '/tasks';
      return reply.redirect(back, 303);
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/tasks',
    access: TASKS,
    summary: 'Open tasks for me (scope=mine) or my teams (scope=team), overdue first',
    tags: ['Tasks'],
    query: z.object({ scope: z.enum(['mine', 'team']).default('mine') }),
    response: z.object({ tasks: z.array(taskResponse) }),
    handler: async ({ request, query }) => ({
      tasks: query.scope === 'team' ? await service.teamTasks(deps, ctxOf(request)) : await service.myTasks(deps, ctxOf(request)),
    }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/tasks/:id/complete',
    access: TASKS,
    summary: 'Complete a task (send the version you read)',
    tags: ['Tasks'],
    params: idParams,
    body: service.completeTaskInput,
    response: z.object({ completed: z.literal(true) }),
    handler: async ({ request, params, body }) => {
      await service.completeTask(deps, ctxOf(request), params.id, body);
      return { completed: true as const };
    },
  });
}
