/** Dates, working days and deadlines for Vigil. See README.md in this folder. */
export {
  addDays,
  addMonths,
  addYears,
  compareLocalDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  formatLocalDate,
  isLocalDate,
  isWeekend,
  localDateFromParts,
  localDateSchema,
  parseLocalDate,
  yearOf,
} from './local-date.ts';
export type { DayOfWeek, LocalDate } from './local-date.ts';

export { endOfLondonDay, londonDateOf, startOfLondonDay, todayInLondon } from './london-time.ts';

export { deadlineStatus, dueInstant, isOverdue } from './deadline-status.ts';
export type { DeadlineStatus, Due } from './deadline-status.ts';

export { easterSunday, ruleBasedBankHolidayNames, ruleBasedBankHolidays } from './bank-holiday-rules.ts';
export type { BankHoliday, BankHolidayOrigin } from './bank-holiday-rules.ts';

export { bankHolidayChangesSchema, checkBankHolidayChanges } from './bank-holiday-changes.ts';
export type {
  BankHolidayAddition,
  BankHolidayChangeProblem,
  BankHolidayChanges,
  BankHolidayMove,
  BankHolidayRemoval,
} from './bank-holiday-changes.ts';
export { englandAndWalesBankHolidayChanges } from './england-and-wales-bank-holiday-changes.ts';

export {
  addWorkingDays,
  bankHolidayOn,
  bankHolidays,
  createWorkingDayCalendar,
  englandAndWalesCalendar,
  isBankHoliday,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
} from './working-days.ts';
export type { WorkingDayCalendar } from './working-days.ts';

export { victimNotificationDue, westYorkshireVictimsCodeTimingPolicy } from './victims-code.ts';
export type { VictimEntitlement, VictimNotificationDue, VictimsCodeTimingPolicy } from './victims-code.ts';

export {
  moveInDeadlines,
  notificationDue,
  orderExpiry,
  renewalSubmissionDue,
  spoGrantDeadlines,
  westYorkshireOrderDeadlinePolicy,
} from './order-deadlines.ts';
export type { MoveInDeadlines, OrderDeadlinePolicy, OrderTerm, SpoGrantDeadlines } from './order-deadlines.ts';

export { flagReviewDue, proposeFlagReview, westYorkshireFlagReviewPolicy } from './flag-review.ts';
export type { FlagPeriod, FlagReviewPolicy, FlagReviewProposal, FlagReviewReason } from './flag-review.ts';

export { crimeRecordingDue, crimeRecordingStatus, westYorkshireCrimeRecordingPolicy } from './crime-recording.ts';
export type { CrimeRecordingPolicy, CrimeRecordingStatus } from './crime-recording.ts';
