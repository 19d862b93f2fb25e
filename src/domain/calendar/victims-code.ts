import type { LocalDate } from './local-date.ts';
import { endOfLondonDay, londonDateOf } from './london-time.ts';
import { englandAndWalesCalendar } from './working-days.ts';
import type { WorkingDayCalendar } from './working-days.ts';

/** Which level of service the victim is entitled to under the Victims' Code. */
export type VictimEntitlement = 'enhanced' | 'standard';

/** Working days allowed to tell a victim about a case event (arrest, charge, bail and so on). */
export interface VictimsCodeTimingPolicy {
  enhancedWorkingDays: number;
  standardWorkingDays: number;
}

/** Victims' Code (2021) time limits as applied by West Yorkshire Police: 1 working day enhanced, 5 standard. */
export const westYorkshireVictimsCodeTimingPolicy: VictimsCodeTimingPolicy = {
  enhancedWorkingDays: 1,
  standardWorkingDays: 5,
};

/** When the victim must be told by. */
export interface VictimNotificationDue {
  /** The London calendar day of the event. */
  eventDate: LocalDate;
  workingDays: number;
  /** The last working day on which the victim can be told in time. */
  dueDate: LocalDate;
  /** The end of the due date in London (23:59:59.999 local time). */
  dueAt: Date;
}

/**
 * When a victim must be told about an event: by the end of the Nth working day after the
 * London calendar day on which the event happened (N from the policy for the entitlement).
 * Weekends and England and Wales bank holidays are not working days.
 */
export function victimNotificationDue(
  eventAt: Date,
  entitlement: VictimEntitlement,
  policy: VictimsCodeTimingPolicy = westYorkshireVictimsCodeTimingPolicy,
  calendar: WorkingDayCalendar = englandAndWalesCalendar,
): VictimNotificationDue {
  const eventDate = londonDateOf(eventAt);
  const workingDays = entitlement === 'enhanced' ? policy.enhancedWorkingDays : policy.standardWorkingDays;
  const dueDate = calendar.addWorkingDays(eventDate, workingDays);
  return { eventDate, workingDays, dueDate, dueAt: endOfLondonDay(dueDate) };
}
