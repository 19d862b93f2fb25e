import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { channels as channelOptions, behaviours as behaviourOptions } from '../../domain/classification/index.ts';
import { startOfLondonDay, addDays, isLocalDate } from '../../domain/calendar/index.ts';
import type { BatchParseResult } from '../../domain/conduct/index.ts';
import { ConflictError, ReasonRequiredError, ValidationError, type FieldError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import { bodyOf, pageErrors } from '../../platform/http/forms.ts';
import { actorOf, apiRoute, ctxOf, fieldErrors, pageRoute, parse } from '../../platform/http/routes.ts';
import * as service from './service.ts';
import { FILTERS, ROW_KINDS, behaviourLabels, channelLabels, offenceTitle, parseShow, renderTimelineSvg, showValue, type TimelineRow } from './timeline.ts';

const READ = { anyOf: ['cases:read'] } as const;
const WRITE = { anyOf: ['cases:write'] } as const;
const ACCESS_REASON_HEADER = 'vigil-access-reason';
const idParams = z.object({ id: z.uuid('Not a valid case reference') });

function idOf(request: FastifyRequest): string {
  return parse(idParams, request.params).id;
}

// ---- API shapes ----

const rowResponse = z.object({
  key: z.string(),
  kind: z.enum(ROW_KINDS),
  at: z.date().transform((d) => d.toISOString()),
  end: z.date().nullable().transform((d) => d?.toISOString() ?? null),
  openEnded: z.boolean(),
  title: z.string(),
  detail: z.string(),
  channels: z.array(z.string()),
  behaviours: z.array(z.string()),
  reportReference: z.string().nullable(),
  times: z.number(),
});

const timelineResponse = z.object({
  case: z.object({
    id: z.string(),
    reference: z.string(),
    status: z.string(),
    offence: z.string().nullable(),
    mergedIntoCaseId: z.string().nullable(),
    version: z.number(),
  }),
  summary: z.string(),
  rows: z.array(rowResponse),
  escalation: z.object({
    totalOccasions: z.number(),
    first: z.date().nullable().transform((d) => d?.toISOString() ?? null),
    last: z.date().nullable().transform((d) => d?.toISOString() ?? null),
    durationDays: z.number(),
    escalating: z.boolean(),
    weeks: z.array(z.object({ weekStarting: z.string(), occasions: z.number() })),
    channels: z.array(z.object({ code: z.string(), label: z.string(), occasions: z.number() })),
    behaviours: z.array(z.object({ code: z.string(), label: z.string(), occasions: z.number() })),
    callouts: z.array(z.object({ code: z.string(), title: z.string(), text: z.string(), escalating: z.boolean(), occasionIds: z.array(z.string()) })),
    suggestions: z.array(z.object({ code: z.string(), text: z.string() })),
    judgementPrompts: z.array(z.object({ stage: z.number(), id: z.string(), name: z.string(), prompt: z.string() })),
  }),
});

const linksResponse = z.object({
  case: z.object({ id: z.string(), reference: z.string(), version: z.number(), mergedIntoCaseId: z.string().nullable() }),
  reports: z.array(
    z.object({
      id: z.string(),
      reference: z.string(),
      reportedAt: z.date().transform((d) => d.toISOString()),
      linkedAt: z.date().transform((d) => d.toISOString()),
      linkReason: z.string(),
      otherCases: z.number(),
    }),
  ),
  history: z.array(
    z.object({
      kind: z.string(),
      at: z.date().transform((d) => d.toISOString()),
      otherCaseId: z.string().nullable(),
      otherCaseReference: z.string().nullable(),
      reportReferences: z.array(z.string()),
      reason: z.string(),
      by: z.string().nullable(),
    }),
  ),
});

const batchRowResponse = z.object({
  row: z.number(),
  valid: z.boolean(),
  occurredAt: z.string().nullable(),
  channel: z.string().nullable(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
  warnings: z.array(z.object({ field: z.string(), message: z.string() })),
});

const batchResponse = z.object({
  preview: z.boolean(),
  saved: z.number(),
  occasionIds: z.array(z.string()),
  skippedRows: z.array(z.number()),
  fileErrors: z.array(z.string()),
  rows: z.array(batchRowResponse),
});

function batchRows(result: BatchParseResult) {
  return result.rows.map((r) => ({
    row: r.row,
    valid: r.occasion !== null,
    occurredAt: r.occasion?.at.toISOString() ?? null,
    channel: r.occasion?.channel ?? null,
    errors: [...r.errors],
    warnings: [...r.warnings],
  }));
}

function batchErrors(reason: string, result: BatchParseResult): FieldError[] {
  return [
    { field: 'csv', message: reason },
    ...result.fileErrors.map((message) => ({ field: 'csv', message })),
    ...result.rows.flatMap((r) => [...r.errors, ...r.warnings].map((e) => ({ field: `rows.${r.row}.${e.field}`, message: e.message }))),
  ];
}

function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

const jsonBatchRow = z.object({
  date: z.string(),
  time: z.string(),
  channel: z.string(),
  whatHappened: z.string(),
  place: z.string().optional(),
  behaviours: z.union([z.string(), z.array(z.string())]).optional(),
});

const batchBody = z.union([
  z.string().describe('text/csv: the rows, with reportId and the choices in the query'),
  z.object({
    reportId: z.uuid('Choose the report the occasions belong to'),
    csv: z.string().max(1_000_000).optional(),
    rows: z.array(jsonBatchRow).max(5000).optional(),
    validRowsOnly: z.boolean().default(false),
    confirmOutsideWindow: z.boolean().default(false),
    preview: z.boolean().default(false),
  }),
]);

const batchQuery = z.object({
  reportId: z.uuid().optional(),
  validRowsOnly: z.enum(['true', 'false']).optional(),
  confirmOutsideWindow: z.enum(['true', 'false']).optional(),
  preview: z.enum(['true', 'false']).optional(),
});

// ---- Pages ----

function dateParam(value: unknown, endOfDay = false): Date | null {
  if (typeof value !== 'string' || !isLocalDate(value)) return null;
  return endOfDay ? new Date(startOfLondonDay(addDays(value, 1)).getTime() - 1) : startOfLondonDay(value);
}

const whenFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

/** Table rows with their dates written out once here (one formatter for all rows keeps big timelines fast). */
function tableRows(rows: readonly TimelineRow[]) {
  return rows.map((r) => ({
    ...r,
    when: `${whenFormat.format(r.at)}${r.end ? ` to ${dayFormat.format(r.end)}` : r.openEnded ? ' onwards' : ''}`,
    channelText: channelLabels(r.channels).join(', '),
    behaviourText: behaviourLabels(r.behaviours).join(', '),
  }));
}

interface LinkFormErrors {
  form: string;
  errors: FieldError[];
}

/** Field errors of one of the link forms, with ids prefixed by the form so they link to the right field. */
function prefixed(form: string, errors: FieldError[]) {
  return pageErrors(errors.map((e) => ({ field: `${form}-${e.field.split('.')[0]}`, message: e.message })));
}

export function conductRoutes(app: FastifyInstance, deps: Deps): void {
  if (!app.hasContentTypeParser('text/csv')) {
    app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  }

  const renderTimeline = async (request: FastifyRequest, reply: FastifyReply, reason?: string) => {
    const id = idOf(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    try {
      const view = await service.viewTimeline(deps, ctxOf(request), id, reason);
      const kinds = parseShow(query.show);
      const from = dateParam(query.from);
      const to = dateParam(query.to, true);
      const shown = view.rows.filter((r) => kinds.has(r.kind) && (!from || (r.end ?? r.at).getTime() >= from.getTime()) && (!to || r.at.getTime() <= to.getTime()));
      const svg = renderTimelineSvg(shown, view.analysis, { title: `Timeline of case ${view.case.reference}`, kinds, now: deps.clock.now(), from, to });
      const print = query.view === 'print';
      return reply.render('features/conduct/views/timeline.njk', {
        view,
        svg,
        rows: tableRows(shown),
        breachIds: view.rows.filter((r) => r.kind === 'breach').map((r) => r.key.slice('breach-'.length)),
        filters: FILTERS.map((f) => ({ ...f, checked: kinds.has(f.kind), count: view.counts[f.kind] })),
        show: showValue(kinds),
        from: typeof query.from === 'string' && from ? query.from : '',
        to: typeof query.to === 'string' && to ? query.to : '',
        print,
        offenceTitle: offenceTitle(view.case.offence),
        added: typeof query.added === 'string' && /^\d+$/.test(query.added) ? Number(query.added) : null,
        openedWithReason: reason !== undefined,
        reasonValue: reason,
      });
    } catch (error) {
      if (error instanceof ReasonRequiredError) return reply.code(403).render('features/conduct/views/reason.njk', { id });
      if (error instanceof ValidationError && reason !== undefined) {
        return reply.code(422).render('features/conduct/views/reason.njk', { id, values: { reason }, errors: pageErrors(error.errors) });
      }
      throw error;
    }
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/timeline',
    access: READ,
    summary: 'The timeline of a course of conduct',
    handler: (request, reply) => renderTimeline(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/timeline',
    access: READ,
    summary: 'Open the timeline of a restricted case with a reason',
    handler: (request, reply) => renderTimeline(request, reply, String(bodyOf(request).reason ?? '')),
  });

  // The course-of-conduct summary: generated from the timeline, edited before use.
  const renderSummary = async (request: FastifyRequest, reply: FastifyReply, form?: { text: string; version: number; errors?: FieldError[]; status?: number; regenerated?: boolean }) => {
    const id = idOf(request);
    try {
      const view = await service.caseSummary(deps, ctxOf(request), id);
      return reply.code(form?.status ?? 200).render('features/conduct/views/summary.njk', {
        view,
        text: form?.text ?? view.saved?.text ?? view.generated,
        version: form?.version ?? view.saved?.version ?? 0,
        regenerated: form?.regenerated ?? false,
        saved: (request.query as Record<string, unknown>).saved === '1',
        errors: form?.errors ? pageErrors(form.errors) : undefined,
        canWrite: actorOf(request).permissions.has('cases:write'),
      });
    } catch (error) {
      if (error instanceof ReasonRequiredError) return reply.code(403).render('features/conduct/views/reason.njk', { id });
      throw error;
    }
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/summary',
    access: READ,
    summary: 'The course-of-conduct summary for handovers and prosecution files',
    handler: (request, reply) => renderSummary(request, reply),
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/summary',
    access: WRITE,
    summary: 'Save the edited summary, or start again from the generated one',
    handler: async (request, reply) => {
      const id = idOf(request);
      const body = bodyOf(request);
      const version = Number(body.version ?? 0);
      if (body.action === 'regenerate') {
        const view = await service.caseSummary(deps, ctxOf(request), id);
        return renderSummary(request, reply, { text: view.generated, version, regenerated: true });
      }
      const parsed = service.summaryInput.safeParse(body);
      try {
        if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
        await service.saveCaseSummary(deps, ctxOf(request), id, parsed.data);
      } catch (error) {
        if (error instanceof ValidationError) return renderSummary(request, reply, { text: String(body.text ?? ''), version, errors: error.errors, status: 422 });
        if (error instanceof ConflictError) return renderSummary(request, reply, { text: String(body.text ?? ''), version, errors: [{ field: 'text', message: error.message }], status: 409 });
        throw error;
      }
      return reply.redirect(`/cases/${id}/summary?saved=1`, 303);
    },
  });

  // Links: link, unlink, merge, split.
  const renderLinks = async (request: FastifyRequest, reply: FastifyReply, status = 200, failed?: LinkFormErrors, values: Record<string, unknown> = {}) => {
    const id = idOf(request);
    const links = await service.viewLinks(deps, ctxOf(request), id, typeof values.accessReason === 'string' ? values.accessReason : undefined).catch((error: unknown) => {
      if (error instanceof ReasonRequiredError) return null;
      throw error;
    });
    if (!links) return reply.code(403).render('features/conduct/views/reason.njk', { id, action: `/cases/${id}/timeline` });
    const query = (request.query ?? {}) as Record<string, unknown>;
    return reply.code(status).render('features/conduct/views/links.njk', {
      links,
      form: failed?.form,
      errors: failed ? prefixed(failed.form, failed.errors) : undefined,
      values,
      done: typeof query.done === 'string' ? query.done : null,
      newCase: typeof query.newCase === 'string' && z.uuid().safeParse(query.newCase).success ? query.newCase : null,
      canWrite: actorOf(request).permissions.has('cases:write'),
    });
  };

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/links',
    access: READ,
    summary: 'Reports in a case, and linking, merging and splitting',
    handler: (request, reply) => renderLinks(request, reply),
  });

  const linkAction = <S extends z.ZodType>(form: string, summary: string, schema: S, run: (id: string, input: z.infer<S>, request: FastifyRequest) => Promise<string>) => {
    pageRoute(app, {
      method: 'POST',
      url: `/cases/:id/links/${form}`,
      access: WRITE,
      summary,
      handler: async (request, reply) => {
        const id = idOf(request);
        const body = bodyOf(request);
        const values = { ...body, [`${form}-reason`]: body.reason, [`${form}-reportReference`]: body.reportReference, [`${form}-caseReference`]: body.caseReference, [`${form}-reportIds`]: [body.reportIds ?? []].flat(), [`${form}-reportId`]: body.reportId };
        const parsed = schema.safeParse(body);
        if (!parsed.success) return renderLinks(request, reply, 422, { form, errors: fieldErrors(parsed.error) }, values);
        try {
          const target = await run(id, parsed.data, request);
          return reply.redirect(target, 303);
        } catch (error) {
          if (error instanceof ValidationError) return renderLinks(request, reply, 422, { form, errors: error.errors }, values);
          if (error instanceof ConflictError) return renderLinks(request, reply, 409, { form, errors: [{ field: 'reason', message: error.message }] }, values);
          throw error;
        }
      },
    });
  };

  linkAction('link', 'Link a report to a case by hand', service.linkInput, async (id, input, request) => {
    await service.linkReport(deps, ctxOf(request), id, input);
    return `/cases/${id}/links?done=linked`;
  });
  linkAction('unlink', 'Take a report out of a case', service.unlinkInput, async (id, input, request) => {
    await service.unlinkReport(deps, ctxOf(request), id, input);
    return `/cases/${id}/links?done=unlinked`;
  });
  linkAction('merge', 'Merge another case into this one', service.mergeInput, async (id, input, request) => {
    await service.mergeCases(deps, ctxOf(request), id, input);
    return `/cases/${id}/links?done=merged`;
  });
  linkAction('split', 'Split reports out into a new case', service.splitInput, async (id, input, request) => {
    const created = await service.splitCase(deps, ctxOf(request), id, input);
    return `/cases/${id}/links?done=split&newCase=${created.caseId}`;
  });

  // Batch occasions.
  const batchPage = (reply: FastifyReply, context: Record<string, unknown>) =>
    reply.render('features/conduct/views/batch.njk', {
      channelNames: channelOptions.map((c) => c.label.toLowerCase()).join(', '),
      behaviourNames: behaviourOptions.map((b) => b.label.toLowerCase()).join('; '),
      ...context,
    });

  pageRoute(app, {
    method: 'GET',
    url: '/cases/:id/occasions/batch',
    access: WRITE,
    summary: 'Add many occasions from a diary',
    handler: async (request, reply) => {
      const form = await service.batchForm(deps, ctxOf(request), idOf(request));
      return batchPage(reply, { case: form.case, reports: form.reports, values: { reportId: form.reports.at(-1)?.id } });
    },
  });

  pageRoute(app, {
    method: 'POST',
    url: '/cases/:id/occasions/batch',
    access: WRITE,
    summary: 'Check or save a batch of occasions',
    handler: async (request, reply) => {
      const id = idOf(request);
      const ctx = ctxOf(request);
      const body = bodyOf(request);
      const values = { reportId: body.reportId, csv: typeof body.csv === 'string' ? body.csv : '', validRowsOnly: body.validRowsOnly === 'yes', confirmOutsideWindow: body.confirmOutsideWindow === 'yes' };
      const parsed = service.batchInput.safeParse(body);
      if (body.action !== 'save' || !parsed.success) {
        const preview = await service.previewBatch(deps, ctx, id, values.csv);
        const errors = parsed.success || body.action !== 'save' ? [] : pageErrors(fieldErrors(parsed.error));
        return batchPage(reply.code(errors.length ? 422 : 200), { case: preview.case, reports: preview.reports, values, result: preview.result, errors });
      }
      try {
        const saved = await service.saveBatch(deps, ctx, id, parsed.data);
        return reply.redirect(`/cases/${id}/timeline?added=${saved.saved}`, 303);
      } catch (error) {
        if (error instanceof ValidationError) {
          const form = await service.batchForm(deps, ctx, id);
          return batchPage(reply.code(422), { case: form.case, reports: form.reports, values, result: service.batchOf(error), errors: pageErrors(error.errors) });
        }
        throw error;
      }
    },
  });

  // ---- API ----

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/cases/:id/timeline',
    access: READ,
    summary: `The timeline of a case (every occasion, report, recording decision, order, breach, risk assessment, police action, victim contact, referral and task) with the escalation analysis. show=orders,occasions,breaches,reports,recording,risk,police,contacts,referrals,tasks filters the rows. Restricted cases need the caller named on them and a reason in the ${ACCESS_REASON_HEADER} header.`,
    tags: ['Course of conduct'],
    params: idParams,
    query: z.object({ show: z.string().optional() }),
    response: timelineResponse,
    handler: async ({ request, params, query }) => {
      const header = request.headers[ACCESS_REASON_HEADER];
      const view = await service.viewTimeline(deps, ctxOf(request), params.id, typeof header === 'string' ? header : undefined);
      const kinds = parseShow(query.show);
      return {
        case: { id: view.case.id, reference: view.case.reference, status: view.case.status, offence: view.case.offence, mergedIntoCaseId: view.case.mergedIntoCaseId, version: view.case.version },
        summary: view.summary,
        rows: view.rows.filter((r) => kinds.has(r.kind)),
        escalation: {
          ...view.analysis,
          weeks: [...view.analysis.weeks],
          channels: [...view.analysis.channels],
          behaviours: [...view.analysis.behaviours],
          callouts: view.analysis.callouts.map((c) => ({ ...c, occasionIds: [...c.occasionIds] })),
          suggestions: [...view.analysis.suggestions],
          judgementPrompts: [...view.analysis.judgementPrompts],
        },
      };
    },
  });

  const summaryResponse = z.object({
    generated: z.string(),
    saved: z.object({ text: z.string(), editedBy: z.string(), editedAt: z.date().transform((d) => d.toISOString()), version: z.number() }).nullable(),
    outdated: z.boolean().describe('True when the conduct has changed since the saved text was written'),
  });

  const summaryOut = (view: service.CaseSummaryView) => ({
    generated: view.generated,
    saved: view.saved ? { text: view.saved.text, editedBy: view.saved.editedByName, editedAt: view.saved.editedAt, version: view.saved.version } : null,
    outdated: view.outdated,
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/cases/:id/summary',
    access: READ,
    summary: `The course-of-conduct summary: generated from the timeline, and the edited text if saved. Restricted cases need a reason in the ${ACCESS_REASON_HEADER} header.`,
    tags: ['Course of conduct'],
    params: idParams,
    response: summaryResponse,
    handler: async ({ request, params }) => {
      const header = request.headers[ACCESS_REASON_HEADER];
      return summaryOut(await service.caseSummary(deps, ctxOf(request), params.id, typeof header === 'string' ? header : undefined));
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/cases/:id/summary',
    access: WRITE,
    summary: 'Save the edited summary (send the version you read; 0 if none was saved). A stale version is refused with 409.',
    tags: ['Course of conduct'],
    params: idParams,
    body: service.summaryInput,
    response: summaryResponse,
    handler: async ({ request, params, body }) => {
      await service.saveCaseSummary(deps, ctxOf(request), params.id, body);
      return summaryOut(await service.caseSummary(deps, ctxOf(request), params.id));
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/cases/:id/links',
    access: READ,
    summary: 'The reports in a case and the history of its links, merges and splits',
    tags: ['Course of conduct'],
    params: idParams,
    response: linksResponse,
    handler: async ({ request, params }) => {
      const header = request.headers[ACCESS_REASON_HEADER];
      const links = await service.viewLinks(deps, ctxOf(request), params.id, typeof header === 'string' ? header : undefined);
      return {
        case: { id: links.case.id, reference: links.case.reference, version: links.case.version, mergedIntoCaseId: links.case.mergedIntoCaseId },
        reports: links.reports,
        history: links.events.map((e) => ({ kind: e.kind, at: e.at, otherCaseId: e.otherCaseId, otherCaseReference: e.otherCaseReference, reportReferences: e.reportReferences, reason: e.reason, by: e.byName })),
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/links',
    access: WRITE,
    summary: 'Link a report to this case by hand (send the case version you read and a reason)',
    tags: ['Course of conduct'],
    params: idParams,
    body: service.linkInput,
    response: z.object({ reportId: z.string(), reportReference: z.string() }),
    successStatus: 201,
    handler: async ({ request, params, body }) => service.linkReport(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/links/unlink',
    access: WRITE,
    summary: 'Take a report out of this case (it must stay in another case)',
    tags: ['Course of conduct'],
    params: idParams,
    body: service.unlinkInput,
    response: z.object({ unlinked: z.literal(true) }),
    handler: async ({ request, params, body }) => {
      await service.unlinkReport(deps, ctxOf(request), params.id, body);
      return { unlinked: true as const };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/merge',
    access: WRITE,
    summary: 'Merge another case (by reference) into this one, with a reason',
    tags: ['Course of conduct'],
    params: idParams,
    body: service.mergeInput,
    response: z.object({ mergedCaseId: z.string(), mergedReference: z.string(), reportsMoved: z.number() }),
    handler: async ({ request, params, body }) => service.mergeCases(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/split',
    access: WRITE,
    summary: 'Move some reports of this case into a new case, with a reason',
    tags: ['Course of conduct'],
    params: idParams,
    body: service.splitInput,
    response: z.object({ caseId: z.string(), caseReference: z.string() }),
    successStatus: 201,
    handler: async ({ request, params, body }) => service.splitCase(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/occasions',
    access: WRITE,
    summary: 'Add one occasion to a report in this case (channel and behaviour codes from the intake options)',
    tags: ['Course of conduct'],
    params: idParams,
    body: service.occasionInput,
    response: z.object({ occasionId: z.string() }),
    successStatus: 201,
    handler: async ({ request, params, body }) => service.addOccasion(deps, ctxOf(request), params.id, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/occasions/batch',
    access: WRITE,
    summary:
      'Add a batch of occasions to a report in this case, in one transaction. Send application/json ({ reportId, csv or rows, validRowsOnly, confirmOutsideWindow, preview }) or text/csv (reportId and the choices in the query). Nothing is saved while any row has a problem unless validRowsOnly is true; dates outside the case window need confirmOutsideWindow. preview=true checks without saving.',
    tags: ['Course of conduct'],
    params: idParams,
    query: batchQuery,
    body: batchBody,
    response: batchResponse,
    handler: async ({ request, params, query, body }) => {
      const ctx = ctxOf(request);
      let input: { reportId: string | undefined; csv: string; validRowsOnly: boolean; confirmOutsideWindow: boolean; preview: boolean };
      if (typeof body === 'string') {
        input = { reportId: query.reportId, csv: body, validRowsOnly: query.validRowsOnly === 'true', confirmOutsideWindow: query.confirmOutsideWindow === 'true', preview: query.preview === 'true' };
      } else {
        const csv =
          body.csv ??
          (body.rows
            ? ['Date,Time,Channel,What happened,Place,Behaviours', ...body.rows.map((r) => [r.date, r.time, r.channel, r.whatHappened, r.place, r.behaviours].map(csvCell).join(','))].join('\n')
            : '');
        input = { reportId: body.reportId, csv, validRowsOnly: body.validRowsOnly, confirmOutsideWindow: body.confirmOutsideWindow, preview: body.preview };
      }
      if (input.preview) {
        const preview = await service.previewBatch(deps, ctx, params.id, input.csv);
        return { preview: true, saved: 0, occasionIds: [], skippedRows: [], fileErrors: [...preview.result.fileErrors], rows: batchRows(preview.result) };
      }
      if (!input.reportId) throw new ValidationError([{ field: 'reportId', message: 'Choose the report the occasions belong to' }]);
      try {
        const saved = await service.saveBatch(deps, ctx, params.id, { reportId: input.reportId, csv: input.csv, validRowsOnly: input.validRowsOnly, confirmOutsideWindow: input.confirmOutsideWindow });
        return { preview: false, saved: saved.saved, occasionIds: saved.occasionIds, skippedRows: saved.skippedRows, fileErrors: [], rows: batchRows(saved.result) };
      } catch (error) {
        const result = service.batchOf(error);
        if (error instanceof ValidationError && result) throw new ValidationError(batchErrors(error.errors[0]?.message ?? 'The batch has problems', result));
        throw error;
      }
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/cases/:id/police-actions',
    access: { anyOf: ['investigation:manage'] },
    summary: 'Record a police action on the case suspect: arrest, interview, bail (with conditions), release under investigation or without charge, charge, remand, release from custody',
    tags: ['Course of conduct'],
    params: idParams,
    body: service.policeActionInput,
    response: z.object({ id: z.string() }),
    successStatus: 201,
    handler: async ({ request, params, body }) => service.recordPoliceAction(deps, ctxOf(request), params.id, body),
  });
}
