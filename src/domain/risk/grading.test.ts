import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers, AnswerValue } from './answers.ts';
import { openedFollowUps, checkAnswers } from './answers.ts';
import { DASH_2009, SDASH, STALKING_QUESTIONS_TOOL_ID } from './default-tools.ts';
import { RISK_GRADES, gradeRank, type RiskGrade } from './grades.ts';
import { applyJudgement, bandsFor, endorseGrading, gradeAssessment, type Grading } from './grading.ts';
import { westYorkshireRiskPolicy } from './policy.ts';
import type { Outcome } from './reason.ts';
import { answersFrom, answersWith } from './test-support.ts';
import type { ToolDefinition } from './tool.ts';

function graded(outcome: Outcome<Grading>): Grading {
  if (!outcome.ok) throw new Error(outcome.reasons.map((r) => r.message).join('\n'));
  return outcome.value;
}

describe('P6: DASH grading', () => {
  it('P6: 14 yes answers grade high', () => {
    const grading = graded(gradeAssessment(DASH_2009, answersWith(DASH_2009, 14)));
    expect(grading).toMatchObject({ score: 14, bandGrade: 'high', finalGrade: 'high', basis: 'score' });
  });

  it('P6: 10 yes answers with professional judgement "high" grade high, with the judgement recorded', () => {
    const judgement = { grade: 'high' as const, rationale: 'He knows her new address and has bought a knife.' };
    const grading = graded(gradeAssessment(DASH_2009, answersWith(DASH_2009, 10), { judgement }));
    expect(grading).toMatchObject({ score: 10, bandGrade: 'medium', finalGrade: 'high', basis: 'professional-judgement' });
    expect(grading.judgement).toEqual({ ...judgement, raised: true });
  });

  it('P6: an attempt to grade 14 yes answers as medium is refused with a plain explanation', () => {
    const outcome = gradeAssessment(DASH_2009, answersWith(DASH_2009, 14), { judgement: { grade: 'medium', rationale: 'Victim seems calm.' } });
    expect(outcome).toEqual({
      ok: false,
      reasons: [{ code: 'judgement-cannot-lower', message: '14 yes answers grade high; professional judgement can raise a grading but not lower it.' }],
    });
  });
});

describe('band boundaries (default DASH bands: 0–9 standard, 10–13 medium, 14+ high)', () => {
  it.each<[number, RiskGrade]>([
    [0, 'standard'], [9, 'standard'], [10, 'medium'], [13, 'medium'], [14, 'high'], [27, 'high'],
  ])('%i yes answers grade %s', (yes, grade) => {
    expect(graded(gradeAssessment(DASH_2009, answersWith(DASH_2009, yes))).bandGrade).toBe(grade);
  });

  it('uses force bands from the policy when it sets them', () => {
    const policy = { ...westYorkshireRiskPolicy, bands: { [DASH_2009.id]: [{ grade: 'standard' as const, min: 0, max: 4 }, { grade: 'high' as const, min: 5 }] } };
    const grading = graded(gradeAssessment(DASH_2009, answersWith(DASH_2009, 5), { bands: bandsFor(DASH_2009, policy) }));
    expect(grading.bandGrade).toBe('high');
  });
});

describe('professional judgement', () => {
  const tenYes = graded(gradeAssessment(DASH_2009, answersWith(DASH_2009, 10)));

  it.each(['', '   '])('needs a rationale (%j refused)', (rationale) => {
    const outcome = applyJudgement(tenYes, { grade: 'high', rationale });
    expect(!outcome.ok && outcome.reasons[0]?.code).toBe('judgement-rationale-missing');
  });

  it('at the same grade is recorded without raising', () => {
    const grading = graded(applyJudgement(tenYes, { grade: 'medium', rationale: 'Agree with the score.' }));
    expect(grading).toMatchObject({ finalGrade: 'medium', basis: 'score', judgement: { raised: false } });
  });

  it('grades a tool with no numeric threshold (S-DASH)', () => {
    const none = graded(gradeAssessment(SDASH, answersWith(SDASH, 6)));
    expect(none).toMatchObject({ score: 6, bandGrade: null, finalGrade: null, basis: 'none' });
    const judged = graded(applyJudgement(none, { grade: 'medium', rationale: 'Six risk factors present.' }));
    expect(judged).toMatchObject({ finalGrade: 'medium', basis: 'professional-judgement' });
  });
});

describe('supervisor endorsement', () => {
  const grading = graded(gradeAssessment(DASH_2009, answersWith(DASH_2009, 11)));

  it('confirms the grading', () => {
    const endorsed = graded(endorseGrading(grading, { endorsedBy: 'DS 1234 Patel', grade: 'medium' }));
    expect(endorsed).toMatchObject({ finalGrade: 'medium', endorsement: { endorsedBy: 'DS 1234 Patel' } });
  });

  it('raises the grading with a rationale', () => {
    const endorsed = graded(endorseGrading(grading, { endorsedBy: 'DS 1234 Patel', grade: 'high', rationale: 'Escalating visits to her home.' }));
    expect(endorsed).toMatchObject({ finalGrade: 'high', basis: 'professional-judgement' });
  });

  it.each<[string, RiskGrade, string | undefined, string]>([
    ['lowers the grading', 'standard', 'Looks fine', 'endorsement-cannot-lower'],
    ['raises without a rationale', 'high', undefined, 'endorsement-rationale-missing'],
  ])('is refused when it %s', (_case, grade, rationale, code) => {
    const outcome = endorseGrading(grading, { endorsedBy: 'DS 1234 Patel', grade, rationale });
    expect(!outcome.ok && outcome.reasons[0]?.code).toBe(code);
  });
});

describe('bad input is refused and nothing is graded', () => {
  it('refuses answers to questions not in the tool version', () => {
    const outcome = gradeAssessment(DASH_2009, { ...answersWith(DASH_2009, 3), q28: { value: 'yes' } });
    expect(outcome).toEqual({
      ok: false,
      reasons: [{ code: 'unknown-question', message: 'There is an answer for question "q28", which is not in DASH risk assessment (police, 2009) version 2009-v2.' }],
    });
  });

  it('refuses missing required answers, listing them', () => {
    const { q12: _q12, q20: _q20, ...answers } = answersWith(DASH_2009, 3);
    const outcome = gradeAssessment(DASH_2009, answers);
    expect(!outcome.ok && outcome.reasons[0]?.message).toBe(
      '2 required questions have not been answered: 12 (threats to hurt or kill children or dependants), 20 (another person threatening or feared). Answer "not known" if the answer is not known.',
    );
  });
});

describe('follow-up questions', () => {
  it('DASH question 8 answered yes opens the stalking questions', () => {
    expect(openedFollowUps(DASH_2009, answersFrom(DASH_2009, { q8: 'yes' })).toolIds).toEqual([STALKING_QUESTIONS_TOOL_ID]);
    expect(graded(gradeAssessment(DASH_2009, answersFrom(DASH_2009, { q8: 'yes' }))).openedToolIds).toEqual([STALKING_QUESTIONS_TOOL_ID]);
  });

  it.each<AnswerValue>(['no', 'not-known'])('DASH question 8 answered %s opens nothing', (value) => {
    expect(openedFollowUps(DASH_2009, answersFrom(DASH_2009, { q8: value })).toolIds).toEqual([]);
  });

  const tool: ToolDefinition = {
    id: 'force', version: '1', name: 'Force tool', kind: 'full',
    questions: [
      { id: 'a', number: 1, text: 'Followed?', topic: 'following', followUp: { onAnswer: 'yes', opens: { questionIds: ['b'] } } },
      { id: 'b', number: 2, text: 'How often?', topic: 'frequency' },
    ],
    scoring: { method: 'count-yes', bands: [{ grade: 'standard', min: 0 }] },
  };

  it('a question opened by a follow-up is required only once opened', () => {
    expect(checkAnswers(tool, { a: { value: 'no' } })).toEqual([]);
    expect(checkAnswers(tool, { a: { value: 'yes' } }).map((r) => r.code)).toEqual(['missing-answers']);
  });
});

describe('properties', () => {
  const answerValue = fc.constantFrom<AnswerValue>('yes', 'no', 'not-known');
  const dashAnswers = fc.array(answerValue, { minLength: 27, maxLength: 27 }).map(
    (values): Answers => Object.fromEntries(DASH_2009.questions.map((q, i) => [q.id, { value: values[i] ?? 'no' }])),
  );
  const grade = fc.constantFrom(...RISK_GRADES);

  it('the score equals the number of yes answers, whatever the "not known" answers', () => {
    fc.assert(fc.property(dashAnswers, (answers) => {
      const yes = Object.values(answers).filter((a) => a.value === 'yes').length;
      expect(graded(gradeAssessment(DASH_2009, answers)).score).toBe(yes);
    }));
  });

  it('turning "not known" into "no" never changes the score or grade', () => {
    fc.assert(fc.property(dashAnswers, (answers) => {
      const asNo = Object.fromEntries(Object.entries(answers).map(([id, a]) => [id, { value: a.value === 'not-known' ? 'no' : a.value }])) as Answers;
      const [before, after] = [graded(gradeAssessment(DASH_2009, answers)), graded(gradeAssessment(DASH_2009, asNo))];
      expect([after.score, after.bandGrade]).toEqual([before.score, before.bandGrade]);
    }));
  });

  it('the grade never goes down with more yes answers', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 27 }), fc.integer({ min: 0, max: 27 }), (a, b) => {
      const [fewer, more] = a <= b ? [a, b] : [b, a];
      const gradeOf = (yes: number) => gradeRank(graded(gradeAssessment(DASH_2009, answersWith(DASH_2009, yes))).bandGrade ?? 'standard');
      expect(gradeOf(more)).toBeGreaterThanOrEqual(gradeOf(fewer));
    }));
  });

  it('with any judgement, the final grade is never below the band grade, and a refusal only ever means lowering', () => {
    fc.assert(fc.property(dashAnswers, grade, (answers, judged) => {
      const outcome = gradeAssessment(DASH_2009, answers, { judgement: { grade: judged, rationale: 'Officer’s view.' } });
      const band = graded(gradeAssessment(DASH_2009, answers)).bandGrade ?? 'standard';
      if (outcome.ok) {
        expect(gradeRank(outcome.value.finalGrade ?? 'standard')).toBeGreaterThanOrEqual(gradeRank(band));
      } else {
        expect(gradeRank(judged)).toBeLessThan(gradeRank(band));
      }
    }));
  });
});
