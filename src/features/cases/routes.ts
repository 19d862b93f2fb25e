import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { offences } from '../../domain/classification/index.ts';
import { ConflictError, ReasonRequiredError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { pageErrors } from '../../platform/http/forms.ts';
import { actorOf, apiRoute, ctxOf, fieldErrors, pageRoute, parse } from '../../platform/http/routes.ts';
import { ACCESS_REASON_HEADER } from '../people/routes.ts';
import * as service from './service.ts';

const READ = { anyOf: ['cases:read'] } as const;
const WRITE = { anyOf: ['cases:write'] } as const;
const CONFIRM = { anyOf: ['classification:confirm'] } as const;
const REGISTRAR = { anyOf: ['registrar:audit'] } as const;
const idParams = z.object({ id: z.uuid('Not a valid case reference') });
const decisionParams = z.object({ id: z.uuid('Not a valid case reference'), classificationId: z.uuid('Not a valid classification reference') });

const classificationOut = z.object({
  offence: z.string().nullable(),
  title: z.string(),
  homeOfficeCode: z.string().nullable(),
  alsoRecord: z.array(z.object({ code: z.string(), title: z.string() })),
  confirmed: z.boolean(),
  reasons: z.array(z.object({ code: z.string(), text: z.string() })),
  rationale: z.string().nullable(),
});

export function caseRoutes(app: FastifyInstance, deps: Deps): void {
  const renderCase = async (request: FastifyRequest, view: service.CaseView, extra: Record<string, unknown> = {}) => ({
    view,
    offences,
    canPropose: actorOf(request).permissions.has('cases:write'),
    canConfirm: actorOf(request).permissions.has('classification:confirm'),
    ...extra,
  });

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id',
    access: READ,
    summary: 'A course of conduct: classification with reasons, flags, reports and open tasks',
    handler: async (request, reply) => {
      const { id } = parse(idParams, request.params);
      try {
        const view = await service.viewCase(deps, ctxOf(request), id);
        return reply.render('features/cases/views/case.njk', await renderCase(request, view, { values: {} }));
      } catch (error) {
        if (error instanceof ReasonRequiredError) return reply.code(403).render('features/cases/views/reason.njk', { id });
        throw error;
      }
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/open',
    access: READ,
    summary: 'Open a restricted case with a reason',
    handler: async (request, reply) => {
      const { id } = parse(idParams, request.params);
      const reason = String((request.body as Record<string, unknown>).reason ?? '');
      try {
        const view = await service.viewCase(deps, ctxOf(request), id, reason);
        return reply.render('features/cases/views/case.njk', await renderCase(request, view, { values: {} }));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return reply.code(422).render('features/cases/views/reason.njk', { id, values: { reason }, errors: pageErrors(error.errors) });
      }
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/classification',
    access: WRITE,
    summary: 'Propose a new classification',
    handler: async (request, reply) => {
      const { id } = parse(idParams, request.params);
      const parsed = service.proposalInput.safeParse(request.body);
      if (!parsed.success) {
        const view = await service.viewCase(deps, ctxOf(request), id);
        return reply.code(422).render('features/cases/views/case.njk', await renderCase(request, view, { values: request.body, errors: pageErrors(fieldErrors(parsed.error)) }));
      }
      await service.proposeClassification(deps, ctxOf(request), id, parsed.data);
      return reply.redirect(`/cases/${id}#classification-history`, 303);
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/classification/:classificationId',
    access: CONFIRM,
    summary: 'Confirm or reject a proposed classification',
    handler: async (request, reply) => {
      const { id, classificationId } = parse(decisionParams, request.params);
      try {
        await service.decideProposal(deps, ctxOf(request), id, classificationId, parse(service.decisionInput, request.body));
      } catch (error) {
        if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
        const view = await service.viewCase(deps, ctxOf(request), id);
        const errors = error instanceof ValidationError ? pageErrors(error.errors) : [{ text: error.message, href: '#classification-history' }];
        return reply.code(error.status).render('features/cases/views/case.njk', await renderCase(request, view, { values: {}, errors }));
      }
      return reply.redirect(`/cases/${id}#classification-history`, 303);
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/registrar',
    access: REGISTRAR,
    summary: 'Crime registrar audit queue',
    handler: async (request, reply) => reply.render('features/cases/views/registrar.njk', { findings: await service.registrarQueue(deps, ctxOf(request)) }),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/registrar/:id',
    access: REGISTRAR,
    summary: 'Accept or dismiss a registrar finding',
    handler: async (request, reply) => {
      const { id } = parse(z.object({ id: z.uuid('Not a valid finding reference') }), request.params);
      const parsed = service.findingDecisionInput.safeParse(request.body);
      if (!parsed.success) {
        const findings = await service.registrarQueue(deps, ctxOf(request));
        const errors = pageErrors(fieldErrors(parsed.error)).map((e) => ({ ...e, href: `#finding-${id}` }));
        return reply.code(422).render('features/cases/views/registrar.njk', { findings, errors, failedId: id });
      }
      await service.decideFinding(deps, ctxOf(request), id, parsed.data);
      return reply.redirect('/registrar', 303);
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/cases/:id',
    access: READ,
    summary: `Read a case: its current classification with reasons, flags and open tasks. Restricted cases need a reason in the ${ACCESS_REASON_HEADER} header.`,
    tags: ['Cases'],
    params: idParams,
    response: z.object({
      id: z.string(),
      reference: z.string(),
      status: z.string(),
      classification: classificationOut,
      flags: z.object({ domesticAbuse: z.boolean(), cyberEnabled: z.boolean() }),
      prompts: z.array(z.object({ code: z.string(), text: z.string() })),
      reports: z.array(z.object({ id: z.string(), reference: z.string(), crimeDecision: z.string().nullable() })),
      parties: z.array(z.object({ personId: z.string(), role: z.enum(['victim', 'suspect']), name: z.string().nullable().describe('Null for a restricted person') })),
      openTasks: z.array(z.object({ id: z.string(), type: z.string(), title: z.string(), ownerTeam: z.string().nullable(), dueAt: z.date().transform((d) => d.toISOString()), overdue: z.boolean() })),
      version: z.number(),
    }),
    handler: async ({ request, params }) => {
      const header = request.headers[ACCESS_REASON_HEADER];
      const view = await service.viewCase(deps, ctxOf(request), params.id, typeof header === 'string' ? header : undefined);
      return {
        id: view.record.id,
        reference: view.record.reference,
        status: view.record.status,
        classification: view.classification,
        flags: { domesticAbuse: view.record.domesticAbuse, cyberEnabled: view.record.cyberEnabled },
        prompts: view.prompts,
        reports: view.reports.map((r) => ({ id: r.id, reference: r.reference, crimeDecision: r.crimeDecision })),
        parties: view.parties.map((p) => ({ personId: p.personId, role: p.role, name: p.restricted ? null : p.name })),
        openTasks: view.openTasks,
        version: view.record.version,
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/classifications',
    access: WRITE,
    summary: 'Propose a new classification for a case (a detective sergeant or the CMU confirms it)',
    tags: ['Cases'],
    params: idParams,
    body: service.proposalInput,
    response: z.object({ classificationId: z.string() }),
    successStatus: 201,
    handler: async ({ request, params, body }) => ({ classificationId: await service.proposeClassification(deps, ctxOf(request), params.id, body) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/classifications/:classificationId/decision',
    access: CONFIRM,
    summary: 'Confirm or reject a proposed classification',
    tags: ['Cases'],
    params: decisionParams,
    body: service.decisionInput,
    response: z.object({ decided: z.literal(true) }),
    handler: async ({ request, params, body }) => {
      await service.decideProposal(deps, ctxOf(request), params.id, params.classificationId, body);
      return { decided: true as const };
    },
  });
}
