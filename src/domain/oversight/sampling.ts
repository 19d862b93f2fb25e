/**
 * Dip-sample builder for scrutiny panels and inspections (DOMAIN.md §13). The
 * service filters cases in SQL and passes the summaries here; this module applies
 * the criteria again (so it never depends on the query), then draws a reproducible
 * random sample with strata and cross-cutting quotas.
 */
import { z } from 'zod';
import { localDateSchema } from './local-date.ts';
import type { LocalDate } from './local-date.ts';
import { createSeededRandom, seededShuffle } from './random.ts';

/** What the sampler needs to know about a finalised case or incident. */
export interface CaseSummary {
  id: string;
  finalisedOn: LocalDate;
  /** Classification code, e.g. 'stalking', 'harassment', 'malicious_communications'. */
  classification: string;
  /** Home Office outcome type (1–22); null for non-crime incidents. */
  outcomeCode: number | null;
  domesticAbuse: boolean;
  cyberEnabled: boolean;
  hasBreach: boolean;
  nonCrime: boolean;
  historicWarning: boolean;
}

const flag = z.boolean().optional();

/** Conditions a case must meet. Every condition given must hold; lists match any of their values. */
export const caseFilterSchema = z
  .object({
    finalisedFrom: localDateSchema.optional(),
    finalisedTo: localDateSchema.optional(),
    classifications: z.array(z.string().min(1)).min(1, 'Choose at least one classification or leave it out').optional(),
    outcomeCodes: z
      .array(z.number().int().min(1, 'Outcome codes run from 1 to 22').max(22, 'Outcome codes run from 1 to 22'))
      .min(1, 'Choose at least one outcome code or leave it out')
      .optional(),
    domesticAbuse: flag,
    cyberEnabled: flag,
    hasBreach: flag,
    nonCrime: flag,
    historicWarning: flag,
  })
  .strict()
  .refine((f) => !f.finalisedFrom || !f.finalisedTo || f.finalisedFrom <= f.finalisedTo, {
    message: 'The finalised-from date must not be after the finalised-to date',
    path: ['finalisedTo'],
  });
export type CaseFilter = z.infer<typeof caseFilterSchema>;

/** The panel's selection criteria: which cases are eligible at all. */
export const sampleCriteriaSchema = caseFilterSchema;
export type SampleCriteria = CaseFilter;

const targetShape = {
  label: z.string().trim().min(1, 'Give each group a name, for example "Outcome 18"'),
  filter: caseFilterSchema,
  count: z.number().int().positive('A count must be a whole number above zero').optional(),
  proportion: z.number().gt(0, 'A proportion must be above zero').max(1, 'A proportion cannot be more than 1').optional(),
};
const exactlyOneTarget = {
  check: (t: { count?: number | undefined; proportion?: number | undefined }) =>
    (t.count === undefined) !== (t.proportion === undefined),
  message: 'Give either a count or a proportion of the sample, not both and not neither',
};

/** A group the sample is drawn from, with its own target (e.g. a third with outcome 16). */
export const stratumSchema = z.object(targetShape).refine(exactlyOneTarget.check, exactlyOneTarget.message);
export type Stratum = z.infer<typeof stratumSchema>;

/** A share of the whole sample that must have some feature (e.g. one third domestic abuse), spread across strata. */
export const quotaSchema = stratumSchema;
export type Quota = z.infer<typeof quotaSchema>;

/** Everything that defines a sample. Save it with the sample: it reproduces the sample exactly. */
export const sampleRequestSchema = z
  .object({
    criteria: sampleCriteriaSchema,
    strata: z.array(stratumSchema).default([]),
    quotas: z.array(quotaSchema).default([]),
    size: z.number().int().min(1, 'The sample needs at least one case').max(10_000, 'The sample can have at most 10,000 cases'),
    seed: z.string().trim().min(1, 'Give a seed so the sample can be reproduced'),
  })
  .superRefine((request, ctx) => {
    const fixed = request.strata.reduce((sum, s) => sum + (s.count ?? 0), 0);
    const proportional = request.strata.reduce((sum, s) => sum + (s.proportion ?? 0), 0);
    if (fixed + Math.round(proportional * request.size) > request.size) {
      ctx.addIssue({ code: 'custom', path: ['strata'], message: 'The groups ask for more cases than the sample size' });
    }
    request.quotas.forEach((q, i) => {
      if ((q.count ?? 0) > request.size) {
        ctx.addIssue({ code: 'custom', path: ['quotas', i, 'count'], message: `The quota "${q.label}" is larger than the sample` });
      }
    });
  });
export type SampleRequest = z.input<typeof sampleRequestSchema>;

export interface SampleProblem {
  code: 'invalid-request' | 'duplicate-case';
  message: string;
}

export interface SampleWarning {
  code: 'stratum-shortfall' | 'quota-not-met';
  message: string;
}

export interface SampledCase {
  caseId: string;
  /** Label of the group the case was drawn for. */
  stratum: string;
}

export interface StratumReport {
  label: string;
  target: number;
  /** Eligible cases matching the group's filter (some may have been drawn for an earlier group). */
  available: number;
  selected: number;
  shortfall: number;
}

export interface QuotaReport {
  label: string;
  target: number;
  targetProportion: number;
  achieved: number;
  achievedProportion: number;
}

export interface Sample {
  request: z.output<typeof sampleRequestSchema>;
  cases: SampledCase[];
  /** Cases meeting the criteria. */
  eligible: number;
  strata: StratumReport[];
  quotas: QuotaReport[];
  warnings: SampleWarning[];
}

export type SampleOutcome = { ok: true; sample: Sample } | { ok: false; problems: SampleProblem[] };

const ALL_CASES_LABEL = 'All eligible cases';
const OTHER_CASES_LABEL = 'Other eligible cases';

function includesIfGiven<T>(allowed: readonly T[] | undefined, value: T): boolean {
  return allowed === undefined || allowed.includes(value);
}

function flagMatches(wanted: boolean | undefined, actual: boolean): boolean {
  return wanted === undefined || wanted === actual;
}

/** Whether a case meets every condition of a filter. */
export function matchesFilter(summary: CaseSummary, filter: CaseFilter): boolean {
  return (
    (!filter.finalisedFrom || summary.finalisedOn >= filter.finalisedFrom) &&
    (!filter.finalisedTo || summary.finalisedOn <= filter.finalisedTo) &&
    includesIfGiven(filter.classifications, summary.classification) &&
    (filter.outcomeCodes === undefined ||
      (summary.outcomeCode !== null && filter.outcomeCodes.includes(summary.outcomeCode))) &&
    flagMatches(filter.domesticAbuse, summary.domesticAbuse) &&
    flagMatches(filter.cyberEnabled, summary.cyberEnabled) &&
    flagMatches(filter.hasBreach, summary.hasBreach) &&
    flagMatches(filter.nonCrime, summary.nonCrime) &&
    flagMatches(filter.historicWarning, summary.historicWarning)
  );
}

/**
 * Splits a whole number in proportion to weights by the largest-remainder method;
 * ties go to the earlier item. The parts always add up to the total.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

/**
 * Spreads a quota's cases across groups in proportion to the groups' sizes, then
 * moves cases between groups so no group is asked for more quota cases than it
 * holds (`most`) or fewer than it must take because it lacks other cases (`least`).
 */
function spreadQuota(total: number, groupTargets: readonly number[], least: readonly number[], most: readonly number[]): number[] {
  const sum = groupTargets.reduce((a, b) => a + b, 0);
  const ideal = groupTargets.map((t) => (sum === 0 ? 0 : (total * t) / sum));
  const shares = apportion(total, groupTargets).map((s, i) => Math.min(Math.max(s, least[i] ?? 0), most[i] ?? 0));
  const at = (values: readonly number[], i: number) => values[i] ?? 0;
  const pick = (canMove: (i: number) => boolean, gap: (i: number) => number): number | undefined =>
    shares.map((_, i) => i).filter(canMove).sort((a, b) => gap(b) - gap(a) || a - b)[0];
  let left = total - shares.reduce((a, b) => a + b, 0);
  while (left !== 0) {
    const i =
      left > 0
        ? pick((g) => at(shares, g) < at(most, g), (g) => at(ideal, g) - at(shares, g))
        : pick((g) => at(shares, g) > at(least, g), (g) => at(shares, g) - at(ideal, g));
    if (i === undefined) break;
    shares[i] = at(shares, i) + Math.sign(left);
    left -= Math.sign(left);
  }
  return shares;
}

interface Group {
  label: string;
  filter: CaseFilter;
  target: number;
}

/** Turns the strata into case counts, adding a group for any sample places they leave. */
function groupsFor(strata: readonly Stratum[], size: number): Group[] {
  const proportional = strata.filter((s) => s.proportion !== undefined);
  const proportionSum = proportional.reduce((sum, s) => sum + (s.proportion ?? 0), 0);
  const shares = apportion(Math.round(proportionSum * size), proportional.map((s) => s.proportion ?? 0));
  const groups = strata.map((s) => ({
    label: s.label,
    filter: s.filter,
    target: s.count ?? shares[proportional.indexOf(s)] ?? 0,
  }));
  const left = size - groups.reduce((sum, g) => sum + g.target, 0);
  if (left > 0) groups.push({ label: strata.length === 0 ? ALL_CASES_LABEL : OTHER_CASES_LABEL, filter: {}, target: left });
  return groups;
}

type QuotaLimits = { with: number; without: number }[];

/** Per quota, how many selected cases may have the feature and how many may not. */
function limitsFor(quotaTargets: readonly number[], total: number): QuotaLimits {
  return quotaTargets.map((t) => ({ with: t, without: total - t }));
}

/** Each group's share of every quota, allowing for what each group's cases can supply. */
function quotaLimitsByGroup(
  groups: readonly Group[],
  candidates: readonly (readonly CaseSummary[])[],
  quotaTargets: readonly number[],
  quotaMatches: ReadonlyMap<string, readonly boolean[]>,
): QuotaLimits[] {
  const groupTargets = groups.map((g) => g.target);
  const shares = quotaTargets.map((total, qi) => {
    const withFeature = candidates.map((cs) => cs.filter((c) => quotaMatches.get(c.id)?.[qi]).length);
    const most = groupTargets.map((target, gi) => Math.min(target, withFeature[gi] ?? 0));
    const least = groupTargets.map((target, gi) => {
      const withoutFeature = (candidates[gi]?.length ?? 0) - (withFeature[gi] ?? 0);
      return Math.min(most[gi] ?? 0, Math.max(0, target - withoutFeature));
    });
    return spreadQuota(total, groupTargets, least, most);
  });
  return groups.map((g, gi) => limitsFor(shares.map((s) => s[gi] ?? 0), g.target));
}

function quotaTarget(quota: Quota, size: number): number {
  return quota.count ?? Math.round((quota.proportion ?? 0) * size);
}

/** Counts of selected cases, overall or within one group, used to keep quotas in step. */
class Tally {
  selected = 0;
  readonly matching: number[];

  constructor(quotaCount: number) {
    this.matching = Array.from({ length: quotaCount }, () => 0);
  }

  /** Whether adding a case keeps every quota within the given limits (cases with, cases without). */
  fits(matches: readonly boolean[], limits: QuotaLimits): boolean {
    return matches.every((m, q) => {
      const limit = limits[q];
      const withFeature = this.matching[q] ?? 0;
      if (!limit) return true;
      return m ? withFeature < limit.with : this.selected - withFeature < limit.without;
    });
  }

  add(matches: readonly boolean[]): void {
    this.selected += 1;
    matches.forEach((m, q) => {
      if (m) this.matching[q] = (this.matching[q] ?? 0) + 1;
    });
  }
}

function formatPercent(proportion: number): string {
  return `${Math.round(proportion * 100)}%`;
}

function zodProblems(error: z.ZodError): SampleProblem[] {
  return error.issues.map((issue) => ({
    code: 'invalid-request',
    message: issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  }));
}

/**
 * Draws a sample. Deterministic: the same population (in any order), request and
 * seed always give the same cases. Cases are shuffled with a seeded generator and
 * taken for each group in turn, keeping each quota's share within every group where
 * the population allows, then across the sample, then filling any places left.
 * Groups that cannot be filled are reported, never padded from elsewhere.
 */
export function buildSample(population: readonly CaseSummary[], request: SampleRequest): SampleOutcome {
  const parsed = sampleRequestSchema.safeParse(request);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const { criteria, strata, quotas, size, seed } = parsed.data;

  const sorted = [...population].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const duplicates = sorted.filter((c, i) => i > 0 && sorted[i - 1]?.id === c.id).map((c) => c.id);
  if (duplicates.length > 0) {
    return {
      ok: false,
      problems: [{ code: 'duplicate-case', message: `The population lists these cases more than once: ${[...new Set(duplicates)].join(', ')}` }],
    };
  }

  const eligible = sorted.filter((c) => matchesFilter(c, criteria));
  const order = seededShuffle(eligible, createSeededRandom(seed));
  const groups = groupsFor(strata, size);
  const quotaTargets = quotas.map((q) => quotaTarget(q, size));
  const quotaMatches = new Map(order.map((c) => [c.id, quotas.map((q) => matchesFilter(c, q.filter))]));
  const candidates = groups.map((g) => order.filter((c) => matchesFilter(c, g.filter)));
  const groupLimits = quotaLimitsByGroup(groups, candidates, quotaTargets, quotaMatches);
  const overallLimits = limitsFor(quotaTargets, size);

  /** Case id → index of the group it was drawn for. */
  const chosen = new Map<string, number>();
  const overall = new Tally(quotas.length);
  const groupTallies = groups.map(() => new Tally(quotas.length));
  const passes: ((gi: number, matches: readonly boolean[]) => boolean)[] = [
    (gi, m) => groupTallies[gi]?.fits(m, groupLimits[gi] ?? []) ?? false,
    (_gi, m) => overall.fits(m, overallLimits),
    () => true,
  ];
  for (const accept of passes) {
    groups.forEach((group, gi) => {
      const tally = groupTallies[gi] as Tally;
      for (const c of candidates[gi] ?? []) {
        if (tally.selected >= group.target) break;
        const matches = quotaMatches.get(c.id) ?? [];
        if (chosen.has(c.id) || !accept(gi, matches)) continue;
        chosen.set(c.id, gi);
        tally.add(matches);
        overall.add(matches);
      }
    });
  }

  const strataReports: StratumReport[] = groups.map((g, gi) => {
    const selected = groupTallies[gi]?.selected ?? 0;
    return { label: g.label, target: g.target, available: candidates[gi]?.length ?? 0, selected, shortfall: g.target - selected };
  });
  const quotaReports: QuotaReport[] = quotas.map((q, qi) => {
    const achieved = overall.matching[qi] ?? 0;
    return {
      label: q.label,
      target: quotaTargets[qi] ?? 0,
      targetProportion: (quotaTargets[qi] ?? 0) / size,
      achieved,
      achievedProportion: overall.selected === 0 ? 0 : achieved / overall.selected,
    };
  });
  const cases = [...chosen.entries()]
    .sort(([idA, a], [idB, b]) => a - b || (idA < idB ? -1 : 1))
    .map(([caseId, gi]) => ({ caseId, stratum: groups[gi]?.label ?? '' }));

  return {
    ok: true,
    sample: {
      request: parsed.data,
      cases,
      eligible: eligible.length,
      strata: strataReports,
      quotas: quotaReports,
      warnings: [...strataReports.flatMap(stratumWarning), ...quotaReports.flatMap(quotaWarning)],
    },
  };
}

function stratumWarning(report: StratumReport): SampleWarning[] {
  if (report.shortfall <= 0) return [];
  const reason =
    report.available < report.target
      ? `only ${report.available} eligible ${report.available === 1 ? 'case matches' : 'cases match'}`
      : `only ${report.selected} could be drawn because earlier groups or quotas took the others`;
  return [{ code: 'stratum-shortfall', message: `Asked for ${report.target} "${report.label}" cases, but ${reason}.` }];
}

function quotaWarning(report: QuotaReport): SampleWarning[] {
  if (report.achieved === report.target) return [];
  return [
    {
      code: 'quota-not-met',
      message:
        `Aimed for ${report.target} "${report.label}" cases (${formatPercent(report.targetProportion)} of the sample); ` +
        `the sample has ${report.achieved} (${formatPercent(report.achievedProportion)}).`,
    },
  ];
}
