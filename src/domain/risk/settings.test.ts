import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DASH_2009, DASH_2009_V1, SDASH, STALKING_QUESTIONS_TOOL_ID } from './default-tools.ts';
import { gradeRank, type RiskGrade } from './grades.ts';
import { bandsFor, gradeAssessment } from './grading.ts';
import { planReviewStatus, validatePlan } from './plan.ts';
import { westYorkshireRiskPolicy } from './policy.ts';
import { applyRiskSettings, bandsFromThresholds, checkForceBands, checkPlanReviewDays, thresholdsOf } from './settings.ts';
import { answersWith } from './test-support.ts';
import type { GradeBand } from './tool.ts';

const problems = (outcome: { ok: boolean; reasons?: readonly { field: string; message: string }[] }) =>
  outcome.ok ? [] : (outcome.reasons ?? []).map((r) => `${r.field}: ${r.message}`);

describe('score bands from the settings form', () => {
  it.each<[string, { medium?: unknown; high?: unknown }, GradeBand[]]>([
    ['the default', { medium: 10, high: 14 }, [{ grade: 'standard', min: 0, max: 9 }, { grade: 'medium', min: 10, max: 13 }, { grade: 'high', min: 14 }]],
    ['no medium band', { high: 12 }, [{ grade: 'standard', min: 0, max: 11 }, { grade: 'high', min: 12 }]],
    ['blank medium', { medium: '', high: 5 }, [{ grade: 'standard', min: 0, max: 4 }, { grade: 'high', min: 5 }]],
    ['the narrowest', { medium: 1, high: 2 }, [{ grade: 'standard', min: 0, max: 0 }, { grade: 'medium', min: 1, max: 1 }, { grade: 'high', min: 2 }]],
    ['high at every question', { medium: 26, high: 27 }, [{ grade: 'standard', min: 0, max: 25 }, { grade: 'medium', min: 26, max: 26 }, { grade: 'high', min: 27 }]],
  ])('%s', (_name, input, bands) => {
    const outcome = bandsFromThresholds(DASH_2009, input);
    expect(outcome).toEqual({ ok: true, value: bands });
    expect(checkForceBands(DASH_2009, bands)).toEqual([]);
    expect(thresholdsOf(bands)).toEqual(input.medium === '' ? { high: input.high } : input);
  });

  it.each<[string, { medium?: unknown; high?: unknown }, string]>([
    ['no high', { medium: 10 }, 'high: Enter the number of yes answers from which the grade is high'],
    ['a fraction', { high: 13.5 }, 'high: The number of yes answers for high must be a whole number, like 14'],
    ['text', { high: 'fourteen' }, 'high: The number of yes answers for high must be a whole number, like 14'],
    ['high at 0', { high: 0 }, 'high: The number of yes answers for high must be between 1 and 27, the number of questions in DASH risk assessment (police, 2009)'],
    ['high past the questions', { high: 28 }, 'high: The number of yes answers for high must be between 1 and 27, the number of questions in DASH risk assessment (police, 2009)'],
    ['medium at 0', { medium: 0, high: 14 }, 'medium: The number of yes answers for medium must be 1 or more: no yes answers always grades standard'],
    ['medium at high', { medium: 14, high: 14 }, 'medium: Medium must start below high: high starts at 14 yes answers, so medium must start at 13 or fewer'],
    ['medium above high', { medium: 15, high: 14 }, 'medium: Medium must start below high: high starts at 14 yes answers, so medium must start at 13 or fewer'],
  ])('refuses %s with a clear message', (_name, input, message) => {
    expect(problems(bandsFromThresholds(DASH_2009, input))).toEqual([message]);
  });
});

describe('bands given whole (the API)', () => {
  it('refuses bands for a tool with no numeric threshold', () => {
    expect(checkForceBands(SDASH, [{ grade: 'standard', min: 0 }]).map((r) => r.code)).toEqual(['tool-not-scored']);
  });

  it.each<[string, GradeBand[], string]>([
    ['a gap', [{ grade: 'standard', min: 0, max: 8 }, { grade: 'high', min: 10 }], 'band-gap'],
    ['an overlap', [{ grade: 'standard', min: 0, max: 10 }, { grade: 'high', min: 10 }], 'band-overlap'],
    ['a falling grade', [{ grade: 'medium', min: 0, max: 9 }, { grade: 'standard', min: 10 }], 'band-grade-order'],
    ['an unreachable band', [{ grade: 'standard', min: 0, max: 29 }, { grade: 'high', min: 30 }], 'band-unreachable'],
    ['no high band', [{ grade: 'standard', min: 0, max: 9 }, { grade: 'medium', min: 10 }], 'band-high-missing'],
    ['a first band above 0', [{ grade: 'standard', min: 1, max: 9 }, { grade: 'high', min: 10 }], 'band-gap'],
  ])('refuses %s', (_name, bands, code) => {
    const found = checkForceBands(DASH_2009, bands);
    expect(found.map((r) => r.code)).toContain(code);
    expect(found.every((r) => r.field.startsWith('bands'))).toBe(true);
  });
});

describe('plan review intervals', () => {
  it('accepts intervals that shorten as the risk rises', () => {
    expect(checkPlanReviewDays({ standard: 90, medium: 30, high: 7 })).toEqual({ ok: true, value: { standard: 90, medium: 30, high: 7 } });
    expect(checkPlanReviewDays({ standard: 14, medium: 14, high: 14 }).ok).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a missing grade', { standard: 56, medium: 28 }, ['high: Enter the number of days within which a high-risk plan must be reviewed']],
    ['a fraction', { standard: 56, medium: 28.5, high: 7 }, ['medium: The days for a medium-risk plan must be a whole number, like 28']],
    ['zero', { standard: 56, medium: 28, high: 0 }, ['high: The days for a high-risk plan must be between 1 and 365']],
    ['over a year', { standard: 400, medium: 28, high: 7 }, ['standard: The days for a standard-risk plan must be between 1 and 365']],
    ['high reviewed less often than medium', { standard: 56, medium: 14, high: 21 }, ['high: A high-risk plan must be reviewed at least as often as a medium-risk plan: enter 14 days or fewer']],
    ['medium reviewed less often than standard', { standard: 20, medium: 28, high: 7 }, ['medium: A medium-risk plan must be reviewed at least as often as a standard-risk plan: enter 20 days or fewer']],
  ])('refuses %s', (_name, input, messages) => {
    expect(problems(checkPlanReviewDays(input))).toEqual(messages);
  });
});

describe('applying a force’s settings', () => {
  it('keeps the West Yorkshire default when nothing is set', () => {
    expect(applyRiskSettings(westYorkshireRiskPolicy, {})).toEqual(westYorkshireRiskPolicy);
  });

  it('uses force bands for grading and force intervals for plan review dates', () => {
    const policy = applyRiskSettings(westYorkshireRiskPolicy, {
      bands: { [DASH_2009.id]: [{ grade: 'standard', min: 0, max: 5 }, { grade: 'medium', min: 6, max: 7 }, { grade: 'high', min: 8 }] },
      planReviewDays: { standard: 30, medium: 14, high: 3 },
    });
    const grade = (yes: number) => {
      const outcome = gradeAssessment(DASH_2009, answersWith(DASH_2009, yes), { bands: bandsFor(DASH_2009, policy) });
      return outcome.ok ? outcome.value.bandGrade : null;
    };
    expect([grade(5), grade(6), grade(8)]).toEqual(['standard', 'medium', 'high']);
    expect(policy.marac.visibleHighRiskScore).toBe(14);
    const plan = { riskGrade: 'high' as const, reviewedOn: '2026-11-25', reviewDate: '2026-11-29', actions: [{ category: 'reduce' as const, description: 'Alarm', owner: 'PC 1', reviewDate: '2026-11-28', status: 'planned' as const }] };
    const refused = validatePlan(plan, policy);
    expect(!refused.ok && refused.reasons[0]?.message).toBe('A high-risk plan must be reviewed within 3 days, by 28 November 2026.');
    expect(validatePlan(plan, westYorkshireRiskPolicy).ok).toBe(true);
    expect(planReviewStatus({ ...plan, reviewDate: '2026-11-28' }, policy, { now: () => new Date('2026-11-25T12:00:00Z') }).status).toBe('due');
  });
});

describe('the built-in DASH wording', () => {
  it('has questions 1–11 checked against the public copy and 12–27 marked unverified', () => {
    expect(DASH_2009.version).toBe('2009-v2');
    expect(DASH_2009.questions.slice(0, 11).every((q) => q.wordingVerified === undefined)).toBe(true);
    expect(DASH_2009.questions.slice(11).every((q) => q.wordingVerified === false)).toBe(true);
    expect(DASH_2009.questions[8]?.text).toBe('Are you currently pregnant or have you recently had a baby (in the past 18 months)?');
    expect(DASH_2009.questions[7]).toMatchObject({ number: 8, text: 'Does (name) constantly text, call, contact, follow, stalk or harass you?', followUp: { onAnswer: 'yes', opens: { toolId: STALKING_QUESTIONS_TOOL_ID } } });
  });

  it('keeps the earlier wording as version 2009-v1, with the same questions', () => {
    expect(DASH_2009_V1.questions.map((q) => q.id)).toEqual(DASH_2009.questions.map((q) => q.id));
    expect(DASH_2009_V1.questions[8]?.text).toBe('Are you pregnant or have you recently had a baby (in the last 18 months)?');
    expect(DASH_2009_V1.questions[6]).not.toHaveProperty('help');
    expect(DASH_2009_V1.questions.slice(11)).toEqual(DASH_2009.questions.slice(11));
  });
});

describe('property: grading never goes down with more yes answers, whatever bands the force sets', () => {
  // Any valid thresholds for DASH: high from 1 to 27, medium (if any) from 1 to below high.
  const thresholds = fc.integer({ min: 1, max: DASH_2009.questions.length }).chain((high) =>
    fc.record({ high: fc.constant(high), medium: high > 1 ? fc.option(fc.integer({ min: 1, max: high - 1 }), { nil: undefined }) : fc.constant(undefined) }),
  );

  it('holds for every valid force setting and every pair of scores', () => {
    fc.assert(
      fc.property(thresholds, fc.integer({ min: 0, max: 27 }), fc.integer({ min: 0, max: 27 }), (input, a, b) => {
        const made = bandsFromThresholds(DASH_2009, input);
        expect(made.ok).toBe(true);
        if (!made.ok) return;
        expect(checkForceBands(DASH_2009, made.value)).toEqual([]);
        const policy = applyRiskSettings(westYorkshireRiskPolicy, { bands: { [DASH_2009.id]: made.value } });
        const gradeOf = (yes: number): RiskGrade => {
          const outcome = gradeAssessment(DASH_2009, answersWith(DASH_2009, yes), { bands: bandsFor(DASH_2009, policy) });
          if (!outcome.ok || outcome.value.bandGrade === null) throw new Error('not graded');
          return outcome.value.bandGrade;
        };
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        expect(gradeRank(gradeOf(more))).toBeGreaterThanOrEqual(gradeRank(gradeOf(fewer)));
        expect(gradeOf(input.high)).toBe('high');
        expect(gradeOf(0)).toBe('standard');
      }),
    );
  });

  it('holds for any valid list of bands given whole (as the API takes them)', () => {
    // Grades in rising order ending with high, each starting at a rising score from 1 to 27.
    const lower = fc.subarray<RiskGrade>(['standard', 'medium'], { minLength: 0 });
    const bandList = lower.chain((below) =>
      fc.uniqueArray(fc.integer({ min: 1, max: 27 }), { minLength: below.length, maxLength: below.length }).map((cuts) => {
        const grades: RiskGrade[] = [...below, 'high'];
        const starts = [0, ...[...cuts].sort((x, y) => x - y)].slice(0, grades.length);
        return grades.map((grade, i): GradeBand => (i === grades.length - 1 ? { grade, min: starts[i]! } : { grade, min: starts[i]!, max: starts[i + 1]! - 1 }));
      }),
    );
    fc.assert(
      fc.property(bandList, (bands) => {
        expect(checkForceBands(DASH_2009, bands)).toEqual([]);
        let previous = -1;
        for (let yes = 0; yes <= 27; yes++) {
          const outcome = gradeAssessment(DASH_2009, answersWith(DASH_2009, yes), { bands });
          const rank = outcome.ok && outcome.value.bandGrade ? gradeRank(outcome.value.bandGrade) : -2;
          expect(rank).toBeGreaterThanOrEqual(previous);
          previous = rank;
        }
      }),
    );
  });
});
