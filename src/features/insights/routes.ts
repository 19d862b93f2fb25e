import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { londonDateOf } from '../../domain/calendar/index.ts';
import { csvFileName, INDICATORS, type Table } from '../../domain/insights/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { ValidationError, type FieldError } from '../../platform/errors.ts';
import { pageErrors } from '../../platform/http/forms.ts';
import { apiRoute, ctxOf, pageRoute, parse } from '../../platform/http/routes.ts';
import * as service from './service.ts';

const VIEW = { anyOf: ['insights:view'] } as const;
const TAGS = ['Insights'];

function queryOf(request: FastifyRequest): Record<string, unknown> {
  return (request.query ?? {}) as Record<string, unknown>;
}

/** The filters from the query string; on a mistake, the default filters and the errors to show. */
function pageFilters(deps: Deps, request: FastifyRequest): { filters: service.DashboardFilters; input: Record<string, unknown>; errors: FieldError[] } {
  const today = londonDateOf(deps.clock.now());
  const input = queryOf(request);
  try {
    return { filters: service.resolveFilters(parse(service.filtersInput, input), today), input, errors: [] };
  } catch (error) {
    if (error instanceof ValidationError) return { filters: service.resolveFilters({}, today), input, errors: error.errors };
    throw error;
  }
}

function apiFilters(deps: Deps, input: service.FiltersInput): service.DashboardFilters {
  return service.resolveFilters(input, londonDateOf(deps.clock.now()));
}

function common(deps: Deps, request: FastifyRequest, filters: service.DashboardFilters, input: Record<string, unknown>, errors: FieldError[]) {
  const ctx = ctxOf(request);
  return {
    filters,
    form: { from: typeof input.from === 'string' ? input.from : filters.period.from, to: typeof input.to === 'string' ? input.to : filters.period.to, team: filters.team ?? '', da: filters.da ?? '', gender: filters.gender ?? '' },
    errors: pageErrors(errors),
    teams: service.TEAM_FILTERS,
    query: service.filterQuery(filters),
    drill: service.canDrillDown(ctx),
    csv: (table: Table) => `/insights/export?${service.filterQuery(filters, { table: table.id })}`,
  };
}

// API shapes
const figureOut = z.object({
  id: z.string(),
  label: z.string(),
  group: z.string(),
  kind: z.string(),
  figure: z.string(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  notMet: z.number().nullable(),
  counted: z.string(),
});
const tableOut = z.object({ id: z.string(), caption: z.string(), headings: z.array(z.string()), rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))) });
const filtersOut = z.object({ from: z.string(), to: z.string(), team: z.string().nullable(), da: z.string().nullable(), gender: z.string().nullable() });

function filtersJson(f: service.DashboardFilters): z.input<typeof filtersOut> {
  return { from: f.period.from, to: f.period.to, team: f.team ?? null, da: f.da ?? null, gender: f.gender ?? null };
}

function figureJson(x: service.IndicatorFigure): z.input<typeof figureOut> {
  return { id: x.definition.id, label: x.definition.label, group: x.definition.group, kind: x.definition.kind, figure: x.figure, value: x.value, numerator: x.numerator, denominator: x.denominator, notMet: x.notMet, counted: x.definition.counted };
}

function tableJson(t: Table): z.input<typeof tableOut> {
  return { id: t.id, caption: t.caption, headings: [...t.headings], rows: t.rows.map((r) => [...r]) };
}

const caseRowOut = z.object({ id: z.string(), reference: z.string(), restricted: z.boolean(), offence: z.string().nullable(), domesticAbuse: z.boolean().nullable(), ownerTeam: z.string().nullable(), status: z.string().nullable(), firstRecordedAt: z.string().nullable() });

export function insightsRoutes(app: FastifyInstance, deps: Deps): void {
  pageRoute(app, {
    method: 'GET',
    url: '/insights',
    access: VIEW,
    summary: 'Force dashboard: live performance and compliance indicators for a period, team, DA/non-DA and victim gender',
    handler: async (request, reply) => {
      const { filters, input, errors } = pageFilters(deps, request);
      const view = await service.forceDashboard(deps, ctxOf(request), filters);
      return reply.code(errors.length ? 422 : 200).render('features/insights/views/dashboard.njk', { ...common(deps, request, filters, input, errors), view, notYetMeasuredTable: service.notYetMeasuredTable(view.notYetMeasured) });
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/insights/trends',
    access: VIEW,
    summary: 'Trend charts by month with a table of the same figures beside each',
    handler: async (request, reply) => {
      const { filters, input, errors } = pageFilters(deps, request);
      const view = await service.trends(deps, ctxOf(request), filters);
      return reply.code(errors.length ? 422 : 200).render('features/insights/views/trends.njk', { ...common(deps, request, filters, input, errors), view });
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/insights/cases',
    access: VIEW,
    summary: 'The cases behind a dashboard figure',
    handler: async (request, reply) => {
      const input = parse(service.caseListInput, queryOf(request));
      const filters = service.resolveFilters(input, londonDateOf(deps.clock.now()));
      const view = await service.caseList(deps, ctxOf(request), filters, input.indicator, input.side);
      return reply.render('features/insights/views/cases.njk', { view, query: service.filterQuery(filters) });
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/insights/daily',
    access: VIEW,
    summary: 'Daily management meeting: new crimes, high risk, overdue risk work and victim updates, SPO deadlines, breaches, serial perpetrators',
    handler: async (request, reply) => {
      const { hours } = parse(z.object({ hours: z.coerce.number().pipe(z.union([z.literal(24), z.literal(72)])).default(24) }), queryOf(request));
      const view = await service.dailyMeeting(deps, ctxOf(request), hours);
      return reply.render('features/insights/views/daily.njk', { view });
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/insights/profile',
    access: VIEW,
    summary: 'Problem profile: repeat victims and perpetrators, serial perpetrators, channels, relationships, areas',
    handler: async (request, reply) => {
      const { filters, input, errors } = pageFilters(deps, request);
      const view = await service.problemProfile(deps, ctxOf(request), filters);
      return reply.code(errors.length ? 422 : 200).render('features/insights/views/profile.njk', { ...common(deps, request, filters, input, errors), view });
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/insights/criteria',
    access: VIEW,
    summary: 'Inspection criteria (reference 001 Annex A, 002 Annex B) with the live indicators that evidence each',
    handler: async (request, reply) => {
      const { filters, input, errors } = pageFilters(deps, request);
      const view = await service.inspectionCriteria(deps, ctxOf(request), filters);
      return reply.code(errors.length ? 422 : 200).render('features/insights/views/criteria.njk', { ...common(deps, request, filters, input, errors), view });
    },
  });

  pageRoute(app, {
    method: 'GET',
    url: '/insights/export',
    access: VIEW,
    summary: 'Any insights table as CSV',
    handler: async (request, reply) => {
      const input = parse(service.filtersInput.extend({ table: z.string().regex(/^[a-z0-9-]{1,80}$/, 'Choose a table') }), queryOf(request));
      const filters = service.resolveFilters(input, londonDateOf(deps.clock.now()));
      const { table, csv } = await service.exportTable(deps, ctxOf(request), filters, input.table);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csvFileName(table, filters.period.from, filters.period.to)}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  });

  // ---------------------------------------------------------------------------
  // API: the same figures as JSON

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/insights/dashboard',
    access: VIEW,
    summary: 'Force dashboard figures for a period (from, to as YYYY-MM-DD; default the last 12 months), team, da (yes/no) and victim gender',
    tags: TAGS,
    query: service.filtersInput,
    response: z.object({
      filters: filtersOut,
      cases: z.number(),
      indicators: z.array(figureOut),
      notYetMeasured: z.array(z.object({ id: z.string(), label: z.string(), reason: z.string() })),
      tables: z.array(tableOut),
    }),
    handler: async ({ query, request }) => {
      const view = await service.forceDashboard(deps, ctxOf(request), apiFilters(deps, query));
      return {
        filters: filtersJson(view.filters),
        cases: view.cases,
        indicators: view.figures.map(figureJson),
        notYetMeasured: view.notYetMeasured.map((d) => ({ id: d.id, label: d.label, reason: d.notYetMeasured ?? '' })),
        tables: [...view.groups.map((g) => g.table), view.outcomeMix, view.outcomesByGender].map(tableJson),
      };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/insights/trends',
    access: VIEW,
    summary: 'Trend figures by month of first recording',
    tags: TAGS,
    query: service.filtersInput,
    response: z.object({ filters: filtersOut, trends: z.array(z.object({ id: z.string(), label: z.string(), table: tableOut })) }),
    handler: async ({ query, request }) => {
      const view = await service.trends(deps, ctxOf(request), apiFilters(deps, query));
      return { filters: filtersJson(view.filters), trends: view.trends.map((t) => ({ id: t.definition.id, label: t.definition.label, table: tableJson(t.table) })) };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/insights/cases',
    access: VIEW,
    summary: `The cases behind a figure: indicator (one of ${INDICATORS.filter((i) => !i.notYetMeasured).map((i) => i.id).join(', ')}, or outcome-N), side (numerator, denominator, gap) and the dashboard filters`,
    tags: TAGS,
    query: service.caseListInput,
    response: z.object({ title: z.string(), filters: filtersOut, more: z.boolean(), cases: z.array(caseRowOut) }),
    handler: async ({ query, request }) => {
      const filters = apiFilters(deps, query);
      const view = await service.caseList(deps, ctxOf(request), filters, query.indicator, query.side);
      return {
        title: view.title,
        filters: filtersJson(filters),
        more: view.more,
        cases: view.rows.map((r) =>
          r.restricted
            ? { id: r.id, reference: r.reference, restricted: true, offence: null, domesticAbuse: null, ownerTeam: null, status: null, firstRecordedAt: null }
            : { id: r.id, reference: r.reference, restricted: false, offence: r.offence, domesticAbuse: r.domesticAbuse, ownerTeam: r.ownerTeam, status: r.status, firstRecordedAt: r.createdAt.toISOString() },
        ),
      };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/insights/daily',
    access: VIEW,
    summary: 'Daily management meeting lists (hours: 24 or 72 to look back)',
    tags: TAGS,
    query: z.object({ hours: z.coerce.number().pipe(z.union([z.literal(24), z.literal(72)])).default(24) }),
    response: z.object({ hours: z.number(), since: z.string(), sections: z.array(z.object({ id: z.string(), heading: z.string(), table: tableOut, caseIds: z.array(z.string().nullable()) })) }),
    handler: async ({ query, request }) => {
      const view = await service.dailyMeeting(deps, ctxOf(request), query.hours);
      return { hours: view.hours, since: view.since.toISOString(), sections: view.sections.map((s) => ({ id: s.id, heading: s.heading, table: tableJson(s.table), caseIds: s.items.map((i) => i.caseId) })) };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/insights/profile',
    access: VIEW,
    summary: 'Problem profile tables',
    tags: TAGS,
    query: service.filtersInput,
    response: z.object({ filters: filtersOut, tables: z.array(tableOut) }),
    handler: async ({ query, request }) => {
      const view = await service.problemProfile(deps, ctxOf(request), apiFilters(deps, query));
      return { filters: filtersJson(view.filters), tables: view.tables.map(tableJson) };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/insights/criteria',
    access: VIEW,
    summary: 'Inspection criteria with the live indicators that evidence each',
    tags: TAGS,
    query: service.filtersInput,
    response: z.object({ filters: filtersOut, table: tableOut }),
    handler: async ({ query, request }) => {
      const view = await service.inspectionCriteria(deps, ctxOf(request), apiFilters(deps, query));
      return { filters: filtersJson(view.dashboard.filters), table: tableJson(view.table) };
    },
  });
}
