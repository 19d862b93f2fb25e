import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addYears,
  assessRetention,
  DEFAULT_RETENTION_POLICY,
  defaultNextReview,
  isRealDay,
  mopiGroup,
  nextReviewProblem,
  queueStatus,
  type RetentionFacts,
  type RetentionPolicy,
} from './index.ts';

const finalised: RetentionFacts = {
  status: 'finalised',
  offence: 'harassment',
  domesticAbuse: false,
  crimeDecision: 'crime',
  outcomeCode: 1,
  finalisedOn: '2020-03-10',
  lastReportOn: '2019-11-01',
  subjectDateOfBirth: '1980-06-15',
  subjectOrderTypes: [],
  lastDecision: null,
};

describe('MoPI group of a case', () => {
  it.each<[string, Partial<RetentionFacts>, 1 | 2 | 3 | 4]>([
    ['s2 harassment, charged', {}, 3],
    ['malicious communications, charged', { offence: 'malicious-communications' }, 3],
    ['s2A stalking', { offence: 'stalking' }, 2],
    ['breach of a restraining order', { offence: 'breach-restraining-order' }, 2],
    ['breach of a stalking protection order', { offence: 'breach-stalking-protection-order' }, 2],
    ['controlling or coercive behaviour', { offence: 'controlling-or-coercive-behaviour' }, 2],
    ['s2 harassment with the domestic abuse flag', { domesticAbuse: true }, 2],
    ['s4 fear of violence', { offence: 'harassment-fear-of-violence' }, 1],
    ['s4A stalking with serious alarm or distress', { offence: 'stalking-fear-alarm-distress' }, 1],
    ['aggravated fear of violence', { offence: 'racially-or-religiously-aggravated-harassment-fear' }, 1],
    ['s2 harassment, suspect subject to an SPO', { subjectOrderTypes: ['stalking-protection-order'] }, 1],
    ['s2 harassment, suspect subject to an interim SPO', { subjectOrderTypes: ['interim-stalking-protection-order'] }, 1],
    ['s2 harassment, suspect subject to a restraining order only', { subjectOrderTypes: ['restraining-order'] }, 3],
    ['stalking, undetected (outcome 18)', { offence: 'stalking', outcomeCode: 18 }, 4],
    ['s4A, undetected: still group 1', { offence: 'stalking-fear-alarm-distress', outcomeCode: 18 }, 1],
    ['non-crime incident', { crimeDecision: 'non-crime', offence: null }, 4],
    ['non-crime incident even with an SPO subject', { crimeDecision: 'non-crime', subjectOrderTypes: ['stalking-protection-order'] }, 4],
  ])('%s → group %i', (_name, change, group) => {
    expect(mopiGroup({ ...finalised, ...change }).group).toBe(group);
  });

  it('gives a reason for every group', () => {
    expect(mopiGroup({ ...finalised, domesticAbuse: true }).reasons).toEqual(['Domestic abuse']);
    expect(mopiGroup({ ...finalised, outcomeCode: 14, offence: 'stalking' }).reasons[0]).toContain('outcome 14');
  });

  it('follows the force policy as data: moving an offence between groups changes the result', () => {
    const policy: RetentionPolicy = { ...DEFAULT_RETENTION_POLICY, groupTwoOffences: [...DEFAULT_RETENTION_POLICY.groupTwoOffences, 'harassment'] };
    expect(mopiGroup(finalised).group).toBe(3);
    expect(mopiGroup(finalised, policy).group).toBe(2);
  });
});

describe('review dates', () => {
  it.each<[string, Partial<RetentionFacts>, string | null, string]>([
    ['group 3: 6 years after finalisation', {}, '2026-03-10', 'scheduled'],
    ['group 2: 10 years after finalisation', { offence: 'stalking' }, '2030-03-10', 'scheduled'],
    ['group 1: 10-yearly review', { offence: 'stalking-fear-alarm-distress' }, '2030-03-10', 'scheduled'],
    ['group 1, subject near 100: capped at the 100th birthday', { offence: 'stalking-fear-alarm-distress', subjectDateOfBirth: '1925-05-01' }, '2025-05-01', 'scheduled'],
    ['group 4 non-crime: 6 years after the last report, never finalised', { status: 'open', crimeDecision: 'non-crime', finalisedOn: null, lastReportOn: '2021-01-31' }, '2027-01-31', 'scheduled'],
    ['anchor is the later of finalisation and last report', { lastReportOn: '2021-07-01' }, '2027-07-01', 'scheduled'],
    ['an open crime has no review date yet', { status: 'open', finalisedOn: null }, null, 'active'],
    ['a reviewer kept it: their next review date applies', { lastDecision: { decision: 'retain', nextReviewOn: '2029-01-01' } }, '2029-01-01', 'scheduled'],
    ['deleted: no further review', { lastDecision: { decision: 'delete', nextReviewOn: null } }, null, 'deleted'],
  ])('%s', (_name, change, reviewOn, state) => {
    const assessment = assessRetention({ ...finalised, ...change });
    expect(assessment.reviewOn).toBe(reviewOn);
    expect(assessment.state).toBe(state);
  });

  it('group 1 records the day the subject would be 100; unknown date of birth leaves it open', () => {
    expect(assessRetention({ ...finalised, offence: 'stalking-fear-alarm-distress' }).retainUntil).toBe('2080-06-15');
    expect(assessRetention({ ...finalised, offence: 'stalking-fear-alarm-distress', subjectDateOfBirth: null }).retainUntil).toBeNull();
    expect(assessRetention(finalised).retainUntil).toBeNull();
  });

  it.each<[string, string, string]>([
    ['overdue', '2026-03-11', 'overdue'],
    ['due today', '2026-03-10', 'due'],
    ['within 90 days', '2025-12-20', 'soon'],
    ['further off', '2025-01-01', 'later'],
  ])('queue status: %s', (_name, today, status) => {
    expect(queueStatus(assessRetention(finalised), today)).toBe(status);
  });

  it('open cases are never in the queue', () => {
    expect(queueStatus(assessRetention({ ...finalised, status: 'open' }), '2090-01-01')).toBe('none');
  });
});

describe('dates', () => {
  it.each([
    ['2020-02-29', 1, '2021-02-28'],
    ['2020-02-29', 4, '2024-02-29'],
    ['2019-12-31', 6, '2025-12-31'],
  ])('addYears(%s, %i) = %s', (day, years, expected) => {
    expect(addYears(day, years)).toBe(expected);
  });

  it('addYears always gives a real day, later by exactly the years asked', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 100 }), (date, years) => {
        const day = date.toISOString().slice(0, 10);
        const result = addYears(day, years);
        return isRealDay(result) && Number(result.slice(0, 4)) - Number(day.slice(0, 4)) === years && result > day;
      }),
    );
  });

  it.each<[string, string, string | undefined]>([
    ['2031-01-01', 'a date within 6 years', undefined],
    ['2026-11-25', 'today', 'Next review date must be in the future'],
    ['2033-01-01', 'beyond the interval', 'Next review date must be no later than 2032-11-25 (6 years for group 3)'],
    ['2027-02-30', 'not a real day', 'Next review date must be a real date'],
    ['soon', 'not a date', 'Next review date must be a real date'],
  ])('next review %s (%s)', (value, _what, problem) => {
    expect(nextReviewProblem(value, 3, '2026-11-25')).toBe(problem);
  });

  it('the default next review is the group interval from today', () => {
    expect(defaultNextReview(1, '2026-11-25')).toBe('2036-11-25');
    expect(defaultNextReview(3, '2026-11-25')).toBe('2032-11-25');
  });
});

describe('policy data', () => {
  it('lists its assumptions and marks group 4 as one', () => {
    expect(DEFAULT_RETENTION_POLICY.assumptions.length).toBeGreaterThan(0);
    expect(DEFAULT_RETENTION_POLICY.groups[4].assumption).toBe(true);
    expect(DEFAULT_RETENTION_POLICY.groups[1].retainUntilAge).toBe(100);
  });
});
