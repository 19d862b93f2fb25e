import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { crimeRecordingDue, crimeRecordingStatus, westYorkshireCrimeRecordingPolicy } from './crime-recording.ts';
import { deadlineStatus, dueInstant, isOverdue } from './deadline-status.ts';

describe('isOverdue and deadlineStatus', () => {
  it.each([
    ['2025-03-10', '2025-03-10T23:59:59.999Z', false, 'last instant of a GMT due date'],
    ['2025-03-10', '2025-03-11T00:00:00.000Z', true, 'start of the next GMT day'],
    ['2025-08-26', '2025-08-26T22:59:59.999Z', false, 'last instant of a BST due date'],
    ['2025-08-26', '2025-08-26T23:00:00.000Z', true, 'midnight BST after the due date'],
  ])('due date %s at %s: overdue %s (%s)', (due, now, overdue) => {
    expect(isOverdue(due, fixedClock(now))).toBe(overdue);
  });

  it('compares exact instants directly', () => {
    const due = new Date('2025-08-23T10:00:00Z');
    expect(dueInstant(due)).toBe(due);
    expect(isOverdue(due, fixedClock('2025-08-23T10:00:00Z'))).toBe(false);
    expect(isOverdue(due, fixedClock('2025-08-23T10:00:00.001Z'))).toBe(true);
  });

  it.each([
    ['2025-08-23T05:00:00Z', 'on time'],
    ['2025-08-23T06:00:00Z', 'due soon'],
    ['2025-08-23T10:00:00Z', 'due soon'],
    ['2025-08-23T10:00:01Z', 'overdue'],
  ])('at %s a deadline of 10:00 UTC with a 4-hour warning is %s', (now, status) => {
    expect(deadlineStatus(new Date('2025-08-23T10:00:00Z'), fixedClock(now), 4 * 3_600_000)).toBe(status);
  });
});

describe('crime recording deadline', () => {
  const reportedAt = new Date('2025-08-22T10:00:00Z');

  it('is 24 hours after the report by default', () => {
    expect(westYorkshireCrimeRecordingPolicy.recordingDeadlineHours).toBe(24);
    expect(crimeRecordingDue(reportedAt).toISOString()).toBe('2025-08-23T10:00:00.000Z');
  });

  it('counts elapsed hours across the clocks going back', () => {
    expect(crimeRecordingDue(new Date('2025-10-25T12:00:00Z')).toISOString()).toBe('2025-10-26T12:00:00.000Z');
  });

  it('takes the number of hours from force policy', () => {
    const policy = { recordingDeadlineHours: 72, dueSoonWithinHours: 12 };
    expect(crimeRecordingDue(reportedAt, policy).toISOString()).toBe('2025-08-25T10:00:00.000Z');
    expect(crimeRecordingStatus(reportedAt, fixedClock('2025-08-24T23:00:00Z'), policy)).toBe('due soon');
  });

  it.each([
    ['2025-08-22T12:00:00Z', undefined, 'on time'],
    ['2025-08-23T07:00:00Z', undefined, 'due soon'],
    ['2025-08-23T10:30:00Z', undefined, 'overdue'],
    ['2025-08-24T10:30:00Z', '2025-08-23T09:59:00Z', 'recorded on time'],
    ['2025-08-24T10:30:00Z', '2025-08-23T10:01:00Z', 'recorded late'],
  ])('at %s, recorded at %s: %s', (now, recordedAt, status) => {
    const recorded = recordedAt === undefined ? undefined : new Date(recordedAt);
    expect(crimeRecordingStatus(reportedAt, fixedClock(now), undefined, recorded)).toBe(status);
  });
});
