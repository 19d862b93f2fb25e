import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { londonDateOf } from './london-time.ts';
import { localDateArbitrary } from './test-arbitraries.ts';
import { victimNotificationDue } from './victims-code.ts';
import { createWorkingDayCalendar, isWorkingDay, workingDaysBetween } from './working-days.ts';

describe("Victims' Code notification due dates", () => {
  it('P8: arrest on Friday 22 August 2025, enhanced victim told by the end of Tuesday 26 August (Monday is a bank holiday)', () => {
    const due = victimNotificationDue(new Date('2025-08-22T14:30:00+01:00'), 'enhanced');
    expect(due).toEqual({
      eventDate: '2025-08-22',
      workingDays: 1,
      dueDate: '2025-08-26',
      dueAt: new Date('2025-08-26T22:59:59.999Z'),
    });
  });

  it('P8: a standard-rights victim would be due by the end of Monday 1 September 2025', () => {
    const due = victimNotificationDue(new Date('2025-08-22T14:30:00+01:00'), 'standard');
    expect(due.dueDate).toBe('2025-09-01');
    expect(due.dueAt.toISOString()).toBe('2025-09-01T22:59:59.999Z');
  });

  it.each([
    ['2025-08-22T23:30:00Z', 'enhanced', '2025-08-23', '2025-08-26', 'after midnight BST the event is on Saturday'],
    ['2025-01-10T23:30:00Z', 'enhanced', '2025-01-10', '2025-01-13', 'in GMT 23:30 UTC is still Friday'],
    ['2025-12-24T09:00:00Z', 'enhanced', '2025-12-24', '2025-12-29', 'Christmas'],
    ['2025-12-24T09:00:00Z', 'standard', '2025-12-24', '2026-01-05', "Christmas and New Year's Day"],
    ['2022-06-01T12:00:00Z', 'enhanced', '2022-06-01', '2022-06-06', 'Platinum Jubilee one-off days'],
    ['2025-10-24T12:00:00Z', 'enhanced', '2025-10-24', '2025-10-27', 'clocks go back over the weekend'],
  ] as const)('event %s (%s) on %s is due by %s: %s', (instant, entitlement, eventDate, dueDate, _case) => {
    const due = victimNotificationDue(new Date(instant), entitlement);
    expect(due.eventDate).toBe(eventDate);
    expect(due.dueDate).toBe(dueDate);
  });

  it('due at the end of a GMT day is 23:59:59.999 UTC', () => {
    expect(victimNotificationDue(new Date('2025-01-10T12:00:00Z'), 'enhanced').dueAt.toISOString()).toBe(
      '2025-01-13T23:59:59.999Z',
    );
  });

  it('takes the working days from force policy and the calendar from data', () => {
    const policy = { enhancedWorkingDays: 2, standardWorkingDays: 10 };
    expect(victimNotificationDue(new Date('2025-08-22T12:00:00Z'), 'enhanced', policy).dueDate).toBe('2025-08-27');
    const calendar = createWorkingDayCalendar({ additions: [{ date: '2031-06-02', name: 'Example' }], moves: [], removals: [] });
    expect(victimNotificationDue(new Date('2031-05-30T12:00:00Z'), 'enhanced', undefined, calendar).dueDate).toBe('2031-06-03');
  });

  it('is always a working day the stated number of working days after the event, ending on that London day (property)', () => {
    fc.assert(
      fc.property(
        localDateArbitrary('2000-01-01', '2060-12-31'),
        fc.integer({ min: 0, max: 86_399_999 }),
        fc.constantFrom('enhanced' as const, 'standard' as const),
        (date, msIntoDay, entitlement) => {
          const due = victimNotificationDue(new Date(new Date(`${date}T00:00:00Z`).getTime() + msIntoDay), entitlement);
          expect(isWorkingDay(due.dueDate)).toBe(true);
          expect(workingDaysBetween(due.eventDate, due.dueDate)).toBe(entitlement === 'enhanced' ? 1 : 5);
          expect(londonDateOf(due.dueAt)).toBe(due.dueDate);
        },
      ),
    );
  });
});
