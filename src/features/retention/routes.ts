import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError, type FieldError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { apiRoute, ctxOf, fieldErrors, pageRoute, parse } from '../../platform/http/routes.ts';
import { pageErrors } from '../../platform/http/forms.ts';
import * as service from './service.ts';

const REVIEW = { anyOf: ['retention:review'] } as const;
const idParams = z.object({ id: z.uuid('Not a valid case reference') });

function one(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** The GOV.UK date input (nextReview-day, -month, -year) as YYYY-MM-DD, or what was typed when it is not a date. */
function nextReviewFrom(body: Record<string, unknown>): { value: string | undefined; parts: { day: string; month: string; year: string } } {
  const parts = { day: one(body, 'nextReview-day').trim(), month: one(body, 'nextReview-month').trim(), year: one(body, 'nextReview-year').trim() };
  if (!parts.day && !parts.month && !parts.year) return { value: undefined, parts };
  const value = /^\d{1,2}$/.test(parts.day) && /^\d{1,2}$/.test(parts.month) && /^\d{4}$/.test(parts.year)
    ? `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`
    : 'not-a-date';
  return { value, parts };
}

/** The date input's first box carries the error link. */
function formErrors(errors: FieldError[]) {
  return pageErrors(errors).map((e) => (e.field === 'nextReviewOn' ? { ...e, href: '#nextReview-day' } : e));
}

const decisionResponse = z.object({
  decision: z.enum(['retain', 'delete']),
  reviewId: z.string(),
  nextReviewOn: z.string().nullable(),
  scrubbed: z.record(z.string(), z.number()),
});

export function retentionRoutes(app: FastifyInstance, deps: Deps): void {
  const idOf = (request: FastifyRequest) => parse(idParams, request.params).id;

  pageRoute(app, {
    method: 'GET',
    url: '/retention',
    access: REVIEW,
    summary: 'Retention review queue (MoPI)',
    handler: async (request, reply) => {
      const show = (request.query as Record<string, unknown>).show === 'all' ? 'all' : 'due';
      const queue = await service.retentionQueue(deps, ctxOf(request), show);
      return reply.render('features/retention/views/queue.njk', { queue, policy: service.retentionPolicy });
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/retention/cases/:id',
    access: REVIEW,
    summary: 'Review a case for retention',
    handler: async (request, reply) => {
      const view = await service.caseRetention(deps, ctxOf(request), idOf(request));
      const saved = (request.query as Record<string, unknown>).saved;
      return reply.render('features/retention/views/review.njk', { view, values: {}, saved: saved === 'retain' || saved === 'delete' ? saved : undefined });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/retention/cases/:id',
    access: REVIEW,
    summary: 'Record a retention decision: keep, or delete the personal data',
    handler: async (request, reply) => {
      const id = idOf(request);
      const ctx = ctxOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const nextReview = nextReviewFrom(body);
      const values = { decision: one(body, 'decision'), reason: one(body, 'reason'), confirm: one(body, 'confirm'), nextReview: nextReview.parts };
      const parsed = service.decisionInput.safeParse({ decision: body.decision, reason: body.reason, nextReviewOn: nextReview.value, confirm: body.confirm });
      const again = async (errors: FieldError[]) => {
        const view = await service.caseRetention(deps, ctx, id);
        return reply.code(422).render('features/retention/views/review.njk', { view, values, errors: formErrors(errors) });
      };
      if (!parsed.success) return again(fieldErrors(parsed.error));
      try {
        const result = await service.decideRetention(deps, ctx, id, parsed.data);
        return reply.redirect(`/retention/cases/${id}?saved=${result.decision}`, 303);
      } catch (error) {
        if (error instanceof ValidationError) return again(error.errors);
        throw error;
      }
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/retention/queue',
    access: REVIEW,
    summary: 'Cases due or soon due for a MoPI retention review',
    tags: ['Retention'],
    query: z.object({ show: z.enum(['due', 'all']).default('due') }),
    response: z.object({
      today: z.string(),
      items: z.array(
        z.object({
          id: z.string(),
          reference: z.string(),
          offence: z.string(),
          status: z.string(),
          group: z.number(),
          reviewOn: z.string().nullable(),
          reasons: z.array(z.string()),
        }),
      ),
    }),
    handler: async ({ request, query }) => {
      const queue = await service.retentionQueue(deps, ctxOf(request), query.show);
      return {
        today: queue.today,
        items: queue.items.map((i) => ({ id: i.id, reference: i.reference, offence: i.offence, status: i.status, group: i.assessment.group, reviewOn: i.assessment.reviewOn, reasons: i.assessment.reasons })),
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/retention-decisions',
    access: REVIEW,
    summary: 'Record a MoPI retention decision on a case (keep with a next review date, or delete its personal data)',
    tags: ['Retention'],
    params: idParams,
    body: service.decisionInput,
    response: decisionResponse,
    successStatus: 201,
    handler: async ({ request, params, body }) => service.decideRetention(deps, ctxOf(request), params.id, body),
  });
}
