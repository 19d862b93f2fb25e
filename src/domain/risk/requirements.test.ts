import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import type { AssessmentRecord } from './assessment.ts';
import { DASH_TOOL_ID, SDASH_TOOL_ID, STALKING_QUESTIONS_TOOL_ID } from './default-tools.ts';
import { westYorkshireRiskPolicy as policy } from './policy.ts';
import { REASSESSMENT_TRIGGERS, reassessmentReasons, type ReassessmentTrigger } from './reassessment.ts';
import { assessmentRequirements, canCloseInitialInvestigation, type CaseRiskFacts, type RequirementCode } from './requirements.ts';
import { assessmentTimeliness } from './timeliness.ts';

const reportedAt = new Date('2025-03-03T09:00:00Z');

function done(toolId: string, stage: AssessmentRecord['stage'], hoursAfterReport: number, openedToolIds: string[] = []): AssessmentRecord {
  return { toolId, stage, completedAt: new Date(reportedAt.getTime() + hoursAfterReport * 3_600_000), openedToolIds };
}

function facts(overrides: Partial<CaseRiskFacts>): CaseRiskFacts {
  return { offence: 'stalking', domestic: false, incidentCount: 1, victimVeryFrightened: false, assessments: [], ...overrides };
}

const codes = (f: CaseRiskFacts): RequirementCode[] => assessmentRequirements(f, policy).requirements.map((r) => r.code);

describe('assessmentRequirements', () => {
  it('P1: ex-partner stalking needs DASH with the stalking questions before the initial investigation can be closed', () => {
    const p1 = facts({ offence: 'stalking', domestic: true, incidentCount: 3 });
    expect(codes(p1)).toEqual(['initial-screening', 'enhanced-assessment', 'stalking-questions', 'stalking-screening']);
    const blocked = canCloseInitialInvestigation(p1, [], policy);
    expect(!blocked.ok && blocked.reasons.map((r) => r.code)).toEqual([
      'missing-initial-screening', 'missing-enhanced-assessment', 'missing-stalking-questions', 'missing-stalking-screening',
    ]);
    const completed = { ...p1, assessments: [done(DASH_TOOL_ID, 'initial', 2, [STALKING_QUESTIONS_TOOL_ID]), done(STALKING_QUESTIONS_TOOL_ID, 'initial', 2)] };
    expect(canCloseInitialInvestigation(completed, [], policy).ok).toBe(true);
  });

  it('P4: stranger stalking needs a risk assessment even though there is no domestic link', () => {
    const p4 = facts({ offence: 'stalking', domestic: false, incidentCount: 4 });
    const result = assessmentRequirements(p4, policy);
    expect(result.requirements.map((r) => r.code)).toContain('enhanced-assessment');
    expect(result.requirements[1]?.why).toBe(
      'Every stalking or harassment crime, domestic or not, needs an enhanced risk assessment, completed with the victim or, if they will not engage, from police information and officer observation.',
    );
  });

  it.each<[string, Partial<CaseRiskFacts>, RequirementCode[]]>([
    ['harassment, one incident, not frightened', { offence: 'harassment' }, ['initial-screening', 'enhanced-assessment']],
    ['harassment, very frightened', { offence: 'harassment', victimVeryFrightened: true }, ['initial-screening', 'enhanced-assessment', 'stalking-screening']],
    ['harassment, two incidents', { offence: 'harassment', incidentCount: 2 }, ['initial-screening', 'enhanced-assessment', 'stalking-screening']],
    ['harassment where DASH question 8 opened the stalking questions', { offence: 'harassment', assessments: [done(DASH_TOOL_ID, 'enhanced', 5, [STALKING_QUESTIONS_TOOL_ID])] }, ['initial-screening', 'enhanced-assessment', 'stalking-questions']],
    ['stalking, one incident', { offence: 'stalking' }, ['initial-screening', 'enhanced-assessment', 'stalking-questions']],
    ['other domestic offence', { offence: 'other', domestic: true, incidentCount: 3 }, ['initial-screening', 'enhanced-assessment']],
    ['other non-domestic offence', { offence: 'other' }, []],
  ])('%s', (_case, overrides, expected) => {
    expect(codes(facts(overrides))).toEqual(expected);
  });

  it('S-DASH alone is flagged as a gap and does not satisfy the full assessment', () => {
    const result = assessmentRequirements(facts({ incidentCount: 2, assessments: [done(SDASH_TOOL_ID, 'initial', 1)] }), policy);
    expect(result.gaps.map((g) => g.code)).toEqual(['sdash-alone']);
    expect(result.requirements.find((r) => r.code === 'enhanced-assessment')?.satisfied).toBe(false);
    expect(result.requirements.find((r) => r.code === 'stalking-screening')?.satisfied).toBe(true);
  });

  it('S-DASH alongside a DASH is not a gap', () => {
    const result = assessmentRequirements(facts({ assessments: [done(SDASH_TOOL_ID, 'initial', 1), done(DASH_TOOL_ID, 'enhanced', 5)] }), policy);
    expect(result.gaps).toEqual([]);
  });
});

describe('canCloseInitialInvestigation', () => {
  const stalking = facts({ offence: 'stalking', assessments: [done(DASH_TOOL_ID, 'enhanced', 5)] });

  it('is blocked with a message saying what is missing and why', () => {
    const outcome = canCloseInitialInvestigation(stalking, [], policy);
    expect(!outcome.ok && outcome.reasons).toEqual([
      { code: 'missing-initial-screening', message: 'The initial risk screening has not been completed and no reason has been recorded. Every stalking or harassment crime, domestic or not, needs an initial risk screening at first contact.' },
      { code: 'missing-stalking-questions', message: 'The stalking questions have not been answered and no reason has been recorded. The stalking questions must be answered because the case is stalking.' },
    ]);
  });

  it('accepts recorded reasons in place of missing assessments, but not blank ones', () => {
    const reasons = [
      { requirement: 'initial-screening' as const, reason: 'Reported online; first contact was the enhanced assessment visit.' },
      { requirement: 'stalking-questions' as const, reason: '  ' },
    ];
    const outcome = canCloseInitialInvestigation(stalking, reasons, policy);
    expect(!outcome.ok && outcome.reasons.map((r) => r.code)).toEqual(['missing-stalking-questions']);
  });
});

describe('reassessmentReasons', () => {
  it.each(Object.keys(REASSESSMENT_TRIGGERS) as ReassessmentTrigger[])('%s makes a reassessment due', (kind) => {
    expect(reassessmentReasons({ kind }, policy)).toEqual([{ code: `reassess-${kind}`, message: REASSESSMENT_TRIGGERS[kind] }]);
  });

  it('P3: a second breach of a restraining order creates a risk reassessment', () => {
    expect(reassessmentReasons({ kind: 'breach' }, policy).map((r) => r.code)).toEqual(['reassess-breach']);
  });

  it('other events do not', () => {
    expect(reassessmentReasons({ kind: 'victim-contacted' }, policy)).toEqual([]);
  });

  it('follows the force policy', () => {
    expect(reassessmentReasons({ kind: 'bail-changed' }, { ...policy, reassessOn: ['breach'] })).toEqual([]);
  });
});

describe('assessmentTimeliness', () => {
  it('measures time from report to each stage against the 24-hour target', () => {
    const clock = fixedClock('2025-03-05T09:00:00Z');
    const result = assessmentTimeliness(reportedAt, [done('sash', 'initial', 96), done(DASH_TOOL_ID, 'initial', 3)], policy, clock);
    expect(result).toEqual([
      { stage: 'initial', targetHours: 24, dueBy: new Date('2025-03-04T09:00:00Z'), completedAt: new Date('2025-03-03T12:00:00Z'), hoursTaken: 3, status: 'on-time' },
      { stage: 'enhanced', targetHours: 24, dueBy: new Date('2025-03-04T09:00:00Z'), status: 'overdue' },
    ]);
  });

  it.each<[number, string]>([[24, 'on-time'], [24.5, 'late']])('completed %s hours after report is %s', (hours, status) => {
    const result = assessmentTimeliness(reportedAt, [done(DASH_TOOL_ID, 'enhanced', hours)], policy, fixedClock('2025-03-10T00:00:00Z'));
    expect(result[1]?.status).toBe(status);
  });

  it('is due, not overdue, while within the target', () => {
    const result = assessmentTimeliness(reportedAt, [], policy, fixedClock('2025-03-04T08:59:00Z'));
    expect(result.map((r) => r.status)).toEqual(['due', 'due']);
  });
});
