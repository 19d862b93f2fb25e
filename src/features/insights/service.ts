import { z } from 'zod';
import { TEAMS } from '../../domain/access/index.ts';
import { addDays, addMonths, londonDateOf, startOfLondonDay } from '../../domain/calendar/index.ts';
import { channels as CHANNELS, offences as OFFENCES, relationships as RELATIONSHIPS } from '../../domain/classification/index.ts';
import {
  INDICATORS,
  INDICATOR_GROUPS,
  INSPECTION_CRITERIA,
  TREND_INDICATORS,
  chartGeometry,
  defaultPeriod,
  fillBuckets,
  formatHours,
  formatPercent,
  formatRatio,
  indicatorById,
  monthBuckets,
  periodProblem,
  rate,
  toCsv,
  type ChartGeometry,
  type IndicatorDefinition,
  type Period,
  type Table,
} from '../../domain/insights/index.ts';
import { OUTCOME_TYPES } from '../../domain/investigation/index.ts';
import { eventLabel } from '../../domain/victims/index.ts';
import { renewalSubmissionDue } from '../../domain/calendar/order-deadlines.ts';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type Db } from '../../platform/audit/audit-repository.ts';
import type { Deps } from '../../platform/deps.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import * as repo from './repository.ts';

// ---------------------------------------------------------------------------
// Filters

export const GENDER_FILTERS = ['Female', 'Male', 'Other', 'not-recorded'] as const;
export const TEAM_FILTERS = TEAMS.filter((t) => t.code !== 'panel');

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** The dashboard filters as a form or query string gives them; blank means "all". */
export const filtersInput = z.object({
  from: z.preprocess(blankToUndefined, z.string().max(10).optional()),
  to: z.preprocess(blankToUndefined, z.string().max(10).optional()),
  team: z.preprocess(blankToUndefined, z.enum(TEAM_FILTERS.map((t) => t.code) as [string, ...string[]], 'Choose a team from the list').optional()),
  da: z.preprocess(blankToUndefined, z.enum(['yes', 'no'], 'Choose domestic abuse, not domestic abuse or all').optional()),
  gender: z.preprocess(blankToUndefined, z.enum(GENDER_FILTERS, 'Choose a victim gender from the list').optional()),
});
export type FiltersInput = z.infer<typeof filtersInput>;

export interface DashboardFilters {
  period: Period;
  team?: string | undefined;
  da?: 'yes' | 'no' | undefined;
  gender?: (typeof GENDER_FILTERS)[number] | undefined;
}

/** Checks the filters and fills in the default period (the last 12 months). */
export function resolveFilters(input: FiltersInput, today: string): DashboardFilters {
  const fallback = defaultPeriod(today);
  const from = input.from ?? fallback.from;
  const to = input.to ?? (input.from ? today : fallback.to);
  const problem = periodProblem(from, to);
  if (problem) throw new ValidationError([{ field: problem.includes('end') && !problem.includes('start') ? 'to' : 'from', message: problem }]);
  return { period: { from, to }, team: input.team, da: input.da, gender: input.gender };
}

function toRepoFilters(f: DashboardFilters): repo.Filters {
  return {
    fromInstant: startOfLondonDay(f.period.from),
    toInstant: startOfLondonDay(addDays(f.period.to, 1)),
    team: f.team,
    domesticAbuse: f.da === undefined ? undefined : f.da === 'yes',
    victimGender: f.gender,
  };
}

/** The filters as a query string, for links and downloads (ids and codes only, no personal data). */
export function filterQuery(f: DashboardFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ from: f.period.from, to: f.period.to });
  if (f.team) q.set('team', f.team);
  if (f.da) q.set('da', f.da);
  if (f.gender) q.set('gender', f.gender);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export function describeFilters(f: DashboardFilters): string {
  const parts = [`cases first recorded ${f.period.from} to ${f.period.to}`];
  if (f.team) parts.push(`team: ${TEAMS.find((t) => t.code === f.team)?.name ?? f.team}`);
  if (f.da) parts.push(f.da === 'yes' ? 'domestic abuse only' : 'not domestic abuse');
  if (f.gender) parts.push(`victim gender: ${f.gender === 'not-recorded' ? 'not recorded' : f.gender}`);
  return parts.join('; ');
}

// ---------------------------------------------------------------------------
// Plumbing

function requireInsights(ctx: RequestContext): void {
  requirePermission(ctx.actor, 'insights:view');
}

/** Whether figures may link to the cases behind them. */
export function canDrillDown(ctx: RequestContext): boolean {
  return ctx.actor.permissions.has('insights:view') && ctx.actor.permissions.has('cases:read');
}

async function audit(tx: Db, ctx: RequestContext, recordType: string, details: Record<string, unknown>): Promise<void> {
  await appendAudit(tx, { actorId: ctx.actor.id, actorUsername: ctx.actor.username, action: 'view', recordType, details, requestId: ctx.requestId });
}

/**
 * Runs a measurement over current facts: first the cases changed since the last
 * measurement have their stored facts recomputed (a short transaction of its own, so
 * writers never wait on a long read), then the work runs in one transaction with JIT off.
 */
async function measuring<T>(deps: Deps, work: (tx: Db) => Promise<T>): Promise<T> {
  await refreshFacts(deps);
  return analyticsRead(deps, work);
}

async function refreshFacts(deps: Deps): Promise<void> {
  await analyticsRead(deps, (tx) => repo.refreshStaleFacts(tx));
}

/** One read in a transaction of its own with JIT off. */
function analyticsRead<T>(deps: Deps, work: (tx: Db) => Promise<T>): Promise<T> {
  return deps.db.transaction().execute(async (tx) => {
    await repo.analyticsSession(tx);
    return work(tx);
  });
}

// ---------------------------------------------------------------------------
// The force dashboard

export interface IndicatorFigure {
  definition: IndicatorDefinition;
  /** The figure as shown ("30%", "12", "1.5 : 1", "3.5 hours"). */
  figure: string;
  numerator: number | null;
  denominator: number | null;
  notMet: number | null;
  value: number | null;
}

export interface Dashboard {
  filters: DashboardFilters;
  description: string;
  cases: number;
  figures: IndicatorFigure[];
  groups: Array<{ id: string; label: string; table: Table; links: Array<Array<string | null>> }>;
  notYetMeasured: IndicatorDefinition[];
  outcomeMix: Table;
  outcomeMixLinks: Array<Array<string | null>>;
  outcomesByGender: Table;
  generatedAt: Date;
}

function figureOf(def: IndicatorDefinition, v: repo.MeasureValue | undefined): IndicatorFigure {
  const n = v?.n ?? 0;
  const d = v?.d ?? null;
  switch (def.kind) {
    case 'count':
      return { definition: def, figure: String(n), numerator: n, denominator: null, notMet: null, value: n };
    case 'rate': {
      const r = rate(n, d ?? 0);
      return { definition: def, figure: formatPercent(r.value), numerator: n, denominator: d, notMet: d === null ? null : d - n, value: r.value };
    }
    case 'ratio':
      return { definition: def, figure: formatRatio(n, d ?? 0), numerator: n, denominator: d, notMet: null, value: d ? n / d : null };
    case 'median-hours':
      return { definition: def, figure: formatHours(v?.n ?? null), numerator: d, denominator: null, notMet: null, value: v?.n ?? null };
  }
}

export const FIGURE_HEADINGS = ['Indicator', 'Figure', 'Counted', 'Out of', 'Not met'] as const;

function drillLink(f: DashboardFilters, id: string, side: repo.Side): string {
  return `/insights/cases?${filterQuery(f, { indicator: id, side })}`;
}

function figureRow(fig: IndicatorFigure): Array<string | number | null> {
  return [fig.definition.label, fig.figure, fig.numerator, fig.denominator, fig.notMet];
}

function figureLinks(fig: IndicatorFigure, f: DashboardFilters, drill: boolean): Array<string | null> {
  if (!drill) return [null, null, null, null, null];
  const id = fig.definition.id;
  const measure = repo.MEASURES[id];
  const special = (repo.SPECIAL_MEASURES as readonly string[]).includes(id);
  const has = (side: repo.Side) => special ? side === 'numerator' : !!measure && !!repo.sidePredicate(measure, side);
  return [
    null,
    null,
    fig.numerator !== null && has('numerator') ? drillLink(f, id, 'numerator') : null,
    fig.denominator !== null && has('denominator') ? drillLink(f, id, 'denominator') : null,
    fig.notMet !== null && has('gap') ? drillLink(f, id, 'gap') : null,
  ];
}

const GENDERS_SHOWN = ['Female', 'Male', 'Other', null] as const;

/**
 * The dashboard's four aggregates are independent, so each runs in a read of its own: on
 * PostgreSQL they run side by side on pooled connections (at national scale the two
 * largest take about 0.6 s each); the embedded database has one connection and runs them
 * in turn.
 */
async function measureDashboard(deps: Deps, filters: DashboardFilters, now: Date, drill: boolean): Promise<Omit<Dashboard, 'generatedAt'>> {
  const f = toRepoFilters(filters);
  const [values, mix, genders, warnings] = await Promise.all([
    analyticsRead(deps, (tx) => repo.measureAll(tx, f, now)),
    analyticsRead(deps, (tx) => repo.outcomeMix(tx, f, now)),
    analyticsRead(deps, (tx) => repo.outcomesByVictimGender(tx, f)),
    analyticsRead(deps, (tx) => repo.historicWarnings(tx, f)),
  ]);
  const measured = INDICATORS.filter((i) => !i.notYetMeasured);
  const figures = measured.map((def) => figureOf(def, def.id === 'historic-warnings' ? { n: warnings, d: null } : values[def.id]));
  const groups = INDICATOR_GROUPS.map((g) => {
    const mine = figures.filter((x) => x.definition.group === g.id);
    return {
      id: g.id,
      label: g.label,
      table: { id: `dashboard-${g.id}`, caption: g.label, headings: [...FIGURE_HEADINGS], rows: mine.map(figureRow) },
      links: mine.map((x) => figureLinks(x, filters, drill)),
    };
  });
  const totalOutcomes = mix.reduce((s, m) => s + m.count, 0);
  const outcomeMix: Table = {
    id: 'outcome-mix',
    caption: 'Outcome mix',
    headings: ['Outcome type', 'Cases', 'Share'],
    rows: mix.map((m) => [`${m.code}: ${OUTCOME_TYPES.find((o) => o.code === m.code)?.title ?? 'Unknown'}`, m.count, formatPercent(rate(m.count, totalOutcomes).value)]),
  };
  const outcomeMixLinks = mix.map((m) => [null, drill ? `/insights/cases?${filterQuery(filters, { indicator: `outcome-${m.code}`, side: 'numerator' })}` : null, null]);
  const codes = [...new Set(genders.map((g) => g.code))].sort((a, b) => a - b);
  const outcomesByGender: Table = {
    id: 'outcomes-by-victim-gender',
    caption: 'Outcomes by victim gender',
    headings: ['Victim gender', 'Victims with an outcome', 'Charged (1)', 'Charge rate', 'Outcome 16', 'Outcome 16 rate', 'Outcome 18', 'Outcome 18 rate', ...codes.filter((c) => ![1, 16, 18].includes(c)).map((c) => `Outcome ${c}`)],
    rows: GENDERS_SHOWN.filter((g) => genders.some((x) => x.gender === g)).map((g) => {
      const mine = genders.filter((x) => x.gender === g);
      const total = mine.reduce((s, x) => s + x.count, 0);
      const of = (code: number) => mine.find((x) => x.code === code)?.count ?? 0;
      return [
        g ?? 'Not recorded',
        total,
        of(1),
        formatPercent(rate(of(1), total).value),
        of(16),
        formatPercent(rate(of(16), total).value),
        of(18),
        formatPercent(rate(of(18), total).value),
        ...codes.filter((c) => ![1, 16, 18].includes(c)).map(of),
      ];
    }),
  };
  return {
    filters,
    description: describeFilters(filters),
    cases: values.cases.n ?? 0,
    figures,
    groups,
    notYetMeasured: INDICATORS.filter((i) => !!i.notYetMeasured),
    outcomeMix,
    outcomeMixLinks,
    outcomesByGender,
  };
}

/**
 * The force dashboard for a period and filters: every measured indicator, the outcome mix
 * and outcomes by victim gender. The benchmark times this function.
 */
export async function forceDashboard(deps: Deps, ctx: RequestContext, filters: DashboardFilters): Promise<Dashboard> {
  requireInsights(ctx);
  const now = deps.clock.now();
  await refreshFacts(deps);
  const view = await measureDashboard(deps, filters, now, canDrillDown(ctx));
  // Nothing is returned unless the viewing is recorded.
  await deps.db.transaction().execute((tx) => audit(tx, ctx, 'insights-dashboard', { filters: filterQuery(filters) }));
  return { ...view, generatedAt: now };
}

// ---------------------------------------------------------------------------
// Trends

export interface Trend {
  definition: IndicatorDefinition;
  chart: ChartGeometry;
  table: Table;
  percent: boolean;
}

export interface Trends {
  filters: DashboardFilters;
  description: string;
  trends: Trend[];
}

export async function trends(deps: Deps, ctx: RequestContext, filters: DashboardFilters): Promise<Trends> {
  requireInsights(ctx);
  const now = deps.clock.now();
  return measuring(deps, async (tx) => {
    const byMonth = await repo.measureByMonth(tx, toRepoFilters(filters), now, TREND_INDICATORS);
    const buckets = monthBuckets(filters.period);
    const out = TREND_INDICATORS.map((id) => {
      const def = indicatorById(id)!;
      const filled = fillBuckets(buckets, byMonth, () => ({}) as repo.MeasureValues);
      const figs = filled.map(({ bucket, value }) => ({ bucket, fig: figureOf(def, value[id]) }));
      const percent = def.kind === 'rate';
      return {
        definition: def,
        percent,
        chart: chartGeometry(figs.map(({ bucket, fig }) => ({ label: bucket.label, value: fig.value })), { percent }),
        table: {
          id: `trend-${id}`,
          caption: `${def.label} by month first recorded`,
          headings: percent ? ['Month', 'Figure', 'Counted', 'Out of'] : ['Month', 'Figure'],
          rows: figs.map(({ bucket, fig }) => (percent ? [bucket.label, fig.figure, fig.numerator, fig.denominator] : [bucket.label, fig.figure])),
        },
      };
    });
    await audit(tx, ctx, 'insights-trends', { filters: filterQuery(filters) });
    return { filters, description: describeFilters(filters), trends: out };
  });
}

// ---------------------------------------------------------------------------
// The cases behind a figure

export const CASE_LIST_LIMIT = 500;

export const caseListInput = filtersInput.extend({
  indicator: z.string().regex(/^[a-z0-9-]{1,60}$/, 'Choose an indicator'),
  side: z.enum(['numerator', 'denominator', 'gap'], 'Choose which cases to list').default('numerator'),
});

export interface CaseList {
  filters: DashboardFilters;
  description: string;
  title: string;
  side: repo.Side;
  rows: Array<repo.CaseListRow & { offenceTitle: string | null }>;
  more: boolean;
}

const SIDE_WORDS: Record<repo.Side, string> = { numerator: 'counted', denominator: 'all cases it is out of', gap: 'not met' };

export async function caseList(deps: Deps, ctx: RequestContext, filters: DashboardFilters, indicator: string, side: repo.Side): Promise<CaseList> {
  requireInsights(ctx);
  if (!canDrillDown(ctx)) throw new ForbiddenError();
  const now = deps.clock.now();
  const f = toRepoFilters(filters);
  const outcome = /^outcome-(\d{1,2})$/.exec(indicator);
  let title: string;
  let load: (tx: Db) => Promise<repo.CaseListRow[]>;
  if (outcome) {
    const code = Number(outcome[1]);
    const type = OUTCOME_TYPES.find((o) => o.code === code);
    if (!type || side !== 'numerator') throw new NotFoundError('There is no such figure.');
    title = `Outcome ${code}: ${type.title}`;
    load = (tx) => repo.casesBehind(tx, f, now, repo.outcomePredicate(code), CASE_LIST_LIMIT);
  } else if (indicator === 'historic-warnings') {
    if (side !== 'numerator') throw new NotFoundError('There is no such figure.');
    title = indicatorById(indicator)!.label;
    load = (tx) => repo.casesWithWarnings(tx, f, CASE_LIST_LIMIT);
  } else {
    const def = indicatorById(indicator);
    const measure = repo.MEASURES[indicator];
    const where = measure ? repo.sidePredicate(measure, side) : undefined;
    if (!def || !where) throw new NotFoundError('There is no such figure.');
    title = `${def.label}: ${SIDE_WORDS[side]}`;
    load = (tx) => repo.casesBehind(tx, f, now, where, CASE_LIST_LIMIT);
  }
  return measuring(deps, async (tx) => {
    const rows = await load(tx);
    await audit(tx, ctx, 'insights-case-list', { indicator, side, filters: filterQuery(filters), count: Math.min(rows.length, CASE_LIST_LIMIT) });
    return {
      filters,
      description: describeFilters(filters),
      title,
      side,
      rows: rows.slice(0, CASE_LIST_LIMIT).map((r) => ({ ...r, offenceTitle: r.offence ? (OFFENCES.find((o) => o.code === r.offence)?.title ?? r.offence) : null })),
      more: rows.length > CASE_LIST_LIMIT,
    };
  });
}

// ---------------------------------------------------------------------------
// Daily management meeting

export const DAILY_LIMIT = 200;
export const LOOK_BACK_HOURS = [24, 72] as const;

export interface DailyItem {
  caseId: string | null;
  reference: string | null;
  restricted: boolean;
  offenceTitle: string | null;
  team: string | null;
  at: Date | string | null;
  detail: string | null;
}

export interface DailySection {
  id: string;
  heading: string;
  empty: string;
  items: DailyItem[];
  table: Table;
}

export interface DailyMeeting {
  hours: number;
  since: Date;
  now: Date;
  sections: DailySection[];
}

function offenceTitle(code: string | null): string | null {
  return code ? (OFFENCES.find((o) => o.code === code)?.title ?? code) : null;
}

function caseItem(r: repo.DailyRow, detail?: string | null): DailyItem {
  return { caseId: r.id, reference: r.reference, restricted: r.restricted, offenceTitle: r.restricted ? null : offenceTitle(r.offence), team: r.ownerTeam, at: r.at, detail: detail ?? r.detail };
}

function isoOf(at: Date | string | null): string | null {
  return at instanceof Date ? at.toISOString() : at;
}

function section(id: string, heading: string, empty: string, items: DailyItem[], whenHeading: string): DailySection {
  return {
    id,
    heading,
    empty,
    items,
    table: {
      id: `daily-${id}`,
      caption: heading,
      headings: ['Case', 'Offence', 'Team', whenHeading, 'Detail'],
      rows: items.map((i) => [i.reference ?? '', i.restricted ? 'Restricted' : (i.offenceTitle ?? ''), i.team ? (TEAMS.find((t) => t.code === i.team)?.name ?? i.team) : '', isoOf(i.at), i.detail]),
    },
  };
}

export async function dailyMeeting(deps: Deps, ctx: RequestContext, hours: number): Promise<DailyMeeting> {
  requireInsights(ctx);
  if (!ctx.actor.permissions.has('cases:read')) throw new ForbiddenError();
  const now = deps.clock.now();
  const since = new Date(now.getTime() - hours * 3_600_000);
  const today = londonDateOf(now);
  return deps.db.transaction().execute(async (tx) => {
    const [crimes, high, risk, updates, spos, breaches, serial] = await Promise.all([
      repo.newCrimes(tx, since, DAILY_LIMIT),
      repo.highRisk(tx, DAILY_LIMIT),
      repo.overdueRisk(tx, now, DAILY_LIMIT),
      repo.overdueVictimUpdates(tx, now, DAILY_LIMIT),
      repo.spoDeadlines(tx, addMonths(today, 4), DAILY_LIMIT),
      repo.recentBreaches(tx, since, DAILY_LIMIT),
      repo.serialAlerts(tx, since, DAILY_LIMIT),
    ]);
    const spoItems: DailyItem[] = spos.map((s) => {
      const renewal = s.expiresOn ? renewalSubmissionDue(s.expiresOn) : null;
      const detail = s.status === 'applied' ? 'Application awaiting a decision' : `Expires ${s.expiresOn}; renewal to be submitted by ${renewal}${renewal && renewal < today ? ' (passed)' : ''}`;
      return { caseId: s.caseId, reference: s.caseReference, restricted: s.restricted, offenceTitle: 'Stalking protection order', team: null, at: s.expiresOn, detail };
    });
    const serialItems: DailyItem[] = serial.map((s) => ({
      caseId: s.latestCaseId,
      reference: s.latestReference,
      restricted: s.latestRestricted,
      offenceTitle: null,
      team: null,
      at: s.at,
      detail: `Suspect has cases against ${s.victims} different victims (${s.cases} cases)`,
    }));
    const sections = [
      section('new-crimes', `New stalking and harassment crimes in the last ${hours} hours`, 'No new stalking or harassment crimes.', crimes.map((r) => caseItem(r)), 'Recorded'),
      section('high-risk', 'High-risk cases', 'No open high-risk cases.', high.map((r) => caseItem(r, r.detail ? `Graded ${r.detail}` : null)), 'Last assessed'),
      section('overdue-risk', 'Overdue risk assessments and reviews', 'No risk assessments or reviews overdue.', risk.map((r) => caseItem(r)), 'Was due'),
      section('overdue-victim-updates', 'Overdue victim updates', 'No victim updates overdue.', updates.map((r) => caseItem(r, r.detail ? `Tell the victim: ${eventLabel(r.detail)}` : null)), 'Was due'),
      section('spo-deadlines', 'Stalking protection order deadlines', 'No SPO deadlines coming up.', spoItems, 'Expires'),
      section('breaches', `Breaches reported in the last ${hours} hours`, 'No breaches reported.', breaches.map((r) => caseItem(r)), 'Reported'),
      section('serial-perpetrators', 'Serial perpetrator alerts', 'No serial perpetrator alerts.', serialItems, 'Latest report'),
    ];
    await audit(tx, ctx, 'insights-daily-meeting', { hours, counts: Object.fromEntries(sections.map((s) => [s.id, s.items.length])) });
    return { hours, since, now, sections };
  });
}

// ---------------------------------------------------------------------------
// Problem profile

export interface ProblemProfile {
  filters: DashboardFilters;
  description: string;
  tables: Table[];
}

function labelOf(list: ReadonlyArray<{ code: string; label: string }>, key: string | null): string {
  if (key === null) return 'Not recorded';
  return list.find((x) => x.code === key)?.label ?? key;
}

export async function problemProfile(deps: Deps, ctx: RequestContext, filters: DashboardFilters): Promise<ProblemProfile> {
  requireInsights(ctx);
  const f = toRepoFilters(filters);
  return deps.db.transaction().execute(async (tx) => {
    const [victims, suspects, serial, chans, rels, teams] = await Promise.all([
      repo.repeatDistribution(tx, f, 'victim'),
      repo.repeatDistribution(tx, f, 'suspect'),
      repo.serialPerpetrators(tx, f),
      repo.channels(tx, f),
      repo.relationships(tx, f),
      repo.byTeam(tx, f),
    ]);
    const tables: Table[] = [
      { id: 'repeat-victims', caption: 'Repeat victims: people by number of reports as a victim', headings: ['Reports', 'Victims'], rows: victims.map((r) => [r.key, r.count]) },
      { id: 'repeat-perpetrators', caption: 'Repeat perpetrators: people by number of reports as a suspect', headings: ['Reports', 'Suspects'], rows: suspects.map((r) => [r.key, r.count]) },
      { id: 'serial-perpetrators', caption: 'Serial perpetrators: suspects with cases against two or more victims', headings: ['Victims', 'Suspects'], rows: serial.map((r) => [r.key, r.count]) },
      { id: 'channels', caption: 'Channels used on occasions', headings: ['Channel', 'Occasions'], rows: chans.map((r) => [labelOf(CHANNELS, r.key), r.count]) },
      { id: 'relationships', caption: 'Relationship of victim and suspect on reports', headings: ['Relationship', 'Reports'], rows: rels.map((r) => [labelOf(RELATIONSHIPS, r.key), r.count]) },
      { id: 'areas', caption: 'Cases by owning team', headings: ['Team', 'Cases'], rows: teams.map((r) => [r.key ? (TEAMS.find((t) => t.code === r.key)?.name ?? r.key) : 'Not allocated', r.count]) },
    ];
    await audit(tx, ctx, 'insights-problem-profile', { filters: filterQuery(filters) });
    return { filters, description: describeFilters(filters), tables };
  });
}

// ---------------------------------------------------------------------------
// Inspection criteria

export interface CriteriaView {
  dashboard: Dashboard;
  table: Table;
  areas: Array<{ id: string; heading: string; criteria: Array<{ id: string; text: string; sources: readonly string[]; figures: IndicatorFigure[]; pending: IndicatorDefinition[]; evidence: readonly string[] }> }>;
}

export async function inspectionCriteria(deps: Deps, ctx: RequestContext, filters: DashboardFilters): Promise<CriteriaView> {
  const dashboard = await forceDashboard(deps, ctx, filters);
  const areas = INSPECTION_CRITERIA.map((a) => ({
    id: a.id,
    heading: a.heading,
    criteria: a.criteria.map((c) => ({
      id: c.id,
      text: c.text,
      sources: c.sources,
      figures: c.indicators.map((i) => dashboard.figures.find((x) => x.definition.id === i)).filter((x): x is IndicatorFigure => !!x),
      pending: c.indicators.map((i) => indicatorById(i)).filter((x): x is IndicatorDefinition => !!x?.notYetMeasured),
      evidence: c.evidence ?? [],
    })),
  }));
  const table: Table = {
    id: 'inspection-criteria',
    caption: 'Inspection criteria and the live indicators that evidence them',
    headings: ['Criterion', 'Text', 'Sources', 'Indicator', 'Figure'],
    rows: areas.flatMap((a) =>
      a.criteria.flatMap((c) => {
        const lines: Array<Array<string | number | null>> = c.figures.map((x) => [c.id, c.text, c.sources.join('; '), x.definition.label, x.figure]);
        for (const p of c.pending) lines.push([c.id, c.text, c.sources.join('; '), p.label, 'Not yet measured']);
        if (lines.length === 0) lines.push([c.id, c.text, c.sources.join('; '), c.evidence.join('; ') || 'No live indicator', '']);
        return lines;
      }),
    ),
  };
  return { dashboard, table, areas };
}

// ---------------------------------------------------------------------------
// CSV downloads: the same Table objects the pages render

export async function exportTable(deps: Deps, ctx: RequestContext, filters: DashboardFilters, tableId: string): Promise<{ table: Table; csv: string }> {
  requireInsights(ctx);
  let tables: Table[];
  if (tableId.startsWith('dashboard-') || tableId === 'outcome-mix' || tableId === 'outcomes-by-victim-gender' || tableId === 'not-yet-measured') {
    const d = await forceDashboard(deps, ctx, filters);
    tables = [...d.groups.map((g) => g.table), d.outcomeMix, d.outcomesByGender, notYetMeasuredTable(d.notYetMeasured)];
  } else if (tableId.startsWith('trend-')) {
    tables = (await trends(deps, ctx, filters)).trends.map((t) => t.table);
  } else if (tableId === 'inspection-criteria') {
    tables = [(await inspectionCriteria(deps, ctx, filters)).table];
  } else if (tableId.startsWith('daily-')) {
    tables = (await dailyMeeting(deps, ctx, 24)).sections.map((s) => s.table);
  } else {
    tables = (await problemProfile(deps, ctx, filters)).tables;
  }
  const table = tables.find((t) => t.id === tableId);
  if (!table) throw new NotFoundError('There is no table with that name.');
  return { table, csv: toCsv(table) };
}

export function notYetMeasuredTable(defs: readonly IndicatorDefinition[]): Table {
  return { id: 'not-yet-measured', caption: 'Not yet measured', headings: ['Indicator', 'Why not'], rows: defs.map((d) => [d.label, d.notYetMeasured ?? '']) };
}
