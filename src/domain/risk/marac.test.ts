import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { DASH_2009, DASH_STALKING_QUESTIONS } from './default-tools.ts';
import { gradeAssessment, type Grading } from './grading.ts';
import { evaluateMarac, maracReferralSummary, type MaracCriterion, type MaracInput } from './marac.ts';
import { westYorkshireRiskPolicy as policy } from './policy.ts';
import type { Outcome } from './reason.ts';
import { answersFrom, answersWith } from './test-support.ts';

const clock = fixedClock('2025-06-15T10:00:00Z');

function graded(outcome: Outcome<Grading>): Grading {
  if (!outcome.ok) throw new Error(outcome.reasons.map((r) => r.message).join('\n'));
  return outcome.value;
}

const gradingFor = (yes: number) => graded(gradeAssessment(DASH_2009, answersWith(DASH_2009, yes)));
const criteria = (input: MaracInput): MaracCriterion[] => evaluateMarac(input, policy, clock).criteriaMet.map((c) => c.code);

describe('MARAC referral criteria', () => {
  it('P6: 14 yes answers require a MARAC referral (visible high risk)', () => {
    const evaluation = evaluateMarac({ grading: gradingFor(14), incidentDates: ['2025-06-14'] }, policy, clock);
    expect(evaluation.referralRequired).toBe(true);
    expect(evaluation.criteriaMet).toEqual([{ code: 'visible-high-risk', message: 'Visible high risk: 14 yes answers (the threshold is 14).' }]);
  });

  it('13 yes answers and one incident do not', () => {
    expect(evaluateMarac({ grading: gradingFor(13), incidentDates: ['2025-06-14'] }, policy, clock).referralRequired).toBe(false);
  });

  it('P6: professional judgement "high" requires a referral, with the rationale', () => {
    const grading = graded(gradeAssessment(DASH_2009, answersWith(DASH_2009, 10), { judgement: { grade: 'high', rationale: 'he has bought a knife' } }));
    const evaluation = evaluateMarac({ grading, incidentDates: [] }, policy, clock);
    expect(evaluation.criteriaMet).toEqual([{ code: 'professional-judgement', message: 'Professional judgement: the risk is graded high because he has bought a knife.' }]);
  });

  it.each<[string, readonly string[], MaracCriterion[]]>([
    ['3 incidents in 12 months', ['2024-06-15', '2025-01-01', '2025-06-14'], ['potential-escalation']],
    ['2 incidents in 12 months', ['2025-01-01', '2025-06-14'], []],
    ['3 incidents, one just outside 12 months', ['2024-06-14', '2025-01-01', '2025-06-14'], []],
    ['3 incidents, one in the future (ignored)', ['2025-06-16', '2025-01-01', '2025-06-14'], []],
  ])('potential escalation: %s', (_case, incidentDates, expected) => {
    expect(criteria({ grading: gradingFor(2), incidentDates })).toEqual(expected);
  });

  it('the escalation threshold is configurable', () => {
    const strict = { ...policy, marac: { ...policy.marac, escalationIncidents: 2 } };
    const evaluation = evaluateMarac({ grading: gradingFor(2), incidentDates: ['2025-01-01', '2025-06-14'] }, strict, clock);
    expect(evaluation.criteriaMet.map((c) => c.code)).toEqual(['potential-escalation']);
  });

  it.each<[string, string, readonly string[], MaracCriterion[]]>([
    ['an incident 2 months after the last referral', '2024-09-01', ['2024-11-01'], ['repeat']],
    ['an incident exactly 12 months after', '2024-01-10', ['2025-01-10'], ['repeat']],
    ['an incident 12 months and a day after', '2024-01-10', ['2025-01-11'], []],
    ['only incidents before the referral', '2024-09-01', ['2024-08-01'], []],
  ])('repeat: %s', (_case, lastMaracReferralOn, incidentDates, expected) => {
    expect(criteria({ grading: gradingFor(2), incidentDates, lastMaracReferralOn })).toEqual(expected);
  });

  it('repeat names the dates in plain English', () => {
    const evaluation = evaluateMarac({ grading: gradingFor(2), incidentDates: ['2024-11-01'], lastMaracReferralOn: '2024-09-01' }, policy, clock);
    expect(evaluation.criteriaMet[0]?.message).toBe('Repeat: an incident on 1 November 2024 is within 12 months of the last MARAC referral on 1 September 2024.');
  });
});

describe('maracReferralSummary', () => {
  const answers = answersFrom(DASH_2009, {
    ...Object.fromEntries(DASH_2009.questions.slice(0, 14).map((q) => [q.id, 'yes' as const])),
    q20: 'not-known',
  });
  const withNote = { ...answers, q8: { value: 'yes' as const, note: '30 texts since Monday' } };
  const grading = graded(gradeAssessment(DASH_2009, withNote));
  const evaluation = evaluateMarac({ grading, incidentDates: ['2025-06-09', '2025-06-10', '2025-06-12'] }, policy, clock);
  const stalkingAnswers = answersFrom(DASH_STALKING_QUESTIONS, { s1: 'yes', s5: 'yes' });

  it('P6: prefills the grade, score, criteria, high-risk factors, incidents and stalking answers', () => {
    const summary = maracReferralSummary({
      tool: DASH_2009, answers: withNote, grading, evaluation,
      stalkingQuestions: { tool: DASH_STALKING_QUESTIONS, answers: stalkingAnswers },
    });
    expect(summary).toContain('Risk grading: High (DASH risk assessment (police, 2009), version 2009-v2).');
    expect(summary).toContain('Score: 14 yes answers out of 27 questions (1 not known). Grade by score: high.');
    expect(summary).toContain('- Visible high risk: 14 yes answers (the threshold is 14).');
    expect(summary).toContain('- Potential escalation: 3 incidents in the last 12 months (the threshold is 3).');
    expect(summary).toContain('- 8. Does (name) constantly text, call, contact, follow, stalk or harass you? — Yes (30 texts since Monday)');
    expect(summary).toContain('- 13. Is the abuse happening more often? — Yes');
    expect(summary).not.toContain('- 1. Has the current incident resulted in injury?');
    expect(summary).toContain('Incidents in the last 12 months: 3 (9 June 2025, 10 June 2025, 12 June 2025).');
    expect(summary).toContain('- 5. Does (name) follow you or hang around your home or workplace? — Yes');
    expect(summary).toContain('- 2. Has (name) stalked or harassed you or anyone else before? — No');
  });

  it('says when the stalking questions were opened but not completed', () => {
    const summary = maracReferralSummary({ tool: DASH_2009, answers: withNote, grading, evaluation });
    expect(summary).toContain('The stalking questions were opened by a yes answer but have not been completed.');
  });
});
