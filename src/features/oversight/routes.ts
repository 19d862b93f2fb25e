import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { offenceCodes } from '../../domain/classification/index.ts';
import { RECOMMENDATION_SOURCE_KINDS, sampleRequestSchema } from '../../domain/oversight/index.ts';
import { ConflictError, ValidationError, type FieldError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { bodyOf, type FormBody, many, one, type PageError, pageErrors } from '../../platform/http/forms.ts';
import { actorOf, apiRoute, ctxOf, pageRoute, parse } from '../../platform/http/routes.ts';
import * as service from './service.ts';

const MANAGE = { anyOf: ['oversight:manage'] } as const;
const PANEL = { anyOf: ['panel:review'] } as const;
const REPORT = { anyOf: ['panel:review', 'oversight:manage'] } as const;
const TAGS = ['Oversight'];

const sampleParams = z.object({ sampleId: z.uuid('Not a valid sample reference') });
const sampleCaseParams = z.object({ sampleId: z.uuid('Not a valid sample reference'), sampleCaseId: z.uuid('Not a valid case reference') });
const observationParams = z.object({ sampleId: z.uuid('Not a valid sample reference'), observationId: z.uuid('Not a valid observation reference') });
const recommendationParams = z.object({ recommendationId: z.uuid('Not a valid recommendation reference') });


function queryOf(request: FastifyRequest): Record<string, unknown> {
  return (request.query ?? {}) as Record<string, unknown>;
}

// ---------------------------------------------------------------------------
// The sample builder form

const FLAGS = ['domesticAbuse', 'cyberEnabled', 'hasBreach', 'nonCrime', 'historicWarning'] as const;
const FLAG_LABELS: Record<(typeof FLAGS)[number], string> = {
  domesticAbuse: 'Domestic abuse',
  cyberEnabled: 'Cyber-enabled',
  hasBreach: 'Breach of an order',
  nonCrime: 'Non-crime incident',
  historicWarning: 'Suspect has a historic warning notice (PIN or HN1)',
};
const STRATA_ROWS = 4;
const QUOTA_ROWS = 2;

function flagValue(text: string): boolean | undefined {
  return text === 'yes' ? true : text === 'no' ? false : undefined;
}

/** "1, 16, 18" → [1, 16, 18]; anything that is not a whole number becomes -1 so the rules reject it with their own message. */
function codesFrom(text: string): number[] | undefined {
  const parts = text.split(/[\s,;]+/).filter((p) => p.length > 0);
  if (parts.length === 0) return undefined;
  return parts.map((p) => (/^\d{1,2}$/.test(p) ? Number(p) : -1));
}

/** "1/3", "33%" or "0.33" → a proportion; blank → undefined; nonsense → NaN (refused). */
function proportionFrom(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (fraction) return Number(fraction[2]) === 0 ? Number.NaN : Number(fraction[1]) / Number(fraction[2]);
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(t);
  if (percent) return Number(percent[1]) / 100;
  return /^\d*\.?\d+$/.test(t) ? Number(t) : Number.NaN;
}

function countFrom(text: string): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

function filterFrom(body: FormBody, prefix: string): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  const classification = many(body, `${prefix}classifications`);
  if (classification.length > 0) filter.classifications = classification;
  const codes = codesFrom(one(body, `${prefix}outcomeCodes`));
  if (codes) filter.outcomeCodes = codes;
  for (const flag of FLAGS) {
    const v = flagValue(one(body, `${prefix}${flag}`));
    if (v !== undefined) filter[flag] = v;
  }
  return filter;
}

function sampleFormToInput(body: FormBody): { title: string; request: Record<string, unknown> } {
  const criteria = filterFrom(body, '');
  const from = one(body, 'finalisedFrom').trim();
  const to = one(body, 'finalisedTo').trim();
  if (from) criteria.finalisedFrom = from;
  if (to) criteria.finalisedTo = to;
  const rows = (count: number, kind: string) =>
    Array.from({ length: count }, (_, i) => {
      const prefix = `${kind}-${i}-`;
      const label = one(body, `${prefix}label`).trim();
      const filter = filterFrom(body, prefix);
      const target = { count: countFrom(one(body, `${prefix}count`)), proportion: proportionFrom(one(body, `${prefix}proportion`)) };
      const blank = !label && Object.keys(filter).length === 0 && target.count === undefined && target.proportion === undefined;
      return blank ? undefined : { label, filter, ...(target.count !== undefined ? { count: target.count } : {}), ...(target.proportion !== undefined ? { proportion: target.proportion } : {}) };
    });
  const strata = rows(STRATA_ROWS, 'strata');
  const quotas = rows(QUOTA_ROWS, 'quotas');
  return {
    title: one(body, 'title'),
    request: {
      criteria,
      // Keep the row numbers so errors point at the row the user filled in.
      strata: strata.filter((s) => s !== undefined),
      quotas: quotas.filter((q) => q !== undefined),
      size: countFrom(one(body, 'size')) ?? Number.NaN,
      seed: one(body, 'seed'),
    },
  };
}

/** Rows the user filled in, by their position in the form, so errors point at the right row. */
function filledRows(body: FormBody, kind: 'strata' | 'quotas', count: number): number[] {
  return Array.from({ length: count }, (_, i) => i).filter((i) =>
    Object.entries(body).some(([key, value]) => key.startsWith(`${kind}-${i}-`) && (Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value.trim() !== '' && value !== 'any')),
  );
}

function sampleFormErrors(errors: FieldError[], body: FormBody): PageError[] {
  const rowsOf = { strata: filledRows(body, 'strata', STRATA_ROWS), quotas: filledRows(body, 'quotas', QUOTA_ROWS) };
  const mapped = errors.map((e) => {
    const parts = e.field.split('.').filter((p) => p !== 'request' && p !== 'criteria' && p !== 'filter');
    if ((parts[0] === 'strata' || parts[0] === 'quotas') && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
      parts[1] = String(rowsOf[parts[0]][Number(parts[1])] ?? parts[1]);
    }
    let field = parts.join('-') || 'title';
    if (field === 'strata' || field === 'quotas') field = `${field}-0-label`;
    if (/-(count|proportion)$/.test(field) === false && /^(strata|quotas)-\d+$/.test(field)) field = `${field}-count`;
    if (/^(strata|quotas)-\d+-outcomeCodes-\d+$/.test(field) || /^outcomeCodes-\d+$/.test(field)) field = field.replace(/-\d+$/, '');
    if (field === 'body') field = 'title';
    return { field, message: e.message };
  });
  return pageErrors(mapped);
}

const CLASSIFICATIONS = [...offenceCodes.map((code) => ({ code, title: service.offenceTitle(code) })), { code: 'unclassified', title: 'Not classified' }];

// ---------------------------------------------------------------------------
// The review form

function reviewFormToInput(body: FormBody): Record<string, unknown> {
  const answers = service.standardReviewForm.questions.flatMap((q) => {
    const rating = one(body, `rating-${q.id}`);
    const comment = one(body, `comment-${q.id}`);
    return rating ? [{ questionId: q.id, rating, ...(comment.trim() ? { comment } : {}) }] : [];
  });
  const version = one(body, 'version');
  return {
    answers,
    victimAtRiskNow: one(body, 'victimAtRiskNow') === 'yes',
    riskConcern: one(body, 'riskConcern'),
    summary: one(body, 'summary'),
    ...(/^\d+$/.test(version) ? { version: Number(version) } : {}),
  };
}

function reviewFormErrors(errors: FieldError[]): PageError[] {
  return pageErrors(
    errors.map((e) => {
      const comment = /^answers\.([\w-]+)\.comment$/.exec(e.field);
      const rating = /^answers\.([\w-]+)$/.exec(e.field);
      return { field: comment ? `comment-${comment[1]}` : rating && !/^\d+$/.test(rating[1]!) ? `rating-${rating[1]}` : e.field, message: e.message };
    }),
  );
}

// ---------------------------------------------------------------------------

export function oversightRoutes(app: FastifyInstance, deps: Deps): void {
  // ---------------------------------------------------------------------------
  // Force pages: samples

  pageRoute(app, {
    method: 'GET',
    url: '/oversight',
    access: MANAGE,
    summary: 'Oversight: dip samples for scrutiny panels and inspections, and the recommendations register',
    handler: async (request, reply) => {
      const samples = await service.listSamples(deps, ctxOf(request));
      return reply.render('features/oversight/views/index.njk', { samples, done: one(queryOf(request), 'done') });
    },
  });

  const renderNewSample = (reply: FastifyReply, status = 200, values: FormBody = {}, errors?: PageError[]) =>
    reply.code(status).render('features/oversight/views/sample-new.njk', {
      values: { ...values, classifications: many(values, 'classifications') },
      errors,
      classifications: CLASSIFICATIONS,
      flags: FLAGS.map((code) => ({ code, label: FLAG_LABELS[code] })),
      strataRows: Array.from({ length: STRATA_ROWS }, (_, i) => i),
      quotaRows: Array.from({ length: QUOTA_ROWS }, (_, i) => i),
    });

  pageRoute(app, {
    method: 'GET',
    url: '/oversight/samples/new',
    access: MANAGE,
    summary: 'Build a dip sample: criteria, groups with sizes or proportions, quotas and a seed',
    handler: async (_request, reply) =>
      renderNewSample(reply, 200, {
        size: '30',
        'strata-0-label': 'Outcome 1',
        'strata-0-outcomeCodes': '1',
        'strata-0-proportion': '1/3',
        'strata-1-label': 'Outcome 16',
        'strata-1-outcomeCodes': '16',
        'strata-1-proportion': '1/3',
        'strata-2-label': 'Outcome 18',
        'strata-2-outcomeCodes': '18',
        'strata-2-proportion': '1/3',
        'quotas-0-label': 'Domestic abuse',
        'quotas-0-domesticAbuse': 'yes',
        'quotas-0-proportion': '1/3',
      }),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/oversight/samples',
    access: MANAGE,
    summary: 'Draw and save a dip sample',
    handler: async (request, reply) => {
      const body = bodyOf(request);
      try {
        const { id } = await service.createSample(deps, ctxOf(request), sampleFormToInput(body));
        return reply.redirect(`/oversight/samples/${id}?done=created`, 303);
      } catch (error) {
        if (error instanceof ValidationError) return renderNewSample(reply, 422, body, sampleFormErrors(error.errors, body));
        throw error;
      }
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/oversight/samples/:sampleId',
    access: MANAGE,
    summary: 'A saved sample: its criteria and seed, the groups drawn, shortfalls, the cases and the review progress',
    handler: async (request, reply) => {
      const { sampleId } = parse(sampleParams, request.params);
      const view = await service.viewSample(deps, ctxOf(request), sampleId);
      return reply.render('features/oversight/views/sample.njk', { view, done: one(queryOf(request), 'done'), describeFilter: service.describeFilter });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/oversight/samples/:sampleId/observations/:observationId/response',
    access: MANAGE,
    summary: "Record the force's response to a panel observation",
    handler: async (request, reply) => {
      const { sampleId, observationId } = parse(observationParams, request.params);
      try {
        await service.respondToObservation(deps, ctxOf(request), sampleId, observationId, bodyOf(request));
      } catch (error) {
        if (error instanceof ValidationError || error instanceof ConflictError) {
          const report = await service.panelReport(deps, ctxOf(request), sampleId);
          const errors = error instanceof ValidationError ? pageErrors(error.errors.map((e) => ({ ...e, field: `response-${observationId}` }))) : [{ text: error.message, href: `#response-${observationId}`, field: `response-${observationId}` }];
          return reply.code(error instanceof ValidationError ? 422 : 409).render('features/oversight/views/report.njk', { report, errors, values: { [`response-${observationId}`]: one(bodyOf(request), 'response') }, canRespond: true });
        }
        throw error;
      }
      return reply.redirect(`/panel/samples/${sampleId}/report?done=response#observation-${observationId}`, 303);
    },
  });

  // ---------------------------------------------------------------------------
  // Force pages: the recommendations register

  pageRoute(app, {
    method: 'GET',
    url: '/oversight/recommendations',
    access: MANAGE,
    summary: 'The recommendations register, overdue ones first',
    handler: async (request, reply) => {
      const register = await service.recommendationsRegister(deps, ctxOf(request));
      return reply.render('features/oversight/views/recommendations.njk', { register, done: one(queryOf(request), 'done') });
    },
  });

  const renderNewRecommendation = (reply: FastifyReply, status = 200, values: FormBody = {}, errors?: PageError[]) =>
    reply.code(status).render('features/oversight/views/recommendation-new.njk', { values, errors, sourceKinds: RECOMMENDATION_SOURCE_KINDS, sourceLabels: SOURCE_LABELS });

  pageRoute(app, {
    method: 'GET',
    url: '/oversight/recommendations/new',
    access: MANAGE,
    summary: 'Add a recommendation to the register',
    handler: async (request, reply) => renderNewRecommendation(reply, 200, { sampleId: one(queryOf(request), 'sampleId') }),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/oversight/recommendations',
    access: MANAGE,
    summary: 'Save a new recommendation',
    handler: async (request, reply) => {
      const body = bodyOf(request);
      const sampleId = one(body, 'sampleId');
      const input = {
        source: { kind: one(body, 'sourceKind'), title: one(body, 'sourceTitle'), reference: one(body, 'sourceReference') },
        text: one(body, 'text'),
        owner: one(body, 'owner'),
        due: one(body, 'due').trim(),
        ...(sampleId ? { sampleId } : {}),
      };
      try {
        const id = await service.createRecommendation(deps, ctxOf(request), input);
        return reply.redirect(`/oversight/recommendations/${id}?done=created`, 303);
      } catch (error) {
        if (error instanceof ValidationError) {
          const errors = pageErrors(error.errors.map((e) => ({ ...e, field: { 'source.kind': 'sourceKind', 'source.title': 'sourceTitle', 'source.reference': 'sourceReference' }[e.field] ?? e.field })));
          return renderNewRecommendation(reply, 422, body, errors.map((e) => (e.field === 'sourceKind' ? { ...e, href: '#sourceKind' } : e)));
        }
        throw error;
      }
    },
  });

  const renderRecommendation = async (request: FastifyRequest, reply: FastifyReply, status = 200, values: FormBody = {}, errors?: PageError[]) => {
    const { recommendationId } = parse(recommendationParams, request.params);
    const rec = await service.viewRecommendation(deps, ctxOf(request), recommendationId);
    return reply.code(status).render('features/oversight/views/recommendation.njk', { rec, values, errors, statusLabels: service.STATUS_LABELS, sourceLabels: SOURCE_LABELS, done: one(queryOf(request), 'done') });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/oversight/recommendations/:recommendationId',
    access: MANAGE,
    summary: 'A recommendation: actions, evidence, reality testing and status history',
    handler: (request, reply) => renderRecommendation(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/oversight/recommendations/:recommendationId/status',
    access: MANAGE,
    summary: 'Move a recommendation to a new status',
    handler: async (request, reply) => {
      const { recommendationId } = parse(recommendationParams, request.params);
      const body = bodyOf(request);
      try {
        await service.transition(deps, ctxOf(request), recommendationId, { to: one(body, 'to'), note: one(body, 'note'), evidence: one(body, 'evidence'), version: one(body, 'version') });
      } catch (error) {
        if (error instanceof ValidationError) return renderRecommendation(request, reply, 422, body, pageErrors(error.errors.map((e) => ({ ...e, field: e.field === 'version' ? 'to' : e.field }))));
        if (error instanceof ConflictError) return renderRecommendation(request, reply, 409, {}, [{ text: error.message, href: '#to', field: 'to' }]);
        throw error;
      }
      return reply.redirect(`/oversight/recommendations/${recommendationId}?done=status`, 303);
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/oversight/recommendations/:recommendationId/actions',
    access: MANAGE,
    summary: 'Record an action taken or evidence against a recommendation',
    handler: async (request, reply) => {
      const { recommendationId } = parse(recommendationParams, request.params);
      const body = bodyOf(request);
      try {
        await service.addActionOrEvidence(deps, ctxOf(request), recommendationId, { kind: one(body, 'kind'), text: one(body, 'text'), reference: one(body, 'reference'), version: one(body, 'version') });
      } catch (error) {
        if (error instanceof ValidationError) return renderRecommendation(request, reply, 422, body, pageErrors(error.errors.map((e) => ({ ...e, field: e.field === 'version' ? 'text' : e.field }))));
        if (error instanceof ConflictError) return renderRecommendation(request, reply, 409, {}, [{ text: error.message, href: '#text', field: 'text' }]);
        throw error;
      }
      return reply.redirect(`/oversight/recommendations/${recommendationId}?done=added`, 303);
    },
  });

  // ---------------------------------------------------------------------------
  // The panel workspace: redacted on the server, nothing else reachable

  pageRoute(app, {
    method: 'GET',
    url: '/panel',
    access: PANEL,
    summary: 'The scrutiny panel workspace: samples to review',
    handler: async (request, reply) => {
      const samples = await service.listSamples(deps, ctxOf(request));
      return reply.render('features/oversight/views/panel-index.njk', { samples: samples.map((s) => ({ id: s.id, title: service.panelTitle(s.title), createdAt: s.createdAt, caseCount: s.caseCount })) });
    },
  });

  const renderPanelSample = async (request: FastifyRequest, reply: FastifyReply, status = 200, values: FormBody = {}, errors?: PageError[]) => {
    const { sampleId } = parse(sampleParams, request.params);
    const sample = await service.panelSample(deps, ctxOf(request), sampleId);
    return reply.code(status).render('features/oversight/views/panel-sample.njk', { sample, values, errors, done: one(queryOf(request), 'done') });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/panel/samples/:sampleId',
    access: PANEL,
    summary: 'A sample in the panel workspace: numbered, redacted cases and the panel’s observations',
    handler: (request, reply) => renderPanelSample(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/panel/samples/:sampleId/observations',
    access: PANEL,
    summary: 'Record a panel observation for the force to answer',
    handler: async (request, reply) => {
      const { sampleId } = parse(sampleParams, request.params);
      const body = bodyOf(request);
      try {
        await service.addObservation(deps, ctxOf(request), sampleId, { text: one(body, 'text') });
      } catch (error) {
        if (error instanceof ValidationError) return renderPanelSample(request, reply, 422, body, pageErrors(error.errors));
        throw error;
      }
      return reply.redirect(`/panel/samples/${sampleId}?done=observation#observations`, 303);
    },
  });

  const renderPanelCase = async (request: FastifyRequest, reply: FastifyReply, status = 200, values?: FormBody, errors?: PageError[]) => {
    const { sampleId, sampleCaseId } = parse(sampleCaseParams, request.params);
    const { view, review } = await service.panelCase(deps, ctxOf(request), sampleId, sampleCaseId);
    const current: FormBody = values ?? {
      version: review ? String(review.version) : '',
      victimAtRiskNow: review?.victimAtRiskNow ? 'yes' : '',
      riskConcern: review?.riskConcern ?? '',
      summary: review?.summary ?? '',
      ...Object.fromEntries((review?.answers ?? []).flatMap((a) => [[`rating-${a.questionId}`, a.rating], [`comment-${a.questionId}`, a.comment ?? '']])),
    };
    return reply.code(status).render('features/oversight/views/panel-case.njk', {
      view,
      review,
      values: current,
      errors,
      form: service.standardReviewForm,
      ratings: service.REVIEW_RATINGS.map((r) => ({ value: r, text: service.RATING_LABELS[r] })),
      done: one(queryOf(request), 'done'),
    });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/panel/samples/:sampleId/cases/:sampleCaseId',
    access: PANEL,
    summary: 'A redacted case with the review form',
    handler: (request, reply) => renderPanelCase(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/panel/samples/:sampleId/cases/:sampleCaseId/review',
    access: PANEL,
    summary: 'Save a case review; "victim may be at risk now" sends the case back to the force at once',
    handler: async (request, reply) => {
      const { sampleId, sampleCaseId } = parse(sampleCaseParams, request.params);
      const body = bodyOf(request);
      let saved: service.SavedReview;
      try {
        saved = await service.saveReview(deps, ctxOf(request), sampleId, sampleCaseId, reviewFormToInput(body));
      } catch (error) {
        if (error instanceof ValidationError) return renderPanelCase(request, reply, 422, body, reviewFormErrors(error.errors));
        if (error instanceof ConflictError) return renderPanelCase(request, reply, 409, undefined, [{ text: error.message, href: '#summary', field: 'summary' }]);
        throw error;
      }
      return reply.redirect(`/panel/samples/${sampleId}/cases/${sampleCaseId}?done=${saved.referral ? 'referred' : 'saved'}`, 303);
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/panel/samples/:sampleId/report',
    access: REPORT,
    summary: 'The panel report: per-case summaries, aggregate results, observations and the force’s responses (anonymised, printable)',
    handler: async (request, reply) => {
      const { sampleId } = parse(sampleParams, request.params);
      const exported = one(queryOf(request), 'print') === 'yes';
      const report = await service.panelReport(deps, ctxOf(request), sampleId, exported);
      return reply.render('features/oversight/views/report.njk', {
        report,
        exported,
        values: {},
        canRespond: actorOf(request).permissions.has('oversight:manage') && !exported,
        done: one(queryOf(request), 'done'),
      });
    },
  });

  // ---------------------------------------------------------------------------
  // API

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/oversight/samples',
    access: MANAGE,
    summary: 'List saved samples',
    tags: TAGS,
    handler: async ({ request }) => {
      const samples = await service.listSamples(deps, ctxOf(request));
      return { samples: samples.map((s) => ({ id: s.id, title: s.title, createdAt: s.createdAt, cases: s.caseCount })) };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/oversight/samples',
    access: MANAGE,
    summary: 'Draw and save a sample. The same criteria, strata, quotas, size and seed always give the same cases.',
    tags: TAGS,
    body: z.object({ title: z.string(), request: sampleRequestSchema }),
    successStatus: 201,
    handler: async ({ body, request }) => {
      const { id, sample } = await service.createSample(deps, ctxOf(request), body);
      return { id, eligible: sample.eligible, cases: sample.cases, strata: sample.strata, quotas: sample.quotas, warnings: sample.warnings, request: sample.request };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/oversight/samples/:sampleId',
    access: MANAGE,
    summary: 'A saved sample with its request, the cases drawn and the review progress',
    tags: TAGS,
    params: sampleParams,
    handler: async ({ params, request }) => {
      const view = await service.viewSample(deps, ctxOf(request), params.sampleId);
      return {
        id: view.sample.id,
        title: view.sample.title,
        createdAt: view.sample.createdAt,
        request: view.request,
        eligible: view.result.eligible,
        strata: view.result.strata,
        quotas: view.result.quotas,
        warnings: view.result.warnings,
        cases: view.cases.map((c) => ({ sampleCaseId: c.id, caseId: c.caseId, caseReference: c.caseReference, label: c.label, stratum: c.stratum, reviews: c.reviewCount, referredAt: c.referredAt })),
      };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/panel/samples/:sampleId',
    access: PANEL,
    summary: 'A sample as the panel sees it: numbered cases, no references, observations',
    tags: TAGS,
    params: sampleParams,
    handler: async ({ params, request }) => service.panelSample(deps, ctxOf(request), params.sampleId),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/panel/samples/:sampleId/cases/:sampleCaseId',
    access: PANEL,
    summary: 'One sampled case, redacted on the server, with your own review',
    tags: TAGS,
    params: sampleCaseParams,
    handler: async ({ params, request }) => service.panelCase(deps, ctxOf(request), params.sampleId, params.sampleCaseId),
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/panel/samples/:sampleId/cases/:sampleCaseId/review',
    access: PANEL,
    summary: 'Save your review of a sampled case. victimAtRiskNow sends the case back to the SCU and the force lead at once.',
    tags: TAGS,
    params: sampleCaseParams,
    body: service.reviewInput,
    handler: async ({ params, body, request }) => service.saveReview(deps, ctxOf(request), params.sampleId, params.sampleCaseId, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/panel/samples/:sampleId/observations',
    access: PANEL,
    summary: 'Record a panel observation',
    tags: TAGS,
    params: sampleParams,
    body: service.observationInput,
    successStatus: 201,
    handler: async ({ params, body, request }) => ({ id: await service.addObservation(deps, ctxOf(request), params.sampleId, body) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/oversight/samples/:sampleId/report',
    access: REPORT,
    summary: 'The panel report: aggregate ratings, per-case summaries, observations and responses (anonymised)',
    tags: TAGS,
    params: sampleParams,
    handler: async ({ params, request }) => service.panelReport(deps, ctxOf(request), params.sampleId),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/oversight/samples/:sampleId/observations/:observationId/response',
    access: MANAGE,
    summary: "Record the force's response to an observation",
    tags: TAGS,
    params: observationParams,
    body: service.responseInput,
    handler: async ({ params, body, request }) => {
      await service.respondToObservation(deps, ctxOf(request), params.sampleId, params.observationId, body);
      return { ok: true };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/oversight/recommendations',
    access: MANAGE,
    summary: 'The recommendations register with the overdue ones listed',
    tags: TAGS,
    handler: async ({ request }) => {
      const register = await service.recommendationsRegister(deps, ctxOf(request));
      return { today: register.today, recommendations: register.recommendations, overdue: register.overdue.map((r) => r.id) };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/oversight/recommendations',
    access: MANAGE,
    summary: 'Add a recommendation (source, text, owner, due date)',
    tags: TAGS,
    body: service.recommendationInput,
    successStatus: 201,
    handler: async ({ body, request }) => ({ id: await service.createRecommendation(deps, ctxOf(request), body) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/oversight/recommendations/:recommendationId',
    access: MANAGE,
    summary: 'One recommendation with its actions, evidence, reality-testing notes and history',
    tags: TAGS,
    params: recommendationParams,
    handler: async ({ params, request }) => service.viewRecommendation(deps, ctxOf(request), params.recommendationId),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/oversight/recommendations/:recommendationId/transitions',
    access: MANAGE,
    summary: 'Move a recommendation to a new status (implemented needs evidence; reality tested needs a note)',
    tags: TAGS,
    params: recommendationParams,
    body: service.transitionInput,
    handler: async ({ params, body, request }) => {
      await service.transition(deps, ctxOf(request), params.recommendationId, body);
      return service.viewRecommendation(deps, ctxOf(request), params.recommendationId);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/oversight/recommendations/:recommendationId/actions',
    access: MANAGE,
    summary: 'Record an action or a piece of evidence against a recommendation',
    tags: TAGS,
    params: recommendationParams,
    body: service.actionInput,
    handler: async ({ params, body, request }) => {
      await service.addActionOrEvidence(deps, ctxOf(request), params.recommendationId, body);
      return service.viewRecommendation(deps, ctxOf(request), params.recommendationId);
    },
  });
}

const SOURCE_LABELS: Record<string, string> = {
  inspection: 'Inspection',
  scrutiny_panel: 'Scrutiny panel',
  cps_panel: 'CPS scrutiny panel',
  internal_review: 'Internal review',
  other: 'Other',
};
