import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LINES_OF_ENQUIRY, OFFENCE_CODES, OFFENCES, OUTCOME_TYPES, PROSECUTION_FILE_CHECKLIST, TEAM_CODES, TEAMS, teamName } from '../../domain/investigation/index.ts';
import { ConflictError, ReasonRequiredError, ValidationError, type FieldError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { bodyOf, type FormBody, many, one, type PageError, pageErrors, unflatten } from '../../platform/http/forms.ts';
import { actorOf, apiRoute, ctxOf, pageRoute, parse } from '../../platform/http/routes.ts';
import { ACCESS_REASON_HEADER } from '../people/routes.ts';
import { toInstant } from '../victims/service.ts';
import * as service from './service.ts';

const READ = { anyOf: ['cases:read'] } as const;
const TRIAGE = { anyOf: ['allocation:triage'] } as const;
const MANAGE = { anyOf: ['investigation:manage'] } as const;
const FINALISE = { anyOf: ['outcome:finalise'] } as const;
const LOG = { anyOf: service.LOG_PERMISSIONS } as const;

const caseParams = z.object({ id: z.uuid('Not a valid case reference') });
const enquiryParams = z.object({ id: z.uuid('Not a valid case reference'), taskId: z.uuid('Not a valid task reference') });


/** A GOV.UK date input (`x-day`, `x-month`, `x-year`) as 'YYYY-MM-DD'; blank gives undefined. */
function formDate(body: FormBody, prefix: string): string | undefined {
  const day = one(body, `${prefix}-day`).trim();
  const month = one(body, `${prefix}-month`).trim();
  const year = one(body, `${prefix}-year`).trim();
  if (!day && !month && !year) return undefined;
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function dateParts(body: FormBody, prefix: string) {
  return { day: one(body, `${prefix}-day`), month: one(body, `${prefix}-month`), year: one(body, `${prefix}-year`), time: one(body, `${prefix}-time`) };
}

/** Date input plus a HH:MM time, read as London time, as an ISO instant (or the raw text, for the error message). */
function formInstant(body: FormBody, prefix: string): string | undefined {
  const date = formDate(body, prefix);
  const time = one(body, `${prefix}-time`).trim();
  if (!date && !time) return undefined;
  const hhmm = /^(\d{1,2})[:.](\d{2})$/.exec(time);
  const local = `${date ?? ''}T${hhmm ? `${hhmm[1]!.padStart(2, '0')}:${hhmm[2]}` : 'xx:xx'}`;
  return toInstant(local)?.toISOString() ?? local;
}

/** Links each error to its field: date fields to their first box, and fields whose id differs from their name through `ids`. */
function linked(errors: FieldError[], dateFields: readonly string[] = [], ids: Readonly<Record<string, string>> = {}): PageError[] {
  return pageErrors(errors).map((e) => {
    const id = ids[e.field] ?? e.field;
    return { ...e, href: dateFields.includes(e.field) ? `#${id}-day` : `#${id}` };
  });
}

const LABELS = {
  offences: Object.fromEntries(OFFENCE_CODES.map((o) => [o, OFFENCES[o].title])) as Record<string, string>,
  teams: Object.fromEntries(TEAM_CODES.map((t) => [t, teamName(t)])) as Record<string, string>,
  flags: {
    domesticAbuse: 'Domestic abuse',
    intimateOrExPartner: 'By an intimate or ex-intimate partner',
    adultAtRisk: 'Involves an adult at risk',
    honourBasedAbuse: 'Honour-based abuse concerns',
    coerciveControlPersonallyConnected: 'Coercive control between personally connected people',
    prolongedCourseOfConduct: 'A prolonged course of conduct',
    significantCumulativeImpact: 'Significant cumulative impact on the victim',
    escalating: 'The suspect is escalating',
  } as Record<string, string>,
  enquiryFlags: {
    digitalContact: 'Texts, calls, emails or messages (evidence on devices and accounts)',
    socialMedia: 'Social media',
    recordedCalls: 'Calls that were recorded',
    incidentsInPublicPlaces: 'Incidents in places that may have cameras',
    thirdPartiesHoldMaterial: 'Employers, banks, schools or others may hold records',
    suspectIdentified: 'The suspect is identified',
    suspectDescribed: 'A description, vehicle or sightings of the suspect are known',
    witnesses: 'There are witnesses',
    childProtectionConcern: 'A concern that the suspect poses a risk to children',
  } as Record<string, string>,
  logTypes: {
    note: 'Note',
    triage: 'Triage',
    allocation: 'Allocation',
    plan: 'Investigation plan',
    'supervisor-review': 'Supervisor review',
    'spoc-advice': 'Stalking champion (SPOC) advice',
    'scu-review': 'Stalking coordination unit review',
    s2b: 's2B search warrant',
    'suspect-action': 'Suspect action',
    finalisation: 'Finalisation',
    reopening: 'Reopening',
  } as Record<string, string>,
  s2bStates: {
    none: 'Nothing recorded yet',
    considered: 'Considered',
    applied: 'Applied for',
    granted: 'Granted',
    refused: 'Refused by the magistrate',
    executed: 'Executed',
    result: 'Result recorded',
    'not-used': 'Not used',
  } as Record<string, string>,
  grades: { standard: 'Standard', medium: 'Medium', high: 'High' } as Record<string, string>,
  vps: { taken: 'Taken', 'offered-declined': 'Offered and declined', 'not-offered': 'Not yet taken or offered' } as Record<string, string>,
};

const teamList = TEAM_CODES.filter((t) => t !== 'panel').map((code) => ({ code, name: TEAMS[code].name }));

export function investigationRoutes(app: FastifyInstance, deps: Deps): void {
  // ---------------------------------------------------------------------------
  // Pages

  const renderPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    template: 'investigation' | 'allocation' | 'finalisation' | 'prosecution-file',
    options: { status?: number; values?: Record<string, unknown>; errors?: PageError[]; form?: string; reason?: string } = {},
  ) => {
    const { id } = parse(caseParams, request.params);
    try {
      const view = await service.viewInvestigation(deps, ctxOf(request), id, options.reason, template);
      const actor = actorOf(request);
      const query = (request.query ?? {}) as Record<string, unknown>;
      return reply.code(options.status ?? 200).render(`features/investigation/views/${template}.njk`, {
        view,
        labels: LABELS,
        teams: teamList,
        outcomes: OUTCOME_TYPES,
        enquiries: LINES_OF_ENQUIRY,
        checklist: PROSECUTION_FILE_CHECKLIST,
        actions: service.actionPermissions(view.offence),
        flagNames: service.ALLOCATION_FLAGS,
        enquiryFlagNames: service.ENQUIRY_FLAGS,
        logTypes: service.USER_LOG_TYPES,
        values: options.values ?? {},
        errors: options.errors,
        form: options.form ?? null,
        done: typeof query.done === 'string' ? query.done : null,
        can: {
          triage: actor.permissions.has('allocation:triage'),
          manage: actor.permissions.has('investigation:manage'),
          finalise: actor.permissions.has('outcome:finalise'),
          log: service.LOG_PERMISSIONS.some((p) => actor.permissions.has(p)),
        },
        actorRoles: actor.roles,
      });
    } catch (error) {
      if (error instanceof ReasonRequiredError) return reply.code(403).render('features/investigation/views/reason.njk', { id });
      if (error instanceof ValidationError && options.reason !== undefined) {
        return reply.code(422).render('features/investigation/views/reason.njk', { id, values: { reason: options.reason }, errors: pageErrors(error.errors) });
      }
      throw error;
    }
  };

  /** Runs a page form's use case; refusals re-render the page with the error summary and the message by each field. */
  const submit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    template: 'investigation' | 'allocation' | 'finalisation' | 'prosecution-file',
    form: string,
    values: Record<string, unknown>,
    work: () => Promise<unknown>,
    redirect: string,
    dateFields: readonly string[] = [],
    ids: Readonly<Record<string, string>> = {},
  ) => {
    try {
      await work();
    } catch (error) {
      if (error instanceof ValidationError) return renderPage(request, reply, template, { status: 422, values, errors: linked(error.errors, dateFields, ids), form });
      if (error instanceof ConflictError) return renderPage(request, reply, template, { status: 409, values, errors: [{ text: error.message, href: `#${form}`, field: form }], form });
      throw error;
    }
    return reply.redirect(redirect, 303);
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/investigation',
    access: READ,
    summary: 'The investigation of a case: allocation, plan (lines of enquiry), s2B decision, suspect actions, investigation log and supervision',
    handler: (request, reply) => renderPage(request, reply, 'investigation'),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/investigation/open',
    access: READ,
    summary: 'Open the investigation of a restricted case with a reason',
    handler: (request, reply) => renderPage(request, reply, 'investigation', { reason: one(bodyOf(request), 'reason') }),
  });

  // Allocation and triage

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/allocation',
    access: READ,
    summary: 'Triage and allocation: the policy recommendation with its reasons, the triage form and the allocation history',
    handler: (request, reply) => renderPage(request, reply, 'allocation'),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/allocation',
    access: TRIAGE,
    summary: "Record the detective sergeant's triage and allocation",
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const body = bodyOf(request);
      const nested = unflatten(body);
      const ticked = many(body, 'facts');
      const values = { ...nested, facts: ticked };
      const input = {
        facts: Object.fromEntries(service.ALLOCATION_FLAGS.map((f) => [f, ticked.includes(f)])),
        triage: nested.triage ?? {},
        rationale: one(body, 'rationale'),
        investigatingTeam: one(body, 'investigatingTeam') || undefined,
        officerUserId: one(body, 'officerUserId'),
        overrideReason: one(body, 'overrideReason'),
        version: one(body, 'version') || undefined,
      };
      return submit(request, reply, 'allocation', 'allocation', values, () => service.allocate(deps, ctxOf(request), id, parse(service.allocationInput, input)), `/cases/${id}/allocation?done=allocated`);
    },
  });

  // Plan, s2B, suspect actions, log

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/investigation/plan',
    access: MANAGE,
    summary: 'Add the lines of enquiry the facts call for to the investigation plan',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const ticked = many(bodyOf(request), 'facts');
      const input = { facts: Object.fromEntries(service.ENQUIRY_FLAGS.map((f) => [f, ticked.includes(f)])) };
      return submit(request, reply, 'investigation', 'plan', { enquiryFacts: ticked }, () => service.generatePlan(deps, ctxOf(request), id, parse(service.planInput, input)), `/cases/${id}/investigation?done=plan#plan`);
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/investigation/enquiries/:taskId',
    access: MANAGE,
    summary: 'Close a line of enquiry as done or not needed',
    handler: async (request, reply) => {
      const { id, taskId } = parse(enquiryParams, request.params);
      const body = bodyOf(request);
      const input = { state: one(body, 'state'), note: one(body, 'note'), version: one(body, 'version') };
      return submit(request, reply, 'investigation', `enquiry-${taskId}`, { enquiry: { taskId, ...input } }, () => service.updateEnquiry(deps, ctxOf(request), id, taskId, parse(service.enquiryUpdateInput, input)), `/cases/${id}/investigation?done=enquiry#plan`);
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/investigation/s2b',
    access: MANAGE,
    summary: 'Record the next step of the s2B search warrant decision',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const body = bodyOf(request);
      const input = { state: one(body, 'state') || undefined, on: formDate(body, 'on'), text: one(body, 'text'), evidenceFound: one(body, 'evidenceFound') };
      const values = { s2b: { ...input, on: dateParts(body, 'on') } };
      return submit(request, reply, 'investigation', 's2b', values, () => service.recordS2b(deps, ctxOf(request), id, parse(service.s2bInput, input)), `/cases/${id}/investigation?done=s2b#s2b`, ['on'], { state: 's2b-state', on: 's2b-on', text: 's2b-text', evidenceFound: 's2b-evidenceFound' });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/investigation/suspect-actions',
    access: MANAGE,
    summary: 'Record an action against the suspect (words of advice, mediation and new harassment warnings are refused for stalking)',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const body = bodyOf(request);
      const input = {
        action: one(body, 'action') || undefined,
        occurredAt: formInstant(body, 'occurredAt'),
        rationale: one(body, 'rationale'),
        conditions: one(body, 'conditions'),
        bailUntil: formDate(body, 'bailUntil') ?? '',
        victimConsulted: one(body, 'victimConsulted'),
        victimConsultationNote: one(body, 'victimConsultationNote'),
        historic: one(body, 'historic') || 'no',
        warningKind: one(body, 'warningKind'),
      };
      const values = { suspect: { ...input, occurredAt: dateParts(body, 'occurredAt'), bailUntil: dateParts(body, 'bailUntil') } };
      return submit(request, reply, 'investigation', 'suspect', values, () => service.recordSuspectAction(deps, ctxOf(request), id, parse(service.suspectActionInput, input)), `/cases/${id}/investigation?done=suspect#suspect`, ['occurredAt', 'bailUntil']);
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/investigation/log',
    access: LOG,
    summary: 'Add an entry to the investigation log (notes, supervisor reviews, SPOC advice, SCU reviews)',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const body = bodyOf(request);
      const input = { entryType: one(body, 'entryType') || undefined, text: one(body, 'text'), riskGradeEndorsed: one(body, 'riskGradeEndorsed') || 'no', planEndorsed: one(body, 'planEndorsed') || 'no' };
      return submit(request, reply, 'investigation', 'log', { log: input }, () => service.addLogEntry(deps, ctxOf(request), id, parse(service.logInput, input)), `/cases/${id}/investigation?done=log#log`, [], { text: 'log-text' });
    },
  });

  // Finalisation

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/finalisation',
    access: READ,
    summary: 'Finalise a case with a Home Office outcome type, or see its finalisations and reopen it',
    handler: (request, reply) => renderPage(request, reply, 'finalisation'),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/finalisation',
    access: FINALISE,
    summary: 'Finalise a case (the outcome rules of DOMAIN.md §8 are checked first; nothing is saved when any fails)',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const body = bodyOf(request);
      const input = {
        outcome: one(body, 'outcome'),
        rationale: one(body, 'rationale'),
        investigationDone: one(body, 'investigationDone') || 'no',
        victimUsesSupportServices: one(body, 'victimUsesSupportServices') || 'no',
        outcome16: {
          victimReasons: one(body, 'outcome16.victimReasons'),
          statementOfReasons: one(body, 'outcome16.statementOfReasons') || 'no',
          specialistSupportOffered: one(body, 'outcome16.specialistSupportOffered') || 'no',
          evidenceLedConsidered: one(body, 'outcome16.evidenceLedConsidered') || 'no',
          followUpContactDate: formDate(body, 'outcome16.followUpContactDate'),
        },
        version: one(body, 'version') || undefined,
      };
      const values = { ...input, outcome16: { ...input.outcome16, followUpContactDate: dateParts(body, 'outcome16.followUpContactDate') } };
      return submit(
        request,
        reply,
        'finalisation',
        'finalise',
        values,
        () => service.finalise(deps, ctxOf(request), id, parse(service.finalisationInput, input)),
        `/cases/${id}/finalisation?done=finalised`,
        ['outcome16.followUpContactDate'],
      );
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/finalisation/reopen',
    access: FINALISE,
    summary: 'Reopen a finalised case with a reason',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const body = bodyOf(request);
      const input = { reason: one(body, 'reason'), version: one(body, 'version') || undefined };
      return submit(request, reply, 'finalisation', 'reopen', { reopen: input }, () => service.reopen(deps, ctxOf(request), id, parse(service.reopenInput, input)), `/cases/${id}/finalisation?done=reopened`);
    },
  });

  // Prosecution file

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/prosecution-file',
    access: READ,
    summary: 'Prosecution file readiness under the national stalking protocol: checklist, missing items, printable pack',
    handler: (request, reply) => renderPage(request, reply, 'prosecution-file'),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/prosecution-file',
    access: MANAGE,
    summary: 'Save the prosecution file checklist',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const body = bodyOf(request);
      const ticked = many(body, 'items');
      const input = {
        dashAttached: ticked.includes('dash') ? 'yes' : 'no',
        screeningToolAttached: ticked.includes('screening-tool') ? 'yes' : 'no',
        victimPersonalStatement: one(body, 'victimPersonalStatement') || 'not-offered',
        restrainingOrderWanted: one(body, 'restrainingOrderWanted'),
        restrainingOrderTerms: one(body, 'restrainingOrderTerms'),
        specialMeasuresAssessed: ticked.includes('special-measures') ? 'yes' : 'no',
        specialMeasuresNotes: one(body, 'specialMeasuresNotes'),
        courseOfConductSummary: one(body, 'courseOfConductSummary'),
        bailOrRemandRecommendation: one(body, 'bailOrRemandRecommendation'),
        version: one(body, 'version') || undefined,
      };
      return submit(request, reply, 'prosecution-file', 'file', { ...input, items: ticked }, () => service.saveProsecutionFile(deps, ctxOf(request), id, parse(service.prosecutionFileInput, input)), `/cases/${id}/prosecution-file?done=saved`);
    },
  });

  // Supervision

  pageRoute(app, {
    method: 'GET',
    url: '/investigation/reviews',
    access: TRIAGE,
    summary: 'Open cases whose supervisory review is overdue for their risk grade',
    handler: async (request, reply) => reply.render('features/investigation/views/reviews.njk', { rows: await service.overdueReviewList(deps, ctxOf(request)), labels: LABELS }),
  });

  // ---------------------------------------------------------------------------
  // API

  const dateTimeOut = z.date().transform((d) => d.toISOString());
  const issueOut = z.object({ code: z.string(), field: z.string(), message: z.string() });
  const reasonOut = z.object({ code: z.string(), text: z.string() });
  const recommendationOut = z
    .object({
      policyId: z.string(),
      investigatingTeam: z.string().nullable(),
      reviewingSergeantTeam: z.string().nullable(),
      forbiddenTeams: z.array(z.object({ team: z.string(), rule: reasonOut })),
      scuLiaisonRequired: z.boolean(),
      considerReclassifyToS4A: z.boolean(),
      reasons: z.array(reasonOut),
    })
    .nullable();

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/cases/:id/investigation',
    access: READ,
    summary: `The investigation of a case: recommendation, allocations (newest first), plan, s2B decision, suspect actions, log, supervision, finalisations and prosecution file gaps. Restricted cases need a reason in the ${ACCESS_REASON_HEADER} header.`,
    tags: ['Investigation'],
    params: caseParams,
    response: z.object({
      caseId: z.string(),
      status: z.string(),
      version: z.number(),
      offence: z.string().nullable(),
      stalking: z.boolean(),
      riskGrade: z.string().nullable(),
      facts: z.record(z.string(), z.boolean()),
      recommendation: recommendationOut,
      allocations: z.array(
        z.object({ id: z.string(), investigatingTeam: z.string(), officerUserId: z.string().nullable(), officerName: z.string().nullable(), rationale: z.string(), overrideReason: z.string().nullable(), decidedBy: z.string().nullable(), decidedAt: dateTimeOut }),
      ),
      plan: z.array(z.object({ taskId: z.string(), code: z.string(), title: z.string(), ownerName: z.string().nullable(), ownerTeam: z.string().nullable(), dueAt: dateTimeOut, status: z.string(), outcome: z.string().nullable(), version: z.number() })),
      s2b: z.object({ state: z.string(), next: z.array(z.string()), events: z.array(z.object({ state: z.string(), on: z.string(), text: z.string().nullable(), evidenceFound: z.boolean().nullable() })) }),
      suspectActions: z.array(z.object({ id: z.string(), action: z.string(), historic: z.boolean(), occurredAt: dateTimeOut, rationale: z.string().nullable(), conditions: z.array(z.string()), victimConsulted: z.boolean().nullable() })),
      log: z.array(z.object({ id: z.string(), entryType: z.string(), text: z.string(), details: z.record(z.string(), z.unknown()), author: z.string().nullable(), at: dateTimeOut })),
      supervision: z.object({ dueOn: z.string(), intervalDays: z.number(), overdue: z.boolean(), lastReviewAt: z.date().nullable().transform((d) => d?.toISOString() ?? null) }),
      finalisations: z.array(z.object({ id: z.string(), outcomeCode: z.number(), rationale: z.string().nullable(), finalisedAt: dateTimeOut, reopenedAt: z.date().nullable().transform((d) => d?.toISOString() ?? null), reopenReason: z.string().nullable() })),
      prosecutionFileGaps: z.array(issueOut),
    }),
    handler: async ({ request, params }) => {
      const header = request.headers[ACCESS_REASON_HEADER];
      const v = await service.viewInvestigation(deps, ctxOf(request), params.id, typeof header === 'string' ? header : undefined, 'api');
      return {
        caseId: v.record.id,
        status: v.record.status,
        version: v.record.version,
        offence: v.offence,
        stalking: v.stalking,
        riskGrade: v.riskGrade,
        facts: { ...v.flags },
        recommendation: v.recommendation ? { ...v.recommendation, forbiddenTeams: [...v.recommendation.forbiddenTeams], reasons: [...v.recommendation.reasons] } : null,
        allocations: v.allocations.map((a) => ({ id: a.id, investigatingTeam: a.investigatingTeam, officerUserId: a.officerUserId, officerName: a.officerName, rationale: a.rationale, overrideReason: a.overrideReason, decidedBy: a.decidedByName, decidedAt: a.decidedAt })),
        plan: v.plan.map((t) => ({ taskId: t.id, code: String(t.details.code ?? ''), title: t.title, ownerName: t.ownerName, ownerTeam: t.ownerTeam, dueAt: t.dueAt, status: t.status, outcome: t.outcome, version: t.version })),
        s2b: { state: v.s2b.state, next: [...v.s2b.next], events: v.s2b.events.map((e) => ({ state: e.state, on: e.on, text: e.text, evidenceFound: e.evidenceFound })) },
        suspectActions: v.suspectActions.map((a) => ({ id: a.id, action: a.action, historic: a.historic, occurredAt: a.occurredAt, rationale: a.rationale, conditions: a.conditions, victimConsulted: a.victimConsulted })),
        log: v.log.map((l) => ({ id: l.id, entryType: l.entryType, text: l.text, details: l.details, author: l.authorName, at: l.at })),
        supervision: { dueOn: v.supervision.dueOn, intervalDays: v.supervision.intervalDays, overdue: v.supervision.overdue, lastReviewAt: v.supervision.lastReviewAt },
        finalisations: v.finalisations.map((f) => ({ id: f.id, outcomeCode: f.outcomeCode, rationale: f.rationale, finalisedAt: f.finalisedAt, reopenedAt: f.reopenedAt, reopenReason: f.reopenReason })),
        prosecutionFileGaps: v.prosecutionGaps.map((g) => ({ ...g })),
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/allocation',
    access: TRIAGE,
    summary:
      "Record the detective sergeant's triage (threat, risk, harm, complexity, rationale) and allocation. Facts left out are read from the case. A team the policy forbids is refused naming the rule; another team than the recommended one needs overrideReason. High risk creates an SCU liaison task.",
    tags: ['Investigation'],
    params: caseParams,
    body: service.allocationInput,
    response: z.object({ allocationId: z.string(), recommendation: recommendationOut, reassignment: z.boolean(), scuLiaisonTaskId: z.string().nullable(), prompts: z.array(z.string()) }),
    successStatus: 201,
    handler: async ({ request, params, body }) => {
      const r = await service.allocate(deps, ctxOf(request), params.id, body);
      return { ...r, recommendation: { ...r.recommendation, forbiddenTeams: [...r.recommendation.forbiddenTeams], reasons: [...r.recommendation.reasons] } };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/investigation/plan',
    access: MANAGE,
    summary: 'Add the lines of enquiry the facts call for, each a task with owner, due date and state. Facts left out are read from the case.',
    tags: ['Investigation'],
    params: caseParams,
    body: service.planInput,
    response: z.object({ created: z.array(z.object({ taskId: z.string(), code: z.string(), title: z.string(), dueAt: dateTimeOut })) }),
    successStatus: 201,
    handler: async ({ request, params, body }) => service.generatePlan(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/investigation/enquiries/:taskId',
    access: MANAGE,
    summary: 'Close a line of enquiry as done or not needed, with a note; send the task version you read',
    tags: ['Investigation'],
    params: enquiryParams,
    body: service.enquiryUpdateInput,
    response: z.object({ closed: z.literal(true) }),
    handler: async ({ request, params, body }) => {
      await service.updateEnquiry(deps, ctxOf(request), params.id, params.taskId, body);
      return { closed: true as const };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/investigation/s2b',
    access: MANAGE,
    summary: 'Record the next step of the s2B search warrant decision: considered, applied (grounds), granted, refused (reason), executed, result (evidenceFound, summary) or not-used (reason), in text',
    tags: ['Investigation'],
    params: caseParams,
    body: service.s2bInput,
    response: z.object({ eventId: z.string(), state: z.string() }),
    successStatus: 201,
    handler: async ({ request, params, body }) => service.recordS2b(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/suspect-actions',
    access: MANAGE,
    summary:
      'Record an action against the suspect. Voluntary attendance needs a rationale; bail needs the victim consulted (victimConsulted, victimConsultationNote); words of advice and mediation are refused for stalking; harassment warnings only as history (historic: true).',
    tags: ['Investigation'],
    params: caseParams,
    body: service.suspectActionInput,
    response: z.object({ actionId: z.string(), warnings: z.array(issueOut), victimTaskIds: z.array(z.string()) }),
    successStatus: 201,
    handler: async ({ request, params, body }) => service.recordSuspectAction(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/investigation/log',
    access: LOG,
    summary: 'Add an investigation log entry: note, supervisor-review (sergeants and the SCU; may endorse the risk grade and plan), spoc-advice (stalking champions), scu-review (the SCU)',
    tags: ['Investigation'],
    params: caseParams,
    body: service.logInput,
    response: z.object({ entryId: z.string() }),
    successStatus: 201,
    handler: async ({ request, params, body }) => service.addLogEntry(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/finalisation',
    access: FINALISE,
    summary:
      'Finalise a case with a Home Office outcome type (1–22). Refused, listing every problem by field, for words of advice in stalking, NFA without a (thorough) rationale, outcome 16 without its five items, outcome 18 with a named suspect, and stalking outside a specialist unit not finalised by a detective sergeant.',
    tags: ['Investigation'],
    params: caseParams,
    body: service.finalisationInput,
    response: z.object({ finalisationId: z.string(), outcomeCode: z.number(), warnings: z.array(issueOut), taskIds: z.array(z.string()) }),
    successStatus: 201,
    handler: async ({ request, params, body }) => service.finalise(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/finalisation/reopen',
    access: FINALISE,
    summary: 'Reopen a finalised case with a reason',
    tags: ['Investigation'],
    params: caseParams,
    body: service.reopenInput,
    response: z.object({ reopened: z.literal(true) }),
    handler: async ({ request, params, body }) => service.reopen(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/cases/:id/prosecution-file',
    access: MANAGE,
    summary: 'Save the prosecution file checklist (national stalking protocol) and get the items still missing',
    tags: ['Investigation'],
    params: caseParams,
    body: service.prosecutionFileInput,
    response: z.object({ gaps: z.array(issueOut), version: z.number() }),
    handler: async ({ request, params, body }) => service.saveProsecutionFile(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/investigation/reviews/overdue',
    access: TRIAGE,
    summary: 'Open cases whose supervisory review is overdue for their risk grade, most overdue first',
    tags: ['Investigation'],
    response: z.object({
      cases: z.array(z.object({ caseId: z.string(), reference: z.string(), ownerTeam: z.string().nullable(), riskGrade: z.string(), dueOn: z.string(), daysOverdue: z.number(), lastReviewAt: z.date().nullable().transform((d) => d?.toISOString() ?? null) })),
    }),
    handler: async ({ request }) => ({
      cases: (await service.overdueReviewList(deps, ctxOf(request))).map((r) => ({ caseId: r.caseId, reference: r.reference, ownerTeam: r.ownerTeam, riskGrade: r.riskGrade, dueOn: r.due.dueOn, daysOverdue: -r.due.daysUntilDue, lastReviewAt: r.lastReviewAt })),
    }),
  });
}

