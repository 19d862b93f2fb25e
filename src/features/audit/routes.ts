import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { apiRoute, ctxOf, pageRoute, parse } from '../../platform/http/routes.ts';
import { AUDITABLE_RECORD_TYPES, recentActivity, whoAccessed } from './service.ts';

const AUDIT = { anyOf: ['audit:view'] } as const;
const recordParams = z.object({ type: z.enum(AUDITABLE_RECORD_TYPES, 'Unknown record type'), id: z.uuid('Not a valid record reference') });
const filterQuery = z.object({
  action: z.string().max(40).optional(),
  actor: z.string().max(100).optional(),
});
const auditRow = z.object({
  id: z.string(),
  at: z.date().transform((d) => d.toISOString()),
  actorUsername: z.string().nullable(),
  action: z.string(),
  recordType: z.string().nullable(),
  recordId: z.string().nullable(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
});

export function auditRoutes(app: FastifyInstance, deps: Deps): void {
  pageRoute(app, {
    method: 'GET',
    url: '/audit',
    access: AUDIT,
    summary: 'Recent audit log',
    handler: async (request, reply) => {
      const parsed = filterQuery.safeParse(request.query);
      const filter = parsed.success ? parsed.data : {};
      const rows = await recentActivity(deps, ctxOf(request), filter);
      return reply.render('features/audit/views/log.njk', { rows, filter });
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/audit/:type/:id',
    access: AUDIT,
    summary: 'Who has accessed this record',
    handler: async (request, reply) => {
      const record = parse(recordParams, request.params);
      const rows = await whoAccessed(deps, ctxOf(request), record.type, record.id);
      return reply.render('features/audit/views/record.njk', { rows, record });
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/audit/:type/:id',
    access: AUDIT,
    summary: 'Who has accessed this record',
    tags: ['Audit'],
    params: recordParams,
    response: z.object({ entries: z.array(auditRow) }),
    handler: async ({ request, params }) => ({ entries: await whoAccessed(deps, ctxOf(request), params.type, params.id) }),
  });
}
