import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ACTION_STATUSES,
  ADVICE_METHODS,
  ANSWER_LABELS,
  ANSWER_VALUES,
  ASSESSMENT_STAGES,
  HOMICIDE_TIMELINE,
  RARA_CATEGORIES,
  RISK_GRADES,
  RISK_GRADE_MEANINGS,
  type Grading,
  type ToolDefinition,
} from '../../domain/risk/index.ts';
import { ConflictError, NotFoundError, ReasonRequiredError, ValidationError, type FieldError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { bodyOf, pageErrors } from '../../platform/http/forms.ts';
import { actorOf, apiRoute, ctxOf, fieldErrors, pageRoute, parse } from '../../platform/http/routes.ts';
import { ACCESS_REASON_HEADER } from '../people/routes.ts';
import { assessmentFromForm, dateFromText, errorsOnRows, planFromForm, planValues, text } from './forms.ts';
import * as service from './service.ts';

const READ = { anyOf: ['cases:read'] } as const;
const ASSESS = { anyOf: ['risk:assess'] } as const;
const ENDORSE = { anyOf: ['risk:endorse'] } as const;
const POLICY = { anyOf: ['admin:policy'] } as const;
const TOOLS_READ = { anyOf: ['cases:read', 'admin:policy'] } as const;

const caseParams = z.object({ id: z.uuid('Not a valid case reference') });
const assessmentParams = z.object({ id: z.uuid('Not a valid case reference'), assessmentId: z.uuid('Not a valid assessment reference') });
const startQuery = z.object({
  toolId: z.string().trim().min(1, 'Choose a risk assessment tool'),
  stage: z.enum(ASSESSMENT_STAGES, 'Choose initial screening or enhanced assessment'),
});

const VIEWS = 'features/risk/views';

const LABELS = {
  answers: ANSWER_LABELS,
  answerValues: ANSWER_VALUES,
  grades: RISK_GRADES,
  gradeMeanings: RISK_GRADE_MEANINGS,
  stages: { initial: 'Initial screening', enhanced: 'Enhanced assessment' },
  sources: { victim: 'With the victim', 'police-information-and-observation': 'From police information and officer observation (the victim would not engage)' },
  rara: RARA_CATEGORIES,
  actionStatuses: ACTION_STATUSES,
  actionStatusLabels: { planned: 'Planned', 'in-progress': 'In progress', done: 'Done', 'not-done': 'Not done' },
  adviceMethods: ADVICE_METHODS,
  adviceMethodLabels: { 'in-person': 'In person', leaflet: 'Leaflet', email: 'Email', phone: 'Phone' },
  requirementLabels: {
    'initial-screening': 'Initial risk screening',
    'enhanced-assessment': 'Enhanced risk assessment',
    'stalking-questions': 'Stalking questions',
    'stalking-screening': 'Stalking screening (S-DASH)',
  },
  timeline: HOMICIDE_TIMELINE,
};

/** The reason a named user gave to open a restricted case, carried by the page's forms. */
function accessReasonOf(request: FastifyRequest): string | undefined {
  const value = text(bodyOf(request), 'accessReason');
  return value ? value : undefined;
}

function reasonHeader(request: FastifyRequest): string | undefined {
  const header = request.headers[ACCESS_REASON_HEADER];
  return typeof header === 'string' ? header : undefined;
}

function permissionsOf(request: FastifyRequest) {
  const p = actorOf(request).permissions;
  return { canAssess: p.has('risk:assess'), canEndorse: p.has('risk:endorse') };
}

/** The same messages as the API: the first message per field, as the GOV.UK error summary wants. */
function summaryOf(errors: FieldError[]) {
  return pageErrors(errors);
}

const answerOut = z.object({ value: z.enum(ANSWER_VALUES), note: z.string().optional() });
const gradingOut = z.object({
  toolId: z.string(),
  toolVersion: z.string(),
  toolKind: z.string(),
  score: z.number(),
  questionCount: z.number(),
  notKnownCount: z.number(),
  yesQuestionIds: z.array(z.string()),
  highRiskYesQuestionIds: z.array(z.string()),
  bandGrade: z.enum(RISK_GRADES).nullable(),
  finalGrade: z.enum(RISK_GRADES).nullable(),
  basis: z.enum(['score', 'professional-judgement', 'none']),
  judgement: z.object({ grade: z.enum(RISK_GRADES), rationale: z.string(), raised: z.boolean() }).optional(),
  endorsement: z.object({ endorsedBy: z.string(), grade: z.enum(RISK_GRADES), rationale: z.string().optional() }).optional(),
  openedToolIds: z.array(z.string()),
});
const reasonOut = z.object({ code: z.string(), message: z.string() });
const completedOut = z.object({
  id: z.string(),
  grading: gradingOut,
  marac: z.object({ referralRequired: z.boolean(), criteriaMet: z.array(reasonOut), taskId: z.string().nullable() }),
});
const iso = z.date().transform((d) => d.toISOString());
const toolSummaryOut = z.object({ id: z.string(), version: z.string(), name: z.string(), kind: z.string(), questionCount: z.number() });
const assessmentSummaryOut = z.object({
  id: z.string(),
  victimPersonId: z.string().nullable(),
  stage: z.enum(ASSESSMENT_STAGES),
  source: z.string(),
  sourceNote: z.string().nullable(),
  toolId: z.string(),
  toolVersion: z.string(),
  toolName: z.string(),
  supplementToolId: z.string().nullable(),
  score: z.number(),
  bandGrade: z.enum(RISK_GRADES).nullable(),
  finalGrade: z.enum(RISK_GRADES).nullable(),
  judgement: gradingOut.shape.judgement,
  endorsedBy: z.string().nullable(),
  endorsedAt: iso.nullable(),
  completedAt: iso,
  completedBy: z.string().nullable(),
  version: z.number(),
});
const actionOut = z.object({
  category: z.string(),
  description: z.string(),
  owner: z.string(),
  reviewDate: z.string(),
  dueDate: z.string().optional(),
  status: z.string(),
});
const disclosureOut = z.object({ information: z.string(), told: z.boolean(), toldOn: z.string().optional(), reasonNotTold: z.string().optional() });
const planOut = z.object({
  victimPersonId: z.string().nullable(),
  riskGrade: z.enum(RISK_GRADES),
  reviewedOn: z.string(),
  reviewDate: z.string(),
  actions: z.array(actionOut),
  disclosures: z.array(disclosureOut),
  updatedAt: iso,
  version: z.number(),
});

const reviewedPlanOut = planOut.extend({ review: z.object({ status: z.string(), daysUntilReview: z.number(), overdueActions: z.array(actionOut) }) });

function planJson(p: service.PlanWithReview): z.input<typeof reviewedPlanOut> {
  return { ...p, review: { ...p.review, overdueActions: [...p.review.overdueActions] } };
}

function summariseAssessment(a: service.RiskOverview['assessments'][number]): z.input<typeof assessmentSummaryOut> {
  return {
    id: a.id,
    victimPersonId: a.victimPersonId,
    stage: a.stage,
    source: a.source,
    sourceNote: a.sourceNote,
    toolId: a.tool.id,
    toolVersion: a.tool.version,
    toolName: a.tool.name,
    supplementToolId: a.supplementTool?.id ?? null,
    score: a.grading.score,
    bandGrade: a.grading.bandGrade,
    finalGrade: a.grading.finalGrade,
    judgement: a.grading.judgement,
    endorsedBy: a.endorsedByName,
    endorsedAt: a.endorsedAt,
    completedAt: a.completedAt,
    completedBy: a.completedByName,
    version: a.version,
  };
}

function gradingJson(g: Grading): z.input<typeof gradingOut> {
  return { ...g, yesQuestionIds: [...g.yesQuestionIds], highRiskYesQuestionIds: [...g.highRiskYesQuestionIds], openedToolIds: [...g.openedToolIds] };
}

function completedJson(c: service.CompletedAssessment): z.input<typeof completedOut> {
  return { ...c, grading: gradingJson(c.grading) };
}

function toolSummary(t: ToolDefinition) {
  return { id: t.id, version: t.version, name: t.name, kind: t.kind, questionCount: t.questions.length };
}

export function riskRoutes(app: FastifyInstance, deps: Deps): void {
  /** Shows the reason form for a restricted case, or the page. */
  async function restrictedPage(reply: FastifyReply, action: string, reason: string | undefined, render: () => Promise<unknown>) {
    try {
      return await render();
    } catch (error) {
      if (error instanceof ReasonRequiredError) return reply.code(403).render(`${VIEWS}/reason.njk`, { action });
      if (error instanceof ValidationError && reason !== undefined && error.errors.some((e) => e.field === 'reason')) {
        return reply.code(422).render(`${VIEWS}/reason.njk`, { action, values: { reason }, errors: pageErrors(error.errors) });
      }
      throw error;
    }
  }

  const renderOverview = async (request: FastifyRequest, reply: FastifyReply, caseId: string, reason: string | undefined, extra: Record<string, unknown> = {}) => {
    const overview = await service.viewRisk(deps, ctxOf(request), caseId, reason);
    return reply.render(`${VIEWS}/overview.njk`, { o: overview, labels: LABELS, ...permissionsOf(request), values: {}, ...extra });
  };

  const overviewPage = async (request: FastifyRequest, reply: FastifyReply, reason?: string) => {
    const { id } = parse(caseParams, request.params);
    return restrictedPage(reply, `/cases/${id}/risk/open`, reason, () => renderOverview(request, reply, id, reason));
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/risk',
    access: READ,
    summary: 'Risk on a case: assessments and grade history, what is still required, timeliness, MARAC, the plan',
    handler: (request, reply) => overviewPage(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/risk/open',
    access: READ,
    summary: 'Open the risk page of a restricted case with a reason',
    handler: (request, reply) => overviewPage(request, reply, text(bodyOf(request), 'reason')),
  });

  /* The questionnaire ---------------------------------------------------------- */

  const renderQuestionnaire = async (request: FastifyRequest, reply: FastifyReply, caseId: string, choice: { toolId: string; version?: string; stage: string }, reason: string | undefined, extra: Record<string, unknown> = {}) => {
    const view = await service.questionnaire(deps, ctxOf(request), caseId, choice.toolId, choice.version, reason);
    return reply.render(`${VIEWS}/questionnaire.njk`, { q: view, stage: choice.stage, labels: LABELS, values: {}, missing: [], ...extra });
  };

  const questionnairePage = async (request: FastifyRequest, reply: FastifyReply, reason?: string) => {
    const { id } = parse(caseParams, request.params);
    const query = startQuery.safeParse(request.query);
    if (!query.success) {
      return restrictedPage(reply, `/cases/${id}/risk/open`, reason, () =>
        renderOverview(request, reply.code(422), id, reason, { errors: summaryOf(fieldErrors(query.error)), values: request.query }),
      );
    }
    const search = new URLSearchParams({ toolId: query.data.toolId, stage: query.data.stage }).toString();
    return restrictedPage(reply, `/cases/${id}/risk/assessments/new/open?${search}`, reason, async () => {
      try {
        return await renderQuestionnaire(request, reply, id, query.data, reason);
      } catch (error) {
        if (!(error instanceof ValidationError) || !error.errors.some((e) => e.field === 'toolId')) throw error;
        return renderOverview(request, reply.code(422), id, reason, { errors: summaryOf(error.errors), values: request.query });
      }
    });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/risk/assessments/new',
    access: ASSESS,
    summary: 'The risk questionnaire for the chosen tool and stage (toolId, stage in the query)',
    handler: (request, reply) => questionnairePage(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/risk/assessments/new/open',
    access: ASSESS,
    summary: 'Open the risk questionnaire of a restricted case with a reason',
    handler: (request, reply) => questionnairePage(request, reply, text(bodyOf(request), 'reason')),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/risk/assessments',
    access: ASSESS,
    summary: 'Complete a risk assessment: answers, grading and professional judgement',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const body = bodyOf(request);
      const reason = accessReasonOf(request);
      const choice = { toolId: text(body, 'toolId'), version: text(body, 'toolVersion') || undefined, stage: text(body, 'stage') };
      const view = await service.questionnaire(deps, ctxOf(request), id, choice.toolId, choice.version, reason);
      const raw = assessmentFromForm(body, view.tool, view.supplement);
      try {
        const input = parse(service.assessmentInput, raw);
        const done = await service.completeAssessment(deps, ctxOf(request), id, input, reason);
        return reply.redirect(`/cases/${id}/risk/assessments/${done.id}?completed=1`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const input = raw as { answers: Record<string, unknown>; supplementAnswers?: Record<string, unknown> };
        const missing = [
          ...(error.errors.some((e) => e.field.startsWith('answers')) ? service.unansweredQuestionIds(view.tool, input.answers as never) : []),
          ...(view.supplement && error.errors.some((e) => e.field.startsWith('supplementAnswers'))
            ? service.unansweredQuestionIds(view.supplement, (input.supplementAnswers ?? {}) as never).map((qid) => `supp-${qid}`)
            : []),
        ];
        return renderQuestionnaire(request, reply.code(422), id, choice, reason, { values: body, errors: summaryOf(error.errors), missing });
      }
    },
  });

  /* The result and endorsement ---------------------------------------------------- */

  const renderResult = async (request: FastifyRequest, reply: FastifyReply, params: { id: string; assessmentId: string }, reason: string | undefined, extra: Record<string, unknown> = {}) => {
    const view = await service.viewAssessment(deps, ctxOf(request), params.id, params.assessmentId, reason);
    const completed = (request.query as Record<string, string | undefined>).completed === '1';
    return reply.render(`${VIEWS}/assessment.njk`, { v: view, labels: LABELS, completed, ...permissionsOf(request), values: {}, ...extra });
  };

  const resultPage = async (request: FastifyRequest, reply: FastifyReply, reason?: string) => {
    const params = parse(assessmentParams, request.params);
    return restrictedPage(reply, `/cases/${params.id}/risk/assessments/${params.assessmentId}/open`, reason, () => renderResult(request, reply, params, reason));
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/risk/assessments/:assessmentId',
    access: READ,
    summary: 'A completed risk assessment: the tool as used, answers, score, grade, judgement, endorsement and MARAC',
    handler: (request, reply) => resultPage(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/risk/assessments/:assessmentId/open',
    access: READ,
    summary: 'Open a risk assessment of a restricted case with a reason',
    handler: (request, reply) => resultPage(request, reply, text(bodyOf(request), 'reason')),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/risk/assessments/:assessmentId/endorse',
    access: ENDORSE,
    summary: "A detective sergeant's endorsement of the grading (confirm or raise)",
    handler: async (request, reply) => {
      const params = parse(assessmentParams, request.params);
      const body = bodyOf(request);
      const reason = accessReasonOf(request);
      try {
        await service.endorseAssessment(deps, ctxOf(request), params.id, params.assessmentId, parse(service.endorsementInput, body), reason);
      } catch (error) {
        if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
        const errors = error instanceof ValidationError ? summaryOf(error.errors) : [{ text: error.message, href: '#grade', field: 'grade' }];
        return renderResult(request, reply.code(error.status), params, reason, { values: body, errors });
      }
      return reply.redirect(`/cases/${params.id}/risk/assessments/${params.assessmentId}#grading`, 303);
    },
  });

  /* Requirement exceptions ------------------------------------------------------------ */

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/risk/exceptions',
    access: ASSESS,
    summary: 'Record why a required risk assessment will not be completed',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const body = bodyOf(request);
      const reason = accessReasonOf(request);
      try {
        await service.recordException(deps, ctxOf(request), id, parse(service.exceptionInput, { ...body, victimPersonId: text(body, 'victimPersonId') || undefined }), reason);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const errors = summaryOf(error.errors).map((e) => ({ ...e, href: `#exception-${e.field}`, field: `exception-${e.field}` }));
        return renderOverview(request, reply.code(422), id, reason, { errors, values: body });
      }
      return reply.redirect(`/cases/${id}/risk#requirements`, 303);
    },
  });

  /* The plan and advice ------------------------------------------------------------------ */

  /** The plan page for one victim: the one chosen (by id), or the case's first. */
  const renderPlan = async (request: FastifyRequest, reply: FastifyReply, caseId: string, victimId: string | undefined, reason: string | undefined, extra: Record<string, unknown> = {}) => {
    const overview = await service.viewRisk(deps, ctxOf(request), caseId, reason);
    const victim = victimId ? overview.victims.find((v) => v.personId === victimId) : overview.victims[0];
    if (!victim) throw new NotFoundError('That person is not a victim on this case.');
    const today = service.londonDate(deps.clock.now());
    const grade = victim.currentGrade ?? 'standard';
    const plan = victim.plan;
    const latestReview = service.latestReviewDate(overview.policy, grade, today);
    const values = {
      version: plan?.version,
      reviewedOn: today,
      reviewDate: plan?.reviewDate ?? latestReview,
      actions: [...(plan?.actions ?? []), {}, {}],
      disclosures: [...(plan?.disclosures ?? []).map((d) => ({ ...d, told: d.told ? 'yes' : 'no' })), {}],
    };
    const assessed = overview.assessments.some((a) => a.victimPersonId === null || a.victimPersonId === victim.personId);
    return reply.render(`${VIEWS}/plan.njk`, {
      o: overview,
      victim,
      assessed,
      labels: LABELS,
      catalogue: service.ADVICE_CATALOGUE,
      ...permissionsOf(request),
      today,
      latestReview,
      values,
      adviceValues: { givenOn: today },
      ...extra,
    });
  };

  const planQuery = z.object({ victim: z.uuid('Not a valid victim reference').optional().catch(undefined) });

  const planPage = async (request: FastifyRequest, reply: FastifyReply, reason?: string) => {
    const { id } = parse(caseParams, request.params);
    const { victim } = planQuery.parse(request.query ?? {});
    const open = `/cases/${id}/risk/plan/open${victim ? `?victim=${victim}` : ''}`;
    return restrictedPage(reply, open, reason, () => renderPlan(request, reply, id, victim, reason));
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/risk/plan',
    access: READ,
    summary: 'The risk management plan (RARA actions, review date, what the victim has been told) and the safety advice given',
    handler: (request, reply) => planPage(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/risk/plan/open',
    access: READ,
    summary: 'Open the risk management plan of a restricted case with a reason',
    handler: (request, reply) => planPage(request, reply, text(bodyOf(request), 'reason')),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/risk/plan',
    access: ASSESS,
    summary: 'Save the risk management plan (send the version you read)',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const body = bodyOf(request);
      const reason = accessReasonOf(request);
      const form = planFromForm(body);
      const victim = text(body, 'victimPersonId') || undefined;
      try {
        await service.savePlan(deps, ctxOf(request), id, parse(service.planInput, form.input), reason);
      } catch (error) {
        if (!(error instanceof ValidationError) && !(error instanceof ConflictError)) throw error;
        const values = planValues(body);
        if (error instanceof ConflictError) {
          return renderPlan(request, reply.code(409), id, victim, reason, { conflict: true, errors: [{ text: error.message, href: '#plan', field: 'plan' }] });
        }
        return renderPlan(request, reply.code(422), id, victim, reason, { values, errors: summaryOf(errorsOnRows(error.errors, form)) });
      }
      return reply.redirect(`/cases/${id}/risk/plan?${victim ? `victim=${victim}&` : ''}saved=1`, 303);
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/risk/advice',
    access: ASSESS,
    summary: 'Record safety advice given to the victim and how it was given',
    handler: async (request, reply) => {
      const { id } = parse(caseParams, request.params);
      const body = bodyOf(request);
      const reason = accessReasonOf(request);
      try {
        await service.recordAdvice(deps, ctxOf(request), id, parse(service.adviceInput, { ...body, givenOn: dateFromText(text(body, 'givenOn')) }), reason);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const unsafe = error instanceof service.UnsafeAdviceError;
        const errors = summaryOf(error.errors).map((e) => ({ ...e, href: `#advice-${e.field}`, field: `advice-${e.field}` }));
        return renderPlan(request, reply.code(422), id, text(body, 'victimPersonId') || undefined, reason, {
          errors,
          adviceValues: body,
          adviceWarnings: unsafe ? error.errors.map((e) => e.message) : [],
        });
      }
      const victim = text(body, 'victimPersonId');
      return reply.redirect(`/cases/${id}/risk/plan?${victim ? `victim=${victim}&` : ''}advice=1#advice`, 303);
    },
  });

  /* Administration: force-loaded tools ---------------------------------------------------- */

  const renderTools = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) => {
    const catalogue = await service.listTools(deps, ctxOf(request));
    return reply.render(`${VIEWS}/tools.njk`, { catalogue, values: {}, ...extra });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/admin/risk-tools',
    access: POLICY,
    summary: 'Risk assessment tools: the built-in and force-loaded questionnaires, and loading a new one',
    handler: async (request, reply) => renderTools(request, reply, { loaded: (request.query as Record<string, string | undefined>).loaded }),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/admin/risk-tools',
    access: POLICY,
    summary: "Load a force's own risk assessment tool from a JSON definition",
    handler: async (request, reply) => {
      const body = bodyOf(request);
      try {
        const tool = await service.loadTool(deps, ctxOf(request), parse(service.toolInput, { definition: text(body, 'definition') }));
        return reply.redirect(`/admin/risk-tools?loaded=${encodeURIComponent(`${tool.id} ${tool.version}`)}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const messages = error.errors.map((e) => e.message);
        return renderTools(request, reply.code(422), {
          values: body,
          definitionErrors: messages,
          errors: messages.map((m) => ({ text: m, href: '#definition', field: 'definition' })),
        });
      }
    },
  });

  /* Administration: force risk settings ---------------------------------------------------- */

  const renderSettings = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}) => {
    const settings = await service.viewRiskSettings(deps, ctxOf(request));
    const saved = (request.query as Record<string, string | undefined>).saved;
    return reply.render(`${VIEWS}/settings.njk`, { settings, grades: RISK_GRADES, saved, values: {}, ...extra });
  };

  /** A count typed in a settings form: blank is left out, digits become a number, anything else stays as typed so the rules can say why. */
  const countFrom = (value: string): unknown => (value.trim() === '' ? undefined : /^\d+$/.test(value.trim()) ? Number(value.trim()) : value);
  const formVersion = z.object({ version: z.coerce.number('Reload the page and try again').int().nonnegative() });

  /** Re-shows the settings page with the errors beside the fields of the form that was sent. */
  const settingsError = (request: FastifyRequest, reply: FastifyReply, error: unknown, prefix: string, body: Record<string, unknown>) => {
    if (error instanceof ConflictError) {
      return renderSettings(request, reply.code(409), { errors: [{ text: error.message, href: `#${prefix}`, field: prefix }] });
    }
    if (!(error instanceof ValidationError)) throw error;
    const errors = summaryOf(error.errors).map((e) => {
      const field = `${prefix}-${e.field.replace(/^maxIntervalDays\./, '')}`;
      return { ...e, field, href: `#${field}` };
    });
    return renderSettings(request, reply.code(422), { values: body, errors });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/admin/risk-settings',
    access: POLICY,
    summary: 'Risk settings: score bands for each scored tool and plan review intervals by risk level, with the defaults',
    handler: (request, reply) => renderSettings(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/admin/risk-settings/bands',
    access: POLICY,
    summary: "Set a tool's score bands for the force (the score at which medium and high start)",
    handler: async (request, reply) => {
      const body = bodyOf(request);
      const toolId = text(body, 'toolId');
      const prefix = `bands-${toolId}`;
      try {
        const { version } = parse(formVersion, { version: text(body, 'version') });
        await service.saveBands(deps, ctxOf(request), { toolId, medium: countFrom(text(body, 'medium')), high: countFrom(text(body, 'high')), version });
      } catch (error) {
        return settingsError(request, reply, error, prefix, { ...body, form: prefix });
      }
      return reply.redirect(`/admin/risk-settings?saved=bands`, 303);
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/admin/risk-settings/plan-review',
    access: POLICY,
    summary: 'Set the longest time between risk management plan reviews for each risk level',
    handler: async (request, reply) => {
      const body = bodyOf(request);
      try {
        const { version } = parse(formVersion, { version: text(body, 'version') });
        const maxIntervalDays = Object.fromEntries(RISK_GRADES.map((g) => [g, countFrom(text(body, g))]));
        await service.savePlanReviewDays(deps, ctxOf(request), { maxIntervalDays, version });
      } catch (error) {
        return settingsError(request, reply, error, 'review', { ...body, form: 'review' });
      }
      return reply.redirect(`/admin/risk-settings?saved=review`, 303);
    },
  });

  /* JSON API ---------------------------------------------------------------------------- */

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/cases/:id/risk',
    access: READ,
    summary: `Risk on a case: assessments (grade history), requirements and gaps per victim, timeliness, MARAC referrals, each victim's plan and advice. Restricted cases need a reason in the ${ACCESS_REASON_HEADER} header.`,
    tags: ['Risk'],
    params: caseParams,
    response: z.object({
      caseId: z.string(),
      offence: z.enum(['stalking', 'harassment', 'other']),
      currentGrade: z.enum(RISK_GRADES).nullable(),
      victims: z.array(
        z.object({
          personId: z.string().nullable(),
          currentGrade: z.enum(RISK_GRADES).nullable(),
          requirements: z.array(z.object({ code: z.string(), why: z.string(), satisfied: z.boolean(), acceptedToolIds: z.array(z.string()) })),
          gaps: z.array(reasonOut),
          blocking: z.array(reasonOut),
          timeliness: z.array(z.object({ stage: z.string(), targetHours: z.number(), dueBy: iso, completedAt: iso.optional(), hoursTaken: z.number().optional(), status: z.string() })),
        }),
      ),
      assessments: z.array(assessmentSummaryOut),
      maracReferrals: z.array(z.object({ id: z.string(), assessmentId: z.string(), referredOn: z.string(), criteria: z.array(reasonOut), summary: z.string(), taskId: z.string().nullable() })),
      exceptions: z.array(z.object({ requirement: z.string(), victimPersonId: z.string().nullable(), reason: z.string(), recordedAt: iso })),
      plans: z.array(reviewedPlanOut).describe('One risk management plan per victim'),
      plan: reviewedPlanOut.nullable().describe('The plan of the only victim; null when the case has several victims (see plans)'),
      advice: z.array(z.object({ id: z.string(), adviceId: z.string().nullable(), text: z.string(), method: z.string(), givenOn: z.string(), warnings: z.array(reasonOut) })),
      tools: z.array(toolSummaryOut),
    }),
    handler: async ({ request, params }) => {
      const o = await service.viewRisk(deps, ctxOf(request), params.id, reasonHeader(request));
      return {
        caseId: o.caseRecord.id,
        offence: o.offence,
        currentGrade: o.currentGrade,
        victims: o.victims.map((v) => ({ personId: v.personId, currentGrade: v.currentGrade, requirements: v.requirements.map((r) => ({ ...r, acceptedToolIds: [...r.acceptedToolIds] })), gaps: v.gaps, blocking: v.blocking, timeliness: v.timeliness })),
        assessments: o.assessments.map(summariseAssessment),
        maracReferrals: o.referrals,
        exceptions: o.exceptions,
        plans: o.plans.map(planJson),
        plan: o.victims.length === 1 && o.victims[0]!.plan ? planJson(o.victims[0]!.plan) : null,
        advice: o.advice,
        tools: o.tools.map(toolSummary),
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/risk/assessments',
    access: ASSESS,
    summary:
      'Complete a risk assessment: answers keyed by question id (yes, no or not-known, with a note), the stalking questions as supplementAnswers when the tool opens them, and any professional judgement (it may raise the grade, never lower it). A MARAC referral task is created when a criterion is met.',
    tags: ['Risk'],
    params: caseParams,
    body: service.assessmentInput,
    response: completedOut,
    successStatus: 201,
    handler: async ({ request, params, body }) => completedJson(await service.completeAssessment(deps, ctxOf(request), params.id, body, reasonHeader(request))),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/cases/:id/risk/assessments/:assessmentId',
    access: READ,
    summary: 'A completed risk assessment with the tool exactly as it was used (wording and version), its answers and grading',
    tags: ['Risk'],
    params: assessmentParams,
    response: assessmentSummaryOut.extend({
      tool: z.record(z.string(), z.unknown()),
      answers: z.record(z.string(), answerOut),
      supplementTool: z.record(z.string(), z.unknown()).nullable(),
      supplementAnswers: z.record(z.string(), answerOut).nullable(),
      grading: gradingOut,
      maracReferral: z.object({ criteria: z.array(reasonOut), summary: z.string(), referredOn: z.string() }).nullable(),
    }),
    handler: async ({ request, params }) => {
      const v = await service.viewAssessment(deps, ctxOf(request), params.id, params.assessmentId, reasonHeader(request));
      const a = v.assessment;
      return {
        ...summariseAssessment(a),
        tool: a.tool as unknown as Record<string, unknown>,
        answers: a.answers as Record<string, { value: 'yes' | 'no' | 'not-known'; note?: string }>,
        supplementTool: a.supplementTool as unknown as Record<string, unknown> | null,
        supplementAnswers: a.supplementAnswers as Record<string, { value: 'yes' | 'no' | 'not-known'; note?: string }> | null,
        grading: gradingJson(a.grading),
        maracReferral: v.referral ? { criteria: v.referral.criteria, summary: v.referral.summary, referredOn: v.referral.referredOn } : null,
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/risk/assessments/:assessmentId/endorse',
    access: ENDORSE,
    summary: "A detective sergeant's endorsement: confirm the grade or raise it with a rationale (send the assessment version you read)",
    tags: ['Risk'],
    params: assessmentParams,
    body: service.endorsementInput,
    response: completedOut,
    handler: async ({ request, params, body }) => completedJson(await service.endorseAssessment(deps, ctxOf(request), params.id, params.assessmentId, body, reasonHeader(request))),
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/cases/:id/risk/plan',
    access: ASSESS,
    summary:
      'Create or replace a victim’s risk management plan: RARA actions (category, description, owner, review date, status), the plan review date (within the interval for the victim’s current grade) and what the victim has been told. Give victimPersonId when the case has several victims. Send the version you read; leave it out only to create the first plan.',
    tags: ['Risk'],
    params: caseParams,
    body: service.planInput,
    response: planOut,
    handler: async ({ request, params, body }) => service.savePlan(deps, ctxOf(request), params.id, body, reasonHeader(request)),
  });

  const victimPlanParams = z.object({ id: z.uuid('Not a valid case reference'), victimPersonId: z.uuid('Not a valid victim reference') });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/cases/:id/risk/plans/:victimPersonId',
    access: READ,
    summary: "One victim's risk management plan (null until made), their current grade and the latest review date the force allows for a plan made today",
    tags: ['Risk'],
    params: victimPlanParams,
    response: z.object({ caseId: z.string(), victimPersonId: z.string(), currentGrade: z.enum(RISK_GRADES).nullable(), latestReviewDate: z.string(), plan: reviewedPlanOut.nullable() }),
    handler: async ({ request, params }) => {
      const v = await service.viewVictimPlan(deps, ctxOf(request), params.id, params.victimPersonId, reasonHeader(request));
      return { ...v, plan: v.plan ? planJson(v.plan) : null };
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/cases/:id/risk/plans/:victimPersonId',
    access: ASSESS,
    summary:
      "Create or replace one victim's risk management plan: RARA actions, the review date (within the force's interval for this victim's grade) and what the victim has been told. Send the version you read; leave it out only to create the first plan.",
    tags: ['Risk'],
    params: victimPlanParams,
    body: service.planInput.omit({ victimPersonId: true }),
    response: planOut,
    handler: async ({ request, params, body }) => service.savePlan(deps, ctxOf(request), params.id, { ...body, victimPersonId: params.victimPersonId }, reasonHeader(request)),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/risk/advice',
    access: ASSESS,
    summary: 'Record safety advice given and how (in-person, leaflet, email, phone). Unsafe advice is refused with the reason unless confirmUnsafe is true.',
    tags: ['Risk'],
    params: caseParams,
    body: service.adviceInput,
    response: z.object({ id: z.string() }),
    successStatus: 201,
    handler: async ({ request, params, body }) => ({ id: await service.recordAdvice(deps, ctxOf(request), params.id, body, reasonHeader(request)) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/risk/exceptions',
    access: ASSESS,
    summary: 'Record why a required risk assessment will not be completed',
    tags: ['Risk'],
    params: caseParams,
    body: service.exceptionInput,
    response: z.object({ id: z.string() }),
    successStatus: 201,
    handler: async ({ request, params, body }) => ({ id: await service.recordException(deps, ctxOf(request), params.id, body, reasonHeader(request)) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/risk/tools',
    access: TOOLS_READ,
    summary: 'Risk assessment tools in use (the current version of each), with their full definitions',
    tags: ['Risk'],
    response: z.object({ tools: z.array(z.record(z.string(), z.unknown())) }),
    handler: async ({ request }) => ({ tools: (await service.listTools(deps, ctxOf(request))).current as unknown as Array<Record<string, unknown>> }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/risk/tools',
    access: POLICY,
    summary: "Load a force's own risk assessment tool (for example DIAL or SCARF): a JSON definition, validated with errors naming each field",
    tags: ['Risk'],
    body: service.toolInput,
    response: toolSummaryOut,
    successStatus: 201,
    handler: async ({ request, body }) => toolSummary(await service.loadTool(deps, ctxOf(request), body)),
  });

  const bandOut = z.object({ grade: z.enum(RISK_GRADES), min: z.number(), max: z.number().optional() });
  const settingsOut = z.object({
    policyName: z.string().describe('The default policy the settings start from'),
    bands: z.array(
      z.object({
        toolId: z.string(),
        toolVersion: z.string(),
        toolName: z.string(),
        questionCount: z.number(),
        bands: z.array(bandOut),
        defaultBands: z.array(bandOut),
        setByForce: z.boolean(),
        version: z.number().describe('Send this back when changing the setting; 0 while it has never been saved'),
        updatedAt: iso.nullable(),
      }),
    ),
    planReview: z.object({
      maxIntervalDays: z.object({ standard: z.number(), medium: z.number(), high: z.number() }),
      defaultDays: z.object({ standard: z.number(), medium: z.number(), high: z.number() }),
      setByForce: z.boolean(),
      version: z.number(),
      updatedAt: iso.nullable(),
    }),
  });
  const settingsJson = (v: service.RiskSettingsView): z.input<typeof settingsOut> => ({
    policyName: v.policyName,
    bands: v.bands.map((b) => ({ toolId: b.tool.id, toolVersion: b.tool.version, toolName: b.tool.name, questionCount: b.tool.questions.length, bands: b.bands, defaultBands: b.defaultBands, setByForce: b.setByForce, version: b.version, updatedAt: b.updatedAt })),
    planReview: { maxIntervalDays: v.planReview.days, defaultDays: v.planReview.defaultDays, setByForce: v.planReview.setByForce, version: v.planReview.version, updatedAt: v.planReview.updatedAt },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/risk/settings',
    access: POLICY,
    summary: "The force's risk settings: score bands for each scored tool and plan review intervals by risk level, each with its default and version",
    tags: ['Risk'],
    response: settingsOut,
    handler: async ({ request }) => settingsJson(await service.viewRiskSettings(deps, ctxOf(request))),
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/risk/settings/bands',
    access: POLICY,
    summary:
      "Set a scored tool's bands for the force: grades rising from standard, the first starting at 0, no gaps or overlaps, the last open-ended (no max) and every band reachable. Send the version you read (0 the first time).",
    tags: ['Risk'],
    body: service.bandsSettingInput,
    response: settingsOut,
    handler: async ({ request, body }) => settingsJson(await service.saveBands(deps, ctxOf(request), body)),
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/risk/settings/plan-review',
    access: POLICY,
    summary:
      'Set the longest time, in days (1 to 365), between risk management plan reviews for each risk level; a higher risk is reviewed at least as often as a lower one. Send the version you read (0 the first time).',
    tags: ['Risk'],
    body: service.planReviewSettingInput,
    response: settingsOut,
    handler: async ({ request, body }) => settingsJson(await service.savePlanReviewDays(deps, ctxOf(request), body)),
  });
}
