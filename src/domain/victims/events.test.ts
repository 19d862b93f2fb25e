import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { englandAndWalesCalendar, londonDateOf, victimNotificationDue } from '../calendar/index.ts';
import { dutiesForEvent, isBailEvent, NOTIFIABLE_EVENTS, notifiableEventCodes, previousWorkingDay } from './events.ts';

describe('dutiesForEvent', () => {
  it('P8: an arrest on Friday 22 August 2025 is due by the end of Tuesday 26 August (enhanced) or Monday 1 September (standard)', () => {
    const at = new Date('2025-08-22T16:00:00Z');
    const enhanced = dutiesForEvent({ event: 'arrest', at, entitlement: 'enhanced' });
    expect(enhanced).toEqual([expect.objectContaining({ kind: 'tell-victim', dueDate: '2025-08-26', dueAt: new Date('2025-08-26T22:59:59.999Z') })]);
    const standard = dutiesForEvent({ event: 'arrest', at, entitlement: 'standard' });
    expect(standard[0]).toMatchObject({ dueDate: '2025-09-01' });
  });

  it('counts from the London day: 23:30 BST on Friday is still Friday', () => {
    const duties = dutiesForEvent({ event: 'charge', at: new Date('2025-08-22T22:30:00Z'), entitlement: 'enhanced' });
    expect(duties[0]!.dueDate).toBe('2025-08-26');
  });

  it('over Christmas 2025: a charge on Tuesday 23 December is due on Wednesday 24 December (enhanced) and Friday 2 January 2026 (standard)', () => {
    const at = new Date('2025-12-23T12:00:00Z');
    expect(dutiesForEvent({ event: 'charge', at, entitlement: 'enhanced' })[0]!.dueDate).toBe('2025-12-24');
    expect(dutiesForEvent({ event: 'charge', at, entitlement: 'standard' })[0]!.dueDate).toBe('2026-01-02');
  });

  it.each([
    ['Easter 2025: Thursday 17 April, over Good Friday and Easter Monday', '2025-04-17T11:00:00Z', '2025-04-22', '2025-04-28'],
    ['Easter 2024: Thursday 28 March, over Good Friday and Easter Monday', '2024-03-28T11:00:00Z', '2024-04-02', '2024-04-08'],
    ['Christmas 2022: Friday 23 December, over the substitute days 26 and 27 December', '2022-12-23T11:00:00Z', '2022-12-28', '2023-01-04'],
    ['the 2022 Platinum Jubilee: Wednesday 1 June, over the one-off 2 and 3 June', '2022-06-01T11:00:00Z', '2022-06-06', '2022-06-10'],
    ['the 2022 State Funeral: Friday 16 September, over the one-off Monday 19 September', '2022-09-16T11:00:00Z', '2022-09-20', '2022-09-26'],
  ])('%s: due %s (enhanced) and %s (standard)', (_name, instant, enhanced, standard) => {
    const at = new Date(instant);
    expect(dutiesForEvent({ event: 'arrest', at, entitlement: 'enhanced' })[0]!.dueDate).toBe(enhanced);
    expect(dutiesForEvent({ event: 'arrest', at, entitlement: 'standard' })[0]!.dueDate).toBe(standard);
  });

  it('bail: consultation now when the victim was not consulted, and before the next decision when a bail date is set', () => {
    const at = new Date('2025-08-22T09:00:00Z');
    const consulted = dutiesForEvent({ event: 'bail', at, entitlement: 'enhanced', victimConsulted: true });
    expect(consulted.map((d) => d.kind)).toEqual(['tell-victim']);
    const notConsulted = dutiesForEvent({ event: 'bail', at, entitlement: 'enhanced', victimConsulted: false, bailUntil: '2025-09-01' });
    expect(notConsulted.map((d) => [d.kind, d.dueDate])).toEqual([
      ['tell-victim', '2025-08-26'],
      ['consult-victim-bail', '2025-08-26'],
      // Bail on Monday 1 September: consult by the end of Friday 29 August.
      ['consult-victim-bail', '2025-08-29'],
    ]);
  });

  it('a bail date before the tell deadline adds no separate consultation', () => {
    const duties = dutiesForEvent({ event: 'bail-varied', at: new Date('2025-08-22T09:00:00Z'), entitlement: 'standard', victimConsulted: true, bailUntil: '2025-08-26' });
    expect(duties.map((d) => d.kind)).toEqual(['tell-victim']);
  });

  it('every event creates exactly one "tell the victim" duty with the Victims’ Code deadline (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...notifiableEventCodes),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.constantFrom('enhanced' as const, 'standard' as const),
        (event, at, entitlement) => {
          const duties = dutiesForEvent({ event, at, entitlement, victimConsulted: true });
          const tell = duties.filter((d) => d.kind === 'tell-victim');
          expect(tell).toHaveLength(1);
          expect(tell[0]!.dueAt).toEqual(victimNotificationDue(at, entitlement).dueAt);
          expect(tell[0]!.dueAt.getTime()).toBeGreaterThan(at.getTime());
          expect(englandAndWalesCalendar.isWorkingDay(tell[0]!.dueDate)).toBe(true);
          expect(englandAndWalesCalendar.workingDaysBetween(londonDateOf(at), tell[0]!.dueDate)).toBe(entitlement === 'enhanced' ? 1 : 5);
        },
      ),
    );
  });

  it('lists the events DOMAIN.md §12 names, with bail events marked', () => {
    expect(notifiableEventCodes).toEqual(expect.arrayContaining(['arrest', 'charge', 'released-under-investigation', 'bail', 'released-without-charge', 'out-of-court-disposal', 'outcome', 'court-date', 'order-granted', 'order-varied', 'order-breached', 'released-from-custody']));
    expect(NOTIFIABLE_EVENTS.filter((e) => isBailEvent(e.code)).map((e) => e.code)).toEqual(['bail', 'bail-varied']);
  });
});

describe('previousWorkingDay', () => {
  it.each([
    ['2025-09-01', '2025-08-29'],
    ['2025-08-26', '2025-08-22'],
    ['2026-04-07', '2026-04-02'],
    ['2022-06-06', '2022-06-01'],
  ])('before %s is %s', (date, expected) => {
    expect(previousWorkingDay(date)).toBe(expected);
  });
});
