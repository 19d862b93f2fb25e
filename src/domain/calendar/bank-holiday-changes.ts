import { z } from 'zod';
import { ruleBasedBankHolidays } from './bank-holiday-rules.ts';
import { formatLocalDate, localDateSchema, yearOf } from './local-date.ts';
import type { LocalDate } from './local-date.ts';

/** An extra bank holiday declared for one year only (e.g. a coronation or state funeral). */
export interface BankHolidayAddition {
  date: LocalDate;
  name: string;
}

/** A standing bank holiday moved to another date for one year (e.g. early May moved for VE day). */
export interface BankHolidayMove {
  from: LocalDate;
  to: LocalDate;
  name: string;
}

/** A standing bank holiday cancelled for one year, with the reason. */
export interface BankHolidayRemoval {
  date: LocalDate;
  reason: string;
}

/**
 * One-off changes to the standing bank holiday rules, kept as data so that a force
 * administrator can add new proclamations without a code change.
 */
export interface BankHolidayChanges {
  additions: readonly BankHolidayAddition[];
  moves: readonly BankHolidayMove[];
  removals: readonly BankHolidayRemoval[];
}

const nameSchema = z.string().trim().min(1, { message: 'Give the bank holiday a name.' });

/** Zod schema for administrator-supplied one-off changes (for example uploaded as JSON). */
export const bankHolidayChangesSchema = z.object({
  additions: z.array(z.object({ date: localDateSchema, name: nameSchema })).default([]),
  moves: z.array(z.object({ from: localDateSchema, to: localDateSchema, name: nameSchema })).default([]),
  removals: z
    .array(
      z.object({
        date: localDateSchema,
        reason: z.string().trim().min(1, { message: 'Say why the bank holiday was cancelled.' }),
      }),
    )
    .default([]),
});

/** A problem found in a set of one-off changes, with a stable code and a plain-English message. */
export interface BankHolidayChangeProblem {
  code: 'not-a-standing-holiday' | 'move-changes-year' | 'already-a-holiday';
  message: string;
}

/**
 * Checks one-off changes against the standing rules: a move or removal must start from a
 * standing bank holiday and stay within its year, and an addition must not duplicate a
 * holiday that already exists. Returns no problems when the changes are sound.
 */
export function checkBankHolidayChanges(changes: BankHolidayChanges): BankHolidayChangeProblem[] {
  const problems: BankHolidayChangeProblem[] = [];
  const isStanding = (date: LocalDate): boolean =>
    ruleBasedBankHolidays(yearOf(date)).some((holiday) => holiday.date === date);
  const notStanding = (date: LocalDate): BankHolidayChangeProblem => ({
    code: 'not-a-standing-holiday',
    message: `${formatLocalDate(date)} is not a standing bank holiday, so it cannot be moved or cancelled.`,
  });

  for (const move of changes.moves) {
    if (!isStanding(move.from)) problems.push(notStanding(move.from));
    if (yearOf(move.from) !== yearOf(move.to)) {
      problems.push({
        code: 'move-changes-year',
        message: `The move of ${move.name} from ${formatLocalDate(move.from)} to ${formatLocalDate(move.to)} crosses into another year; record it as a cancellation and an addition instead.`,
      });
    }
  }
  for (const removal of changes.removals) {
    if (!isStanding(removal.date)) problems.push(notStanding(removal.date));
  }
  const freed = new Set([...changes.moves.map((move) => move.from), ...changes.removals.map((r) => r.date)]);
  const movedTo = new Set(changes.moves.map((move) => move.to));
  for (const addition of changes.additions) {
    if ((isStanding(addition.date) && !freed.has(addition.date)) || movedTo.has(addition.date)) {
      problems.push({
        code: 'already-a-holiday',
        message: `${formatLocalDate(addition.date)} is already a bank holiday, so "${addition.name}" cannot be added on that date.`,
      });
    }
  }
  return problems;
}
