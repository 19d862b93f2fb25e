import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/index.ts';
import { EMPTY_COURT_SUPPORT, checkCourtSupport, personalStatementState, type CourtSupportRecord } from './court-support.ts';

const TODAY = '2025-09-10';

describe('checkCourtSupport', () => {
  it.each<[string, Partial<CourtSupportRecord>, string[]]>([
    ['nothing recorded', {}, []],
    ['offered, taken and updated in order', { vpsOfferedOn: '2025-09-01', vpsTakenOn: '2025-09-01', vpsUpdatedOn: '2025-09-10' }, []],
    ['taken without being offered', { vpsTakenOn: '2025-09-01' }, ['vpsOfferedOn']],
    ['taken before offered', { vpsOfferedOn: '2025-09-02', vpsTakenOn: '2025-09-01' }, ['vpsTakenOn']],
    ['updated without being taken', { vpsOfferedOn: '2025-09-01', vpsUpdatedOn: '2025-09-02' }, ['vpsTakenOn']],
    ['updated before taken', { vpsOfferedOn: '2025-09-01', vpsTakenOn: '2025-09-03', vpsUpdatedOn: '2025-09-02' }, ['vpsUpdatedOn']],
    ['offered in the future', { vpsOfferedOn: '2025-09-11' }, ['vpsOfferedOn']],
    ['an assessment with its decision', { measuresAssessedOn: '2025-09-05', measuresConsidered: ['screens'], measuresDecision: 'Ask for screens.' }, []],
    ['an assessment without a decision', { measuresAssessedOn: '2025-09-05' }, ['measuresDecision']],
    ['measures without an assessment date', { measuresNeeds: ['fear-or-distress'] }, ['measuresAssessedOn']],
    ['an assessment in the future', { measuresAssessedOn: '2025-09-11', measuresDecision: 'Ask for screens.' }, ['measuresAssessedOn']],
  ])('%s', (_name, change, fields) => {
    expect(checkCourtSupport({ ...EMPTY_COURT_SUPPORT, ...change }, TODAY).map((p) => p.field)).toEqual(fields);
  });

  it('accepts any offered ≤ taken ≤ updated ≤ today, and refuses any taken before offered', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((n) => addDays('2024-08-06', n));
    fc.assert(
      fc.property(day, day, day, (a, b, c) => {
        const [offered, taken, updated] = [a, b, c].sort() as [string, string, string];
        expect(checkCourtSupport({ ...EMPTY_COURT_SUPPORT, vpsOfferedOn: offered, vpsTakenOn: taken, vpsUpdatedOn: updated }, TODAY)).toEqual([]);
        if (offered < taken) {
          expect(checkCourtSupport({ ...EMPTY_COURT_SUPPORT, vpsOfferedOn: taken, vpsTakenOn: offered }, TODAY).map((p) => p.field)).toEqual(['vpsTakenOn']);
        }
      }),
    );
  });

  it('says where the statement stands', () => {
    expect(personalStatementState(null)).toBe('not-offered');
    expect(personalStatementState({ ...EMPTY_COURT_SUPPORT, vpsOfferedOn: '2025-09-01' })).toBe('offered');
    expect(personalStatementState({ ...EMPTY_COURT_SUPPORT, vpsOfferedOn: '2025-09-01', vpsTakenOn: '2025-09-02' })).toBe('taken');
    expect(personalStatementState({ ...EMPTY_COURT_SUPPORT, vpsOfferedOn: '2025-09-01', vpsTakenOn: '2025-09-02', vpsUpdatedOn: '2025-09-03' })).toBe('updated');
  });
});
