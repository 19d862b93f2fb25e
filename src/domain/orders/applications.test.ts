import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, ROLES } from '../access/index.ts';
import { addDays, compareLocalDates } from '../calendar/index.ts';
import { localDateArbitrary } from '../calendar/test-arbitraries.ts';
import {
  APPLICATION_KINDS,
  APPLICATION_STAGES,
  APPLICATION_STAGE_PERMISSION,
  RENEWAL_EVIDENCE,
  RENEWAL_EVIDENCE_PROMPTS,
  applicationProblems,
  applicationTransitionProblem,
  crossForceConsultationDue,
  decisionProblems,
  isFinalApplication,
  nextApplicationStages,
  nextTaskAfter,
  renewalEndProblem,
  spoConsiderationDue,
  type ApplicationKind,
  type ApplicationStage,
} from './index.ts';

const ORDER = { status: 'active', expiresOn: '2027-03-03', prohibitions: 'No contact', requirements: null };
const EVIDENCE = { newActs: 'a', currentRisk: 'b', stillNecessary: 'c', compliance: 'd' };

describe('renewal, variation and discharge: the stages', () => {
  it.each([
    ['renewal', 'applied', ['scu-report', 'withdrawn']],
    ['renewal', 'scu-report', ['legal-advice', 'decided', 'withdrawn']],
    ['variation', 'scu-report', ['legal-advice', 'decided', 'withdrawn']],
    ['discharge', 'scu-report', ['legal-advice', 'withdrawn']],
    ['discharge', 'legal-advice', ['decided', 'withdrawn']],
    ['discharge', 'decided', ['hearing-listed', 'withdrawn']],
    ['variation', 'hearing-listed', ['hearing-listed', 'granted', 'refused', 'withdrawn']],
    ['renewal', 'granted', []],
    ['discharge', 'refused', []],
    ['variation', 'withdrawn', []],
  ] as const)('%s after %s: %j', (kind, stage, next) => {
    expect(nextApplicationStages({ kind, stage })).toEqual(next);
  });

  it('a decision not to apply closes a police application; any other decision leads to a hearing', () => {
    expect(nextApplicationStages({ kind: 'renewal', stage: 'decided', decision: 'do-not-apply' })).toEqual([]);
    expect(isFinalApplication({ kind: 'renewal', stage: 'decided', decision: 'do-not-apply' })).toBe(true);
    expect(applicationTransitionProblem({ kind: 'renewal', stage: 'decided', decision: 'do-not-apply' }, 'hearing-listed')?.message).toMatch(/decided not to apply/);
    for (const decision of ['apply', 'support', 'oppose'] as const) expect(nextApplicationStages({ kind: 'variation', stage: 'decided', decision })).toContain('hearing-listed');
  });

  it('a discharge cannot be decided before legal advice', () => {
    expect(applicationTransitionProblem({ kind: 'discharge', stage: 'scu-report' }, 'decided')).toMatchObject({ field: 'stage', message: expect.stringMatching(/Legal advice/) });
    expect(applicationTransitionProblem({ kind: 'renewal', stage: 'scu-report' }, 'decided')).toBeNull();
  });

  it('only the decision needs orders:authorise, and only the authorising superintendent holds it', () => {
    const authorise = APPLICATION_STAGES.filter((s) => APPLICATION_STAGE_PERMISSION[s] === 'orders:authorise');
    expect(authorise).toEqual(['decided']);
    expect(ROLES.filter((r) => ROLE_PERMISSIONS[r.code].includes('orders:authorise')).map((r) => r.code)).toEqual(['authorising-superintendent']);
  });

  it('every open state has a task for the next step, owned by the SCU or the superintendent; closed ones none', () => {
    fc.assert(
      fc.property(fc.constantFrom(...APPLICATION_KINDS), fc.constantFrom(...APPLICATION_STAGES), fc.constantFrom('apply', 'do-not-apply', 'support', 'oppose', null), (kind: ApplicationKind, stage: ApplicationStage, decision) => {
        const state = { kind, stage, decision: stage === 'decided' ? decision : null };
        const task = nextTaskAfter(state);
        if (isFinalApplication(state) || stage === 'withdrawn') expect(task).toBeUndefined();
        else {
          expect(task).toBeDefined();
          expect(task!.owner).toBe(nextApplicationStages(state).includes('decided') ? 'authorising' : 'scu');
        }
      }),
    );
  });
});

describe('a new application', () => {
  it('a renewal needs the police as applicant, an end date to renew, and every evidence prompt answered', () => {
    expect(RENEWAL_EVIDENCE.map((e) => e.prompt)).toEqual([...RENEWAL_EVIDENCE_PROMPTS]);
    const draft = { kind: 'renewal' as const, applicant: 'subject' as const, appliedOn: '2026-11-20', evidence: { newActs: 'x', currentRisk: '  ' } };
    expect(applicationProblems(draft, ORDER, '2026-11-20').map((p) => p.field)).toEqual(['applicant', 'evidence.currentRisk', 'evidence.stillNecessary', 'evidence.compliance']);
    expect(applicationProblems({ ...draft, applicant: 'police', evidence: EVIDENCE }, { ...ORDER, expiresOn: null }, '2026-11-20').map((p) => p.field)).toEqual(['kind']);
    expect(applicationProblems({ ...draft, applicant: 'police', evidence: EVIDENCE }, ORDER, '2026-11-20')).toEqual([]);
  });

  it('a variation must change the terms; nothing can be applied for on an order no longer in force or in the future', () => {
    const draft = { kind: 'variation' as const, applicant: 'subject' as const, appliedOn: '2026-11-20', evidence: {}, proposedProhibitions: 'No contact' };
    expect(applicationProblems(draft, ORDER, '2026-11-20')).toEqual([expect.objectContaining({ field: 'proposedProhibitions', message: expect.stringMatching(/same/) })]);
    expect(applicationProblems({ ...draft, proposedRequirements: 'Attend a course' }, ORDER, '2026-11-20')).toEqual([]);
    expect(applicationProblems({ ...draft, kind: 'discharge', appliedOn: '2026-11-21' }, { ...ORDER, status: 'discharged' }, '2026-11-20').map((p) => p.field)).toEqual(['kind', 'appliedOn']);
  });

  it('the decision fits the applicant; a police renewal or variation answers the authority tests, a discharge only gives reasons', () => {
    expect(decisionProblems({ kind: 'renewal', applicant: 'police', decision: 'support', reasons: 'x' })).toEqual([expect.objectContaining({ field: 'decision' })]);
    expect(decisionProblems({ kind: 'renewal', applicant: 'police', decision: 'apply', reasons: 'x' }).map((p) => p.field)).toEqual(['necessary', 'proportionate', 'justified', 'humanRightsSubject', 'humanRightsVictim']);
    expect(decisionProblems({ kind: 'discharge', applicant: 'police', decision: 'apply', reasons: 'x' })).toEqual([]);
    expect(decisionProblems({ kind: 'variation', applicant: 'subject', decision: 'oppose', reasons: '' })).toEqual([expect.objectContaining({ field: 'reasons' })]);
  });
});

describe('dates', () => {
  it('a renewed order must end after its current end and after the decision', () => {
    expect(renewalEndProblem({ currentExpiresOn: '2027-03-03', grantedOn: '2026-12-10', newExpiresOn: '2029-03-03', untilFurtherOrder: false })).toBeNull();
    expect(renewalEndProblem({ currentExpiresOn: '2027-03-03', grantedOn: '2026-12-10', newExpiresOn: '2027-03-03', untilFurtherOrder: false })?.field).toBe('newExpiresOn');
    expect(renewalEndProblem({ currentExpiresOn: '2027-03-03', grantedOn: '2026-12-10', newExpiresOn: undefined, untilFurtherOrder: true })).toBeNull();
    expect(renewalEndProblem({ currentExpiresOn: '2027-03-03', grantedOn: '2026-12-10', newExpiresOn: undefined, untilFurtherOrder: false })?.message).toMatch(/Enter the date/);
  });

  it.each([
    ['2025-07-01', '2025-07-08'],
    ['2024-02-25', '2024-03-03'],
    ['2025-02-25', '2025-03-04'],
    ['2025-12-28', '2026-01-04'],
  ])('consultation and SPO consideration from %s are due %s (calendar days, month and year ends)', (from, due) => {
    expect(crossForceConsultationDue(from)).toBe(due);
    expect(spoConsiderationDue(from)).toBe(due);
  });

  it('property: the consultation is always 7 calendar days on, whatever the month or leap year', () => {
    fc.assert(
      fc.property(localDateArbitrary(), (from) => {
        const due = crossForceConsultationDue(from);
        expect(compareLocalDates(due, from)).toBeGreaterThan(0);
        expect(addDays(due, -7)).toBe(from);
      }),
    );
  });
});
