import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideCaseForReport, type CandidateCase } from './auto-join.ts';
import { defaultConductPolicy } from './policy.ts';

const at = new Date('2026-11-25T10:00:00Z');
function kase(over: Partial<CandidateCase> & { id: string }): CandidateCase {
  return {
    reference: `C-${over.id}`,
    suspectPersonId: 'S',
    victimPersonIds: ['V1'],
    status: 'open',
    finalisedAt: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    ...over,
  };
}

describe('which case a new report joins', () => {
  const cases: Array<{ name: string; suspect: string | null; victims: string[]; candidates: CandidateCase[]; join: string | null; match?: string; code?: string; newVictims?: string[] }> = [
    { name: 'same suspect and victim, open case', suspect: 'S', victims: ['V1'], candidates: [kase({ id: 'a' })], join: 'a', match: 'same-parties', newVictims: [] },
    { name: 'unknown suspect never joins', suspect: null, victims: ['V1'], candidates: [kase({ id: 'a', suspectPersonId: null })], join: null, code: 'suspect-unknown' },
    { name: 'different suspect', suspect: 'T', victims: ['V1'], candidates: [kase({ id: 'a' })], join: null, code: 'no-matching-case' },
    { name: 'finalised 11 months ago joins', suspect: 'S', victims: ['V1'], candidates: [kase({ id: 'a', status: 'finalised', finalisedAt: new Date('2025-12-30T10:00:00Z') })], join: 'a', match: 'same-parties' },
    { name: 'finalised 13 months ago does not', suspect: 'S', victims: ['V1'], candidates: [kase({ id: 'a', status: 'finalised', finalisedAt: new Date('2025-10-20T10:00:00Z') })], join: null, code: 'matching-case-too-old' },
    { name: 'shared suspect, new victim (P4) joins and adds the victim', suspect: 'S', victims: ['V2'], candidates: [kase({ id: 'a' })], join: 'a', match: 'shared-suspect', newVictims: ['V2'] },
    {
      name: 'prefers the case with the same victim over one sharing only the suspect',
      suspect: 'S',
      victims: ['V2'],
      candidates: [kase({ id: 'a', createdAt: new Date('2026-10-01T00:00:00Z') }), kase({ id: 'b', victimPersonIds: ['V2'] })],
      join: 'b',
      match: 'same-parties',
    },
    {
      name: 'prefers open over finalised',
      suspect: 'S',
      victims: ['V1'],
      candidates: [kase({ id: 'a', status: 'finalised', finalisedAt: new Date('2026-10-01T00:00:00Z'), createdAt: new Date('2026-09-01T00:00:00Z') }), kase({ id: 'b' })],
      join: 'b',
    },
    { name: 'merged cases take no reports', suspect: 'S', victims: ['V1'], candidates: [kase({ id: 'a', mergedInto: 'z' })], join: null, code: 'no-matching-case' },
  ];
  it.each(cases)('$name', ({ suspect, victims, candidates, join, match, code, newVictims }) => {
    const decision = decideCaseForReport({ suspectPersonId: suspect, victimPersonIds: victims, at }, candidates);
    if (join === null) {
      expect(decision.join).toBe(false);
      if (!decision.join) expect(decision.code).toBe(code);
    } else {
      expect(decision).toMatchObject({ join: true, caseId: join });
      if (decision.join && match) expect(decision.match).toBe(match);
      if (decision.join && newVictims) expect(decision.newVictimIds).toEqual(newVictims);
    }
    expect(decision.reason.length).toBeGreaterThan(20);
  });

  it('policy: joining on the suspect alone can be switched off', () => {
    const decision = decideCaseForReport({ suspectPersonId: 'S', victimPersonIds: ['V2'], at }, [kase({ id: 'a' })], { ...defaultConductPolicy, joinOnSharedSuspectAlone: false });
    expect(decision).toMatchObject({ join: false, code: 'victims-differ' });
  });

  it('policy: the recent window is configurable', () => {
    const candidates = [kase({ id: 'a', status: 'finalised', finalisedAt: new Date('2026-08-01T10:00:00Z') })];
    const three = { ...defaultConductPolicy, recentCaseWindowMonths: 3 };
    expect(decideCaseForReport({ suspectPersonId: 'S', victimPersonIds: ['V1'], at }, candidates, three).join).toBe(false);
    expect(decideCaseForReport({ suspectPersonId: 'S', victimPersonIds: ['V1'], at }, candidates).join).toBe(true);
  });

  it('the reason names the case and says why', () => {
    const d = decideCaseForReport({ suspectPersonId: 'S', victimPersonIds: ['V1'], at }, [kase({ id: 'a' })]);
    expect(d.reason).toBe('Joined case C-a: the same suspect and victim, and the case is open.');
  });

  it('property: the order of the candidate cases never changes the decision', () => {
    const candidate = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      suspectPersonId: fc.constantFrom('S', 'T', null),
      victimPersonIds: fc.subarray(['V1', 'V2', 'V3']),
      status: fc.constantFrom('open' as const, 'finalised' as const),
      finalisedAt: fc.option(fc.date({ min: new Date('2024-01-01'), max: new Date('2026-11-24'), noInvalidDate: true }), { nil: null }),
      createdAt: fc.date({ min: new Date('2023-01-01'), max: new Date('2026-11-24'), noInvalidDate: true }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.id, maxLength: 5 }), fc.subarray(['V1', 'V2', 'V3'], { minLength: 1 }), (list, victims) => {
        const full = list.map((c) => ({ ...c, reference: `C-${c.id}` }));
        const forward = decideCaseForReport({ suspectPersonId: 'S', victimPersonIds: victims, at }, full);
        const backward = decideCaseForReport({ suspectPersonId: 'S', victimPersonIds: victims, at }, [...full].reverse());
        expect(backward).toEqual(forward);
      }),
    );
  });
});
