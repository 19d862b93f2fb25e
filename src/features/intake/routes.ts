import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  behaviours,
  callerCapacities,
  channels,
  effects,
  indicators,
  offences,
  orderTypes,
  relationships,
} from '../../domain/classification/index.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { pageErrors, unflatten } from '../../platform/http/forms.ts';
import { actorOf, apiRoute, ctxOf, fieldErrors, pageRoute, parse } from '../../platform/http/routes.ts';
import { callerPage, conductPage, effectsPage, MAX_OTHER_PEOPLE, peoplePage, responsePage, responses, thriveLevels } from './answers.ts';
import * as service from './service.ts';

const CREATE = { anyOf: ['reports:create'] } as const;
const READ = { anyOf: ['reports:read'] } as const;
const DECIDE = { anyOf: ['crime:decide'] } as const;
const idParams = z.object({ id: z.uuid('Not a valid report reference') });

/** The question flow, in order. Each page validates its own answers. */
const PAGES = [
  { name: 'caller', title: 'Who is calling', schema: callerPage, keys: ['callerCapacity', 'callerName', 'relationship'] },
  { name: 'people', title: 'The victim and the suspect', schema: peoplePage, keys: ['victim', 'otherVictims', 'suspectKnown', 'suspect', 'otherSuspects'] },
  { name: 'conduct', title: 'What happened', schema: conductPage, keys: ['account', 'occasions'] },
  { name: 'effects', title: 'The effect on the victim', schema: effectsPage, keys: ['effects', 'indicators'] },
  { name: 'response', title: 'Response and advice', schema: responsePage, keys: ['thrive', 'response', 'responseRationale', 'evidenceAdvice'] },
] as const;
type Page = (typeof PAGES)[number];

const OPTIONS = {
  callerCapacities,
  relationships,
  channels,
  behaviours,
  effects,
  indicators,
  orderTypes,
  responses,
  thriveLevels,
  offences,
};

function idOf(request: FastifyRequest): string {
  return parse(idParams, request.params).id;
}

function pageAfter(page: Page): string {
  const index = PAGES.findIndex((p) => p.name === page.name);
  return PAGES[index + 1]?.name ?? 'check';
}

/** Only this page's answers, from a posted form; always at least one occasion row on the conduct page. */
function pageValues(page: Page, body: Record<string, unknown>): Record<string, unknown> {
  const nested = unflatten(body);
  const values: Record<string, unknown> = {};
  for (const key of page.keys) if (key in nested) values[key] = nested[key];
  if (page.name === 'effects') {
    values.effects ??= [];
    values.indicators ??= [];
  }
  if (page.name === 'conduct') {
    const rows = Array.isArray(values.occasions) ? values.occasions.filter((o) => o && typeof o === 'object') : [];
    for (const row of rows as Array<Record<string, unknown>>) {
      row.channels ??= [];
      row.behaviours ??= [];
    }
    values.occasions = rows;
  }
  if (page.name === 'people') {
    for (const key of ['otherVictims', 'otherSuspects']) {
      values[key] = Array.isArray(values[key]) ? (values[key] as unknown[]).filter((p) => p && typeof p === 'object') : [];
    }
  }
  return values;
}

const PERSON_SLOT = /^(victim|suspect|otherVictims\.\d+|otherSuspects\.\d+)$/;

/** The people page's buttons: add or remove a person, link a typed person to an existing record or undo that. */
function applyPeopleAction(values: Record<string, unknown>, action: string): void {
  const list = (key: string) => values[key] as Array<Record<string, unknown>>;
  if (action === 'add-victim' && list('otherVictims').length < MAX_OTHER_PEOPLE) list('otherVictims').push({});
  if (action === 'add-suspect' && list('otherSuspects').length < MAX_OTHER_PEOPLE) list('otherSuspects').push({});
  const remove = /^remove-(victim|suspect)-(\d+)$/.exec(action);
  if (remove) list(remove[1] === 'victim' ? 'otherVictims' : 'otherSuspects').splice(Number(remove[2]), 1);
  const link = /^(use|unlink):([^:]+)(?::([0-9a-f-]{36}))?$/.exec(action);
  if (!link || !PERSON_SLOT.test(link[2]!)) return;
  const [key, index] = link[2]!.split('.');
  const holder = index === undefined ? values : (values[key!] as Record<string, unknown>[] | undefined);
  const slot = index === undefined ? key! : Number(index);
  const person = ((holder as Record<string | number, unknown> | undefined)?.[slot] ?? {}) as Record<string, unknown>;
  if (link[1] === 'use' && link[3]) person.personId = link[3];
  else delete person.personId;
  if (holder) (holder as Record<string | number, unknown>)[slot] = person;
}

export function intakeRoutes(app: FastifyInstance, deps: Deps): void {
  const renderPage = async (
    reply: FastifyReply,
    page: Page,
    report: { id: string; reference: string },
    version: number,
    values: Record<string, unknown>,
    errors?: unknown[],
  ) =>
    reply.render(`features/intake/views/${page.name}.njk`, {
      matches: page.name === 'people' ? await service.matchPeople(deps, ctxOf(reply.request), service.readAnswers(values)) : undefined,
      maxOtherPeople: MAX_OTHER_PEOPLE,
      report,
      version,
      values,
      errors,
      options: OPTIONS,
      pages: PAGES,
      current: page.name,
      pageNumber: PAGES.findIndex((p) => p.name === page.name) + 1,
      pageCount: PAGES.length + 1,
      pageHeading: page.title,
    });

  pageRoute(app, {
    method: 'GET',
    url: '/reports',
    access: READ,
    summary: 'Reports: start a report, my drafts, reports awaiting a crime decision',
    handler: async (request, reply) => {
      const ctx = ctxOf(request);
      const canCreate = ctx.actor.permissions.has('reports:create');
      const canDecide = ctx.actor.permissions.has('crime:decide');
      return reply.render('features/intake/views/reports.njk', {
        canCreate,
        drafts: canCreate ? await service.myDrafts(deps, ctx) : [],
        awaiting: canDecide ? await service.awaitingCrimeDecision(deps, ctx) : [],
        now: deps.clock.now(),
      });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/reports/new',
    access: CREATE,
    summary: 'Start a new report',
    handler: async (request, reply) => reply.redirect(`/reports/${await service.startReport(deps, ctxOf(request))}/caller`, 303),
  });

  for (const page of PAGES) {
    pageRoute(app, {
      method: 'GET',
      url: `/reports/:id/${page.name}`,
      access: CREATE,
      summary: `Report question flow: ${page.title.toLowerCase()}`,
      handler: async (request, reply) => {
        const report = await service.openReport(deps, ctxOf(request), idOf(request));
        if (report.status !== 'draft') return reply.redirect(`/reports/${report.id}`);
        return renderPage(reply, page, report, report.version, report.answers);
      },
    });

    pageRoute(app, {
      method: 'POST',
      url: `/reports/:id/${page.name}`,
      access: CREATE,
      summary: `Save the report's ${page.title.toLowerCase()}`,
      handler: async (request, reply) => {
        const id = idOf(request);
        const ctx = ctxOf(request);
        const body = request.body as Record<string, unknown>;
        const version = Number(body.version);
        const action = String(body.action ?? 'continue');
        const values = pageValues(page, body);
        if (page.name === 'conduct') {
          const rows = values.occasions as unknown[];
          if (action === 'add-occasion') rows.push({ channels: [], behaviours: [] });
          const remove = /^remove-(\d+)$/.exec(action);
          if (remove) rows.splice(Number(remove[1]), 1);
        }
        if (page.name === 'people') applyPeopleAction(values, action);
        let saved: number;
        try {
          saved = await service.saveDraftPage(deps, ctx, id, version, values);
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          const report = await service.openReport(deps, ctx, id);
          return renderPage(reply.code(409), page, report, report.version, { ...report.answers }, [{ text: error.message, href: '#main-content' }]);
        }
        const report = { id, reference: String(body.reference ?? '') };
        if (action === 'save') return reply.redirect('/reports?saved=draft', 303);
        if (action !== 'continue') return renderPage(reply, page, report, saved, values);
        const parsed = page.schema.safeParse(values);
        if (!parsed.success) return renderPage(reply.code(422), page, report, saved, values, pageErrors(fieldErrors(parsed.error)));
        return reply.redirect(`/reports/${id}/${pageAfter(page)}`, 303);
      },
    });
  }

  pageRoute(app, {
    method: 'GET',
    url: '/reports/:id/check',
    access: CREATE,
    summary: 'Check the answers and the suggested classification',
    handler: async (request, reply) => {
      const preview = await service.previewReport(deps, ctxOf(request), idOf(request));
      if (preview.report.status !== 'draft') return reply.redirect(`/reports/${preview.report.id}`);
      return reply.render('features/intake/views/check.njk', { ...preview, options: OPTIONS, errors: pageErrors(preview.problems).map(linkToPage(preview.report.id)) });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/reports/:id/submit',
    access: CREATE,
    summary: 'Submit the report',
    handler: async (request, reply) => {
      const id = idOf(request);
      const ctx = ctxOf(request);
      const version = Number((request.body as Record<string, unknown>).version);
      try {
        const submitted = await service.submitReport(deps, ctx, id, version);
        return reply.redirect(`/reports/${submitted.reportId}?submitted=1`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
        const preview = await service.previewReport(deps, ctx, id);
        const errors = error instanceof ValidationError ? pageErrors(error.errors).map(linkToPage(id)) : [{ text: error.message, href: '#main-content' }];
        return reply.code(error.status).render('features/intake/views/check.njk', { ...preview, options: OPTIONS, errors });
      }
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/reports/:id',
    access: READ,
    summary: 'A submitted report',
    handler: async (request, reply) => {
      const report = await service.openReport(deps, ctxOf(request), idOf(request));
      if (report.status === 'draft') return reply.redirect(`/reports/${report.id}/check`);
      return reply.render('features/intake/views/report.njk', {
        report,
        answers: service.readAnswers(report.answers),
        options: OPTIONS,
        submitted: (request.query as Record<string, string>).submitted === '1',
        canDecide: actorOf(request).permissions.has('crime:decide'),
      });
    },
  });

  const renderDecision = (reply: FastifyReply, report: Awaited<ReturnType<typeof service.openReport>>, values: Record<string, unknown>, errors?: unknown[]) =>
    reply.render('features/intake/views/crime-decision.njk', { report, suggestion: report.suggestion, values, errors, options: OPTIONS });

  pageRoute(app, {
    method: 'GET',
    url: '/reports/:id/crime-decision',
    access: DECIDE,
    summary: 'Record the crime decision',
    handler: async (request, reply) => {
      const report = await service.openReport(deps, ctxOf(request), idOf(request));
      const suggestion = report.suggestion as { principal?: string; alsoRecord?: string[]; isCrime?: boolean } | null;
      return renderDecision(reply, report, {
        decision: suggestion?.isCrime === false ? 'non-crime' : 'crime',
        principal: suggestion?.principal ?? '',
        alsoRecord: suggestion?.alsoRecord ?? [],
        version: report.version,
      });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/reports/:id/crime-decision',
    access: DECIDE,
    summary: 'Save the crime decision',
    handler: async (request, reply) => {
      const id = idOf(request);
      const ctx = ctxOf(request);
      const body = request.body as Record<string, unknown>;
      const parsed = crimeDecisionInput.safeParse(body);
      try {
        if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
        const result = await service.decideCrime(deps, ctx, id, parsed.data);
        const report = await service.openReport(deps, ctx, id);
        return reply.render('features/intake/views/decision-saved.njk', { report, result });
      } catch (error) {
        if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
        const report = await service.openReport(deps, ctx, id);
        const errors = error instanceof ValidationError ? pageErrors(error.errors) : [{ text: error.message, href: '#decision' }];
        return renderDecision(reply.code(error.status), report, { ...body, alsoRecord: [body.alsoRecord ?? []].flat(), version: report.version }, errors);
      }
    },
  });

  // JSON API
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/reports',
    access: CREATE,
    summary: 'Record and submit a report: people, occasions, effect, response. Returns the case it joined or opened, the suggested classification and the tasks created.',
    tags: ['Reports'],
    body: z.record(z.string(), z.unknown()),
    response: z.object({
      reportId: z.string(),
      caseId: z.string(),
      joinedExistingCase: z.boolean(),
      suggestion: z.record(z.string(), z.unknown()),
      taskIds: z.array(z.string()),
    }),
    successStatus: 201,
    handler: async ({ request, body }) => {
      const result = await service.createSubmittedReport(deps, ctxOf(request), body);
      return { ...result, suggestion: result.suggestion as unknown as Record<string, unknown> };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/reports/:id',
    access: READ,
    summary: 'Read a report',
    tags: ['Reports'],
    params: idParams,
    response: z.object({
      id: z.string(),
      reference: z.string(),
      status: z.string(),
      reportedAt: z.date().transform((d) => d.toISOString()),
      submittedAt: z.date().nullable().transform((d) => d?.toISOString() ?? null),
      answers: z.record(z.string(), z.unknown()),
      suggestion: z.record(z.string(), z.unknown()).nullable(),
      recordingDueAt: z.date().nullable().transform((d) => d?.toISOString() ?? null),
      crimeDecision: z.string().nullable(),
      crimeDecisionRationale: z.string().nullable(),
      caseIds: z.array(z.string()),
      version: z.number(),
    }),
    handler: async ({ request, params }) => service.openReport(deps, ctxOf(request), params.id),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/reports/:id/crime-decision',
    access: DECIDE,
    summary: 'Record whether the report is a crime, its classification, and any correction to the derived flags',
    tags: ['Reports'],
    params: idParams,
    body: crimeDecisionInput,
    response: z.object({
      notices: z.array(z.object({ code: z.string(), text: z.string() })),
      findings: z.array(z.object({ code: z.string(), text: z.string() })),
    }),
    handler: async ({ request, params, body }) => service.decideCrime(deps, ctxOf(request), params.id, body),
  });
}

const yesNo = z.preprocess((v) => (v === 'yes' || v === true ? true : v === 'no' || v === false ? false : undefined), z.boolean().optional());

export const crimeDecisionInput = z.object({
  version: z.coerce.number().int().positive(),
  decision: z.enum(['crime', 'non-crime'], 'Choose whether this is a crime'),
  principal: z.string().trim().optional().transform((v) => v || undefined),
  alsoRecord: z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.string())),
  rationale: z.string().trim().max(4000, 'Rationale must be 4,000 characters or fewer').optional().transform((v) => v || undefined),
  domesticAbuse: yesNo,
  cyberEnabled: yesNo,
  flagCorrectionReason: z.string().trim().max(2000).optional().transform((v) => v || undefined),
});

/** An error on the check page links to the page where the answer is given. */
function linkToPage(reportId: string) {
  return (error: { text: string; href: string; field: string }) => {
    const top = error.field.split('.')[0] ?? '';
    const page = PAGES.find((p) => (p.keys as readonly string[]).includes(top));
    return { ...error, href: page ? `/reports/${reportId}/${page.name}#${error.field}` : error.href };
  };
}
