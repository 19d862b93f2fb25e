import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, ROLES } from '../access/index.ts';
import { addDays, addMonths, compareLocalDates, daysBetween, daysInMonth, yearOf } from '../calendar/index.ts';
import { localDateArbitrary } from '../calendar/test-arbitraries.ts';
import {
  SPO_STAGES,
  SPO_STAGE_PERMISSION,
  assessBreach,
  authorityProblems,
  breachRuleFor,
  dueState,
  moveInDue,
  nextSpoStages,
  nextVisitDue,
  notificationDueOn,
  planFromTerms,
  spoGrantDeadlines,
  spoTermProblem,
  transitionProblem,
  type SpoStage,
} from './index.ts';

describe('P7: SPO deadlines', () => {
  it('a full SPO granted on 3 March 2025 for two years: initial visit by 10 March 2025, renewal by 3 December 2026', () => {
    const due = spoGrantDeadlines('2025-03-03', { years: 2 });
    expect(due).toEqual({ initialVisitDue: '2025-03-10', expiresOn: '2027-03-03', renewalDue: '2026-12-03' });
  });
  it('a subject moving in on 1 July 2025: offender manager by 8 July, first visit by 15 July', () => {
    expect(moveInDue('2025-07-01')).toEqual({ allocateOffenderManagerBy: '2025-07-08', firstVisitBy: '2025-07-15' });
  });
});

describe('date rules', () => {
  it.each([
    ['2024-02-29', { years: 2 }, '2026-02-28', '2025-11-28'],
    ['2023-11-30', { years: 2 }, '2025-11-30', '2025-08-30'],
    ['2024-05-31', { years: 2 }, '2026-05-31', '2026-02-28'],
    ['2025-08-31', { years: 2, months: 6 }, '2028-02-29', '2027-11-29'],
  ] as const)('granted %s for %j expires %s, renewal due %s', (granted, term, expires, renewal) => {
    const due = spoGrantDeadlines(granted, term);
    expect(due.expiresOn).toBe(expires);
    expect(due.renewalDue).toBe(renewal);
  });
  it('an order until further order has no expiry or renewal date', () => {
    expect(spoGrantDeadlines('2025-03-03', 'until further order')).toEqual({ initialVisitDue: '2025-03-10', expiresOn: null, renewalDue: null });
  });
  it.each([
    ['2025-03-03', '2025-03-05'],
    ['2024-02-28', '2024-03-01'],
    ['2025-02-28', '2025-03-02'],
    ['2025-12-31', '2026-01-02'],
  ])('served %s: notify by %s (the day of service is day 1)', (served, due) => {
    expect(notificationDueOn(served)).toBe(due);
  });
  it('a full SPO must last at least two years; an interim one need not', () => {
    expect(spoTermProblem({ years: 1, months: 11 }, false)).toMatch(/at least 2 years/);
    expect(spoTermProblem({ years: 2 }, false)).toBeNull();
    expect(spoTermProblem('until further order', false)).toBeNull();
    expect(spoTermProblem({ months: 3 }, true)).toBeNull();
  });
  it.each([
    ['2025-03-01', '2025-03-02', 'overdue'],
    ['2025-03-02', '2025-03-02', 'due today'],
    ['2025-03-09', '2025-03-02', 'due soon'],
    ['2025-03-10', '2025-03-02', 'later'],
  ] as const)('due %s on %s is %s', (due, today, state) => {
    expect(dueState(due, today)).toBe(state);
  });
  it('the next visit is the interval after the last visit, or the initial visit date before any', () => {
    expect(nextVisitDue({ lastVisitOn: null, initialVisitDue: '2025-03-10', intervalDays: 28 })).toBe('2025-03-10');
    expect(nextVisitDue({ lastVisitOn: '2025-03-08', initialVisitDue: '2025-03-10', intervalDays: 28 })).toBe('2025-04-05');
  });
});

describe('date properties (month ends and leap years)', () => {
  const grant = localDateArbitrary('1990-01-01', '2090-12-31');
  it('renewal falls exactly the policy months before expiry, never after it, and within a real month', () => {
    fc.assert(
      fc.property(grant, fc.integer({ min: 2, max: 10 }), fc.integer({ min: 0, max: 11 }), (granted, years, months) => {
        const due = spoGrantDeadlines(granted, { years, months });
        expect(due.expiresOn).not.toBeNull();
        expect(compareLocalDates(due.renewalDue!, due.expiresOn!)).toBeLessThan(0);
        expect(compareLocalDates(due.renewalDue!, granted)).toBeGreaterThan(0);
        const [y, m, d] = due.renewalDue!.split('-').map(Number) as [number, number, number];
        expect(d).toBeLessThanOrEqual(daysInMonth(y, m));
        // Clamped to month ends: never later in the month than the grant's day, and the same day when every month has it.
        const grantDay = Number(granted.slice(8));
        expect(d).toBeLessThanOrEqual(grantDay);
        if (grantDay <= 28) expect(d).toBe(grantDay);
        // Between 89 and 92 days before expiry (three calendar months).
        const gap = daysBetween(due.renewalDue!, due.expiresOn!);
        expect(gap).toBeGreaterThanOrEqual(89 - 3);
        expect(gap).toBeLessThanOrEqual(92);
      }),
    );
  });
  it('an order granted on 29 February ends on 28 February in a common year, 29 February in a leap year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1992, max: 2088 }).filter((y) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)), fc.integer({ min: 2, max: 12 }), (year, years) => {
        const expires = spoGrantDeadlines(`${year}-02-29`, { years }).expiresOn!;
        const end = year + years;
        const leap = end % 4 === 0 && (end % 100 !== 0 || end % 400 === 0);
        expect(expires).toBe(`${end}-02-${leap ? '29' : '28'}`);
        expect(yearOf(expires)).toBe(end);
      }),
    );
  });
  it('initial visit is always 7 calendar days after grant; notification 2 days after service; move-in 7 and 14 days', () => {
    fc.assert(
      fc.property(grant, (day) => {
        expect(daysBetween(day, spoGrantDeadlines(day, { years: 2 }).initialVisitDue)).toBe(7);
        expect(daysBetween(day, notificationDueOn(day))).toBe(2);
        const move = moveInDue(day);
        expect(daysBetween(day, move.allocateOffenderManagerBy)).toBe(7);
        expect(daysBetween(day, move.firstVisitBy)).toBe(14);
        expect(addDays(move.allocateOffenderManagerBy, 7)).toBe(move.firstVisitBy);
      }),
    );
  });
  it('expiry is the grant date plus the term in months, the same as adding the months', () => {
    fc.assert(
      fc.property(grant, fc.integer({ min: 24, max: 120 }), (day, months) => {
        expect(spoGrantDeadlines(day, { months }).expiresOn).toBe(addMonths(day, months));
      }),
    );
  });
});

describe('SPO stages', () => {
  const holders = (p: string) => ROLES.map((r) => r.code).filter((r) => (ROLE_PERMISSIONS[r] as readonly string[]).includes(p));
  it('only the authorising superintendent holds the permission to authorise or refuse authority', () => {
    expect(SPO_STAGE_PERMISSION.authorised).toBe('orders:authorise');
    expect(SPO_STAGE_PERMISSION['not-authorised']).toBe('orders:authorise');
    expect(holders('orders:authorise')).toEqual(['authorising-superintendent']);
    for (const stage of SPO_STAGES.filter((s) => s !== 'authorised' && s !== 'not-authorised')) expect(SPO_STAGE_PERMISSION[stage]).not.toBe('orders:authorise');
  });
  it.each([
    ['referred', 'scu-approved', true],
    ['referred', 'authorised', false],
    ['scu-approved', 'application-prepared', true],
    ['application-prepared', 'authorised', true],
    ['application-prepared', 'hearing-listed', false],
    ['authorised', 'hearing-listed', true],
    ['hearing-listed', 'interim-granted', true],
    ['interim-granted', 'granted', true],
    ['granted', 'refused', false],
    ['not-authorised', 'application-prepared', true],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(transitionProblem(from as SpoStage, to as SpoStage) === null).toBe(allowed);
  });
  it('every stage can be reached from the referral', () => {
    const seen = new Set<SpoStage>(['referred']);
    const queue: SpoStage[] = ['referred'];
    while (queue.length) {
      for (const next of nextSpoStages(queue.shift()!)) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    expect([...seen].sort()).toEqual([...SPO_STAGES].sort());
  });
  it('authority needs necessary, proportionate, justified and both parties’ human rights; refusal needs a reason', () => {
    expect(authorityProblems('authorised', {}).map((p) => p.field)).toEqual(['necessary', 'proportionate', 'justified', 'humanRightsSubject', 'humanRightsVictim']);
    expect(authorityProblems('authorised', { necessary: 'a', proportionate: 'b', justified: 'c', humanRightsSubject: 'd', humanRightsVictim: ' ' }).map((p) => p.field)).toEqual(['humanRightsVictim']);
    expect(authorityProblems('not-authorised', {})).toEqual([{ field: 'reason', message: expect.stringMatching(/reason/) }]);
  });
});

describe('breaches (P3 logic from the conduct rules)', () => {
  const breach = (id: string, day: string) => ({ id, at: new Date(`${day}T12:00:00Z`), channels: ['in-person'], behaviours: ['loitering'], breachedOrderId: 'order-1' });
  it('the first breach is a breach only; the second prompts for stalking or harassment as well', () => {
    const first = assessBreach({ orderType: 'restraining-order', breachOccasions: [breach('a', '2025-03-01')], recording: { offence: 'breach-restraining-order' } });
    expect(first).toMatchObject({ breachNumber: 1, courseOfConductPrompt: null, recordAsCrime: true, arrestWithinHours: 1 });
    const second = assessBreach({ orderType: 'restraining-order', breachOccasions: [breach('a', '2025-03-01'), breach('b', '2025-03-15')], recording: { offence: 'breach-restraining-order' } });
    expect(second.breachNumber).toBe(2);
    expect(second.courseOfConductPrompt).toMatch(/two breaches after an order are a course of conduct/);
  });
  it('no prompt once stalking or harassment is already recorded', () => {
    const r = assessBreach({ orderType: 'stalking-protection-order', breachOccasions: [breach('a', '2025-03-01'), breach('b', '2025-03-15')], recording: { offence: 'stalking' } });
    expect(r.courseOfConductPrompt).toBeNull();
  });
  it.each([
    ['restraining-order', 'restraining-order'],
    ['restraining-order-acquittal', 'restraining-order'],
    ['spo', 'stalking-protection-order'],
    ['interim-stalking-protection-order', 'stalking-protection-order'],
    ['dvpo', null],
    ['non-molestation-order', null],
  ])('breaches of %s count for the classification rules as %s', (type, rule) => {
    expect(breachRuleFor(type)).toBe(rule);
  });
});

describe('subject management plan', () => {
  it('makes one item per prohibition and requirement', () => {
    const plan = planFromTerms({ prohibitions: 'Not to contact A; not to go within 200 metres of her home.', requirements: 'Attend a perpetrator programme' });
    expect(plan.map((p) => [p.kind, p.text])).toEqual([
      ['prohibition', 'Not to contact A'],
      ['prohibition', 'not to go within 200 metres of her home'],
      ['requirement', 'Attend a perpetrator programme'],
    ]);
  });
});
