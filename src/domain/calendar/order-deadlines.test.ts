import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween } from './local-date.ts';
import type { OrderTerm } from './order-deadlines.ts';
import {
  moveInDeadlines,
  notificationDue,
  orderExpiry,
  renewalSubmissionDue,
  spoGrantDeadlines,
  westYorkshireOrderDeadlinePolicy,
} from './order-deadlines.ts';
import { localDateArbitrary } from './test-arbitraries.ts';

describe('Stalking Protection Order deadlines', () => {
  it('P7: full SPO granted 3 March 2025 for two years: initial visit by 10 March 2025, renewal by 3 December 2026', () => {
    expect(spoGrantDeadlines('2025-03-03', { years: 2 })).toEqual({
      initialVisitDue: '2025-03-10',
      expiresOn: '2027-03-03',
      renewalDue: '2026-12-03',
    });
  });

  it('P7: subject under an SPO moves in on 1 July 2025: allocate by 8 July, first visit by 15 July', () => {
    expect(moveInDeadlines('2025-07-01')).toEqual({
      allocateOffenderManagerBy: '2025-07-08',
      firstVisitBy: '2025-07-15',
    });
  });

  it('an order until further order has no expiry and no renewal date', () => {
    expect(spoGrantDeadlines('2025-03-03', 'until further order')).toEqual({
      initialVisitDue: '2025-03-10',
      expiresOn: null,
      renewalDue: null,
    });
  });

  it.each([
    ['2024-02-29', { years: 2 }, '2026-02-28', '2025-11-28', 'leap day grant'],
    ['2025-08-31', { months: 6 }, '2026-02-28', '2025-11-28', 'month end clamped'],
    ['2025-05-31', { years: 2, months: 1 }, '2027-06-30', '2027-03-30', 'years and months'],
    ['2023-11-30', { years: 2, months: 3 }, '2026-02-28', '2025-11-28', 'expiry and renewal both clamped'],
  ])('granted %s for %o expires %s, renewal due %s (%s)', (grantedOn, term: OrderTerm, expiresOn, renewalDue, _case) => {
    expect(orderExpiry(grantedOn, term)).toBe(expiresOn);
    expect(renewalSubmissionDue(expiresOn)).toBe(renewalDue);
  });

  it('notification is due within 3 days counting the day of service or change as the first (SPA 2019 s9)', () => {
    expect(notificationDue('2025-03-03')).toBe('2025-03-05');
    expect(notificationDue('2025-12-31')).toBe('2026-01-02');
  });

  it('uses force policy for every limit', () => {
    const policy = {
      initialVisitWithinDays: 5,
      renewalMonthsBeforeExpiry: 6,
      notificationPeriodDays: 7,
      moveInAllocationWithinDays: 3,
      moveInFirstVisitWithinDays: 10,
    };
    expect(spoGrantDeadlines('2025-03-03', { years: 2 }, policy)).toEqual({
      initialVisitDue: '2025-03-08',
      expiresOn: '2027-03-03',
      renewalDue: '2026-09-03',
    });
    expect(notificationDue('2025-03-03', policy)).toBe('2025-03-09');
    expect(moveInDeadlines('2025-07-01', policy)).toEqual({
      allocateOffenderManagerBy: '2025-07-04',
      firstVisitBy: '2025-07-11',
    });
  });

  it('renewal is due between 89 and 92 days before expiry, and never after it (property)', () => {
    fc.assert(
      fc.property(localDateArbitrary(), fc.integer({ min: 2, max: 10 }), (grantedOn, years) => {
        const { expiresOn, renewalDue, initialVisitDue } = spoGrantDeadlines(grantedOn, { years });
        expect(expiresOn).not.toBeNull();
        expect(renewalDue).not.toBeNull();
        const lead = daysBetween(renewalDue ?? '', expiresOn ?? '');
        expect(lead).toBeGreaterThanOrEqual(89);
        expect(lead).toBeLessThanOrEqual(92);
        expect(daysBetween(grantedOn, initialVisitDue)).toBe(westYorkshireOrderDeadlinePolicy.initialVisitWithinDays);
      }),
    );
  });

  it('expiry keeps the day of the month except where the target month is shorter (property)', () => {
    fc.assert(
      fc.property(localDateArbitrary(), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 11 }), (grantedOn, years, months) => {
        expect(orderExpiry(grantedOn, { years, months })).toBe(addMonths(grantedOn, years * 12 + months));
        const expiry = orderExpiry(grantedOn, { years, months }) ?? '';
        expect(Number(expiry.slice(8))).toBeLessThanOrEqual(Number(grantedOn.slice(8)));
      }),
    );
  });
});
