import { RISK_GRADES, type RiskGrade } from './grades.ts';
import type { RiskPolicy } from './policy.ts';
import type { Reason } from './reason.ts';
import { checkBands, type GradeBand, type ToolDefinition } from './tool.ts';

/**
 * Risk settings a force changes on its settings pages: score bands per tool and the longest
 * time between plan reviews for each risk grade. What is not set keeps the default policy's
 * value (West Yorkshire's unless a force starts from another).
 */
export interface RiskSettings {
  /** Score bands by tool id. */
  readonly bands?: Readonly<Record<string, readonly GradeBand[]>>;
  /** Longest time, in days, from a plan (or its last review) to its next review, by grade. */
  readonly planReviewDays?: Readonly<Record<RiskGrade, number>>;
}

/** The longest plan review interval a force may set: a year. */
export const MAX_PLAN_REVIEW_DAYS = 365;

/** A reason located on a field, so a form can show it beside the field and the API can name it. */
export interface FieldReason extends Reason {
  readonly field: string;
}

/** A value, or the reasons it was refused, each on a field. */
export type FieldOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reasons: readonly FieldReason[] };

/** The policy with the force's settings applied over it. */
export function applyRiskSettings(policy: RiskPolicy, settings: RiskSettings): RiskPolicy {
  return {
    ...policy,
    bands: { ...policy.bands, ...(settings.bands ?? {}) },
    planReview: settings.planReviewDays ? { ...policy.planReview, maxIntervalDays: { ...settings.planReviewDays } } : policy.planReview,
  };
}

/* Bands ---------------------------------------------------------------------------- */

/** The score at which each grade above standard starts, as a settings form asks for it. */
export interface BandThresholds {
  /** Absent when the force has no medium band. */
  readonly medium?: number;
  readonly high: number;
}

/** The thresholds a list of bands starts each grade at (for filling in the form). */
export function thresholdsOf(bands: readonly GradeBand[]): { medium?: number; high?: number } {
  const start = (grade: RiskGrade) => bands.find((b) => b.grade === grade)?.min;
  const medium = start('medium');
  const high = start('high');
  return { ...(medium !== undefined ? { medium } : {}), ...(high !== undefined ? { high } : {}) };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/**
 * Checks a force's score bands for a tool: the tool must be scored by counting yes answers,
 * the bands must start at 0, run in order without gaps or overlaps, rise in grade, cover
 * every score (see `checkBands`) and every band must be reachable with the tool's questions.
 */
export function checkForceBands(tool: ToolDefinition, bands: readonly GradeBand[]): FieldReason[] {
  if (tool.scoring.method !== 'count-yes') {
    return [{ field: 'toolId', code: 'tool-not-scored', message: `${tool.name} has no numeric threshold, so it has no score bands: the grade is set by professional judgement.` }];
  }
  if (bands.length === 0) return [{ field: 'bands', code: 'bands-missing', message: 'Give at least one band.' }];
  const problems: FieldReason[] = checkBands(bands, tool.questions.length, 'bands').map((e) => ({ field: e.path, code: e.code, message: e.message }));
  bands.forEach((band, index) => {
    if (band.min > tool.questions.length) {
      problems.push({
        field: `bands[${index}].min`,
        code: 'band-unreachable',
        message: `bands[${index}].min: ${tool.name} has ${tool.questions.length} questions, so a band starting at ${band.min} yes answers could never be reached`,
      });
    }
  });
  if (!bands.some((b) => b.grade === 'high')) {
    problems.push({ field: 'bands', code: 'band-high-missing', message: 'bands: there must be a high band, so that a score can grade high' });
  }
  return problems;
}

/**
 * Turns the settings form's thresholds ("medium from 10, high from 14 yes answers") into
 * bands for the tool, or says in plain words what is wrong with them.
 */
export function bandsFromThresholds(tool: ToolDefinition, input: { medium?: unknown; high?: unknown }): FieldOutcome<GradeBand[]> {
  const count = tool.questions.length;
  const problems: FieldReason[] = [];
  const high = input.high;
  const medium = input.medium;
  if (high === undefined || high === null || high === '') {
    problems.push({ field: 'high', code: 'high-missing', message: 'Enter the number of yes answers from which the grade is high' });
  } else if (!isCount(high)) {
    problems.push({ field: 'high', code: 'high-not-whole', message: 'The number of yes answers for high must be a whole number, like 14' });
  } else if (high < 1 || high > count) {
    problems.push({ field: 'high', code: 'high-out-of-range', message: `The number of yes answers for high must be between 1 and ${count}, the number of questions in ${tool.name}` });
  }
  if (medium !== undefined && medium !== null && medium !== '') {
    if (!isCount(medium)) {
      problems.push({ field: 'medium', code: 'medium-not-whole', message: 'The number of yes answers for medium must be a whole number, like 10' });
    } else if (medium < 1) {
      problems.push({ field: 'medium', code: 'medium-out-of-range', message: 'The number of yes answers for medium must be 1 or more: no yes answers always grades standard' });
    } else if (isCount(high) && medium >= high) {
      problems.push({ field: 'medium', code: 'medium-not-below-high', message: `Medium must start below high: high starts at ${high} yes answers, so medium must start at ${high - 1} or fewer` });
    }
  }
  if (problems.length > 0) return { ok: false, reasons: problems };
  const h = high as number;
  const m = isCount(medium) ? medium : undefined;
  const bands: GradeBand[] = m === undefined
    ? [{ grade: 'standard', min: 0, max: h - 1 }, { grade: 'high', min: h }]
    : [{ grade: 'standard', min: 0, max: m - 1 }, { grade: 'medium', min: m, max: h - 1 }, { grade: 'high', min: h }];
  return { ok: true, value: bands };
}

/* Plan review intervals -------------------------------------------------------------- */

/**
 * Checks plan review intervals by grade: whole numbers of days from 1 to a year, and a
 * higher-risk plan reviewed at least as often as a lower-risk one.
 */
export function checkPlanReviewDays(input: Partial<Record<RiskGrade, unknown>>): FieldOutcome<Record<RiskGrade, number>> {
  const problems: FieldReason[] = [];
  for (const grade of RISK_GRADES) {
    const value = input[grade];
    if (value === undefined || value === null || value === '') {
      problems.push({ field: grade, code: 'interval-missing', message: `Enter the number of days within which a ${grade}-risk plan must be reviewed` });
    } else if (!isCount(value)) {
      problems.push({ field: grade, code: 'interval-not-whole', message: `The days for a ${grade}-risk plan must be a whole number, like 28` });
    } else if (value < 1 || value > MAX_PLAN_REVIEW_DAYS) {
      problems.push({ field: grade, code: 'interval-out-of-range', message: `The days for a ${grade}-risk plan must be between 1 and ${MAX_PLAN_REVIEW_DAYS}` });
    }
  }
  if (problems.length > 0) return { ok: false, reasons: problems };
  const days = input as Record<RiskGrade, number>;
  // RISK_GRADES runs standard, medium, high: each must be reviewed at least as often as the one below.
  for (let i = 1; i < RISK_GRADES.length; i++) {
    const lower = RISK_GRADES[i - 1]!;
    const higher = RISK_GRADES[i]!;
    if (days[higher] > days[lower]) {
      problems.push({
        field: higher,
        code: 'interval-order',
        message: `A ${higher}-risk plan must be reviewed at least as often as a ${lower}-risk plan: enter ${days[lower]} days or fewer`,
      });
    }
  }
  return problems.length > 0 ? { ok: false, reasons: problems } : { ok: true, value: { ...days } };
}
