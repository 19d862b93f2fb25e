import type { Clock } from '../clock.ts';
import { deadlineStatus } from './deadline-status.ts';
import type { DeadlineStatus } from './deadline-status.ts';

const MS_PER_HOUR = 3_600_000;

/** How long after a report the crime decision must be recorded, and when to warn. */
export interface CrimeRecordingPolicy {
  recordingDeadlineHours: number;
  /** A still-open decision is "due soon" within this many hours of the deadline. */
  dueSoonWithinHours: number;
}

/** West Yorkshire default: the crime decision within 24 hours of the report; warn 4 hours before. */
export const westYorkshireCrimeRecordingPolicy: CrimeRecordingPolicy = {
  recordingDeadlineHours: 24,
  dueSoonWithinHours: 4,
};

/** Where the crime recording deadline stands: open (on time, due soon, overdue) or met or missed. */
export type CrimeRecordingStatus = DeadlineStatus | 'recorded on time' | 'recorded late';

/** The instant by which the crime decision must be recorded (elapsed hours, so clock changes do not matter). */
export function crimeRecordingDue(
  reportedAt: Date,
  policy: CrimeRecordingPolicy = westYorkshireCrimeRecordingPolicy,
): Date {
  return new Date(reportedAt.getTime() + policy.recordingDeadlineHours * MS_PER_HOUR);
}

/**
 * The status of the crime recording deadline for a report. Once `recordedAt` is known the
 * status says whether the deadline was met; until then it is judged against the clock.
 */
export function crimeRecordingStatus(
  reportedAt: Date,
  clock: Clock,
  policy: CrimeRecordingPolicy = westYorkshireCrimeRecordingPolicy,
  recordedAt?: Date,
): CrimeRecordingStatus {
  const due = crimeRecordingDue(reportedAt, policy);
  if (recordedAt !== undefined) {
    return recordedAt.getTime() <= due.getTime() ? 'recorded on time' : 'recorded late';
  }
  return deadlineStatus(due, clock, policy.dueSoonWithinHours * MS_PER_HOUR);
}
