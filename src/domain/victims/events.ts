import { addDays, endOfLondonDay, englandAndWalesCalendar, victimNotificationDue, westYorkshireVictimsCodeTimingPolicy } from '../calendar/index.ts';
import type { LocalDate, VictimEntitlement, VictimsCodeTimingPolicy, WorkingDayCalendar } from '../calendar/index.ts';

/**
 * Events the victim must be told about (Victims' Code right 6; 004; HMIC 2017 rec 6).
 * `bail` marks the events where the victim is consulted before the decision.
 */
export const NOTIFIABLE_EVENTS = [
  { code: 'arrest', label: 'Suspect arrested' },
  { code: 'charge', label: 'Suspect charged' },
  { code: 'released-under-investigation', label: 'Suspect released under investigation' },
  { code: 'bail', label: 'Suspect bailed with conditions', bail: true },
  { code: 'bail-varied', label: 'Bail conditions varied', bail: true },
  { code: 'released-without-charge', label: 'Suspect released without charge (no further action)' },
  { code: 'out-of-court-disposal', label: 'Caution or other out-of-court decision' },
  { code: 'outcome', label: 'Investigation outcome recorded' },
  { code: 'court-date', label: 'Court date set or changed' },
  { code: 'order-granted', label: 'Protective order granted' },
  { code: 'order-varied', label: 'Protective order varied' },
  { code: 'order-breached', label: 'Protective order breached' },
  { code: 'released-from-custody', label: 'Suspect released from custody or prison' },
] as const;

export type NotifiableEvent = (typeof NOTIFIABLE_EVENTS)[number]['code'];

export const notifiableEventCodes = NOTIFIABLE_EVENTS.map((e) => e.code) as [NotifiableEvent, ...NotifiableEvent[]];

export function eventLabel(code: string): string {
  return NOTIFIABLE_EVENTS.find((e) => e.code === code)?.label ?? code;
}

export function isBailEvent(code: string): boolean {
  return NOTIFIABLE_EVENTS.some((e) => e.code === code && 'bail' in e && e.bail);
}

/** A piece of work the event creates for one victim. */
export interface VictimDuty {
  readonly kind: 'tell-victim' | 'consult-victim-bail';
  readonly title: string;
  readonly dueAt: Date;
  readonly dueDate: LocalDate;
}

export interface DutyInput {
  readonly event: NotifiableEvent;
  readonly at: Date;
  readonly entitlement: VictimEntitlement;
  /** For bail: whether the victim was consulted before the decision. */
  readonly victimConsulted?: boolean;
  /** For bail: the date the suspect answers bail, when the next decision is made. */
  readonly bailUntil?: LocalDate | null;
}

/**
 * What an event requires for one victim (DOMAIN.md §12, scenario P8): tell the victim
 * within 1 working day (enhanced) or 5 (standard) of the event's London day. A bail
 * decision made without consulting the victim asks for the consultation now, by the same
 * deadline; a bail return date asks for the victim to be consulted by the end of the
 * working day before it, so their views are known before the next decision.
 */
export function dutiesForEvent(
  input: DutyInput,
  policy: VictimsCodeTimingPolicy = westYorkshireVictimsCodeTimingPolicy,
  calendar: WorkingDayCalendar = englandAndWalesCalendar,
): VictimDuty[] {
  const due = victimNotificationDue(input.at, input.entitlement, policy, calendar);
  const duties: VictimDuty[] = [{ kind: 'tell-victim', title: `Tell the victim: ${eventLabel(input.event).toLowerCase()}`, dueAt: due.dueAt, dueDate: due.dueDate }];
  if (isBailEvent(input.event)) {
    if (input.victimConsulted === false) {
      duties.push({ kind: 'consult-victim-bail', title: 'Consult the victim on the bail conditions: they were not consulted before the decision', dueAt: due.dueAt, dueDate: due.dueDate });
    }
    if (input.bailUntil && input.bailUntil > due.dueDate) {
      const before = previousWorkingDay(input.bailUntil, calendar);
      const dueDate = before < due.dueDate ? due.dueDate : before;
      duties.push({ kind: 'consult-victim-bail', title: 'Consult the victim before the next bail decision', dueAt: endOfLondonDay(dueDate), dueDate });
    }
  }
  return duties;
}

/** The last working day before a date. */
export function previousWorkingDay(date: LocalDate, calendar: WorkingDayCalendar = englandAndWalesCalendar): LocalDate {
  let day = addDays(date, -1);
  while (!calendar.isWorkingDay(day)) day = addDays(day, -1);
  return day;
}
