import { ageOn, formatUkDate, parseLocalDate, type DateParts } from './dates.ts';
import type { MatchingPolicy } from './policy.ts';
import { BIRTH_TEXT } from './reasonTexts.ts';
import type { AgeStatement, PersonQuery, PersonRecord, Reason } from './types.ts';

export type BirthReasonCode =
  | 'dob-exact'
  | 'dob-transposed'
  | 'dob-same-day-month'
  | 'dob-same-year'
  | 'dob-conflict'
  | 'age-in-range'
  | 'age-near'
  | 'age-conflict';

/** Evidence from dates of birth and ages, with the policy points it carries. */
export interface BirthEvidence extends Reason<BirthReasonCode> {
  weight: number;
}

interface AgeRange {
  min: number;
  max: number;
}

/**
 * Compare what the report says about a person's age with what is recorded: dates of birth
 * exactly (same, day and month swapped, same day and month, same year, or different), or a
 * date of birth against a stated age or age range evaluated on the report date ("about 39"
 * is 37 to 41 under the default policy), or two age ranges. Undefined when there is nothing
 * to compare. Invalid dates are ignored.
 */
export function compareBirth(
  query: Pick<PersonQuery, 'dob' | 'age' | 'referenceDate'>,
  candidate: Pick<PersonRecord, 'dob' | 'ageRange'>,
  policy: MatchingPolicy,
): BirthEvidence | undefined {
  const reference = parseLocalDate(query.referenceDate);
  if (reference === undefined) throw new RangeError(`Reference date "${query.referenceDate}" is not a valid date (YYYY-MM-DD).`);
  const givenDob = query.dob === undefined ? undefined : parseLocalDate(query.dob);
  const recordedDob = candidate.dob === undefined ? undefined : parseLocalDate(candidate.dob);
  const recordedOn = candidate.ageRange === undefined ? undefined : parseLocalDate(candidate.ageRange.statedOn);
  const recordedRange = recordedOn === undefined || candidate.ageRange === undefined ? undefined : { ...candidate.ageRange, on: recordedOn };
  const givenAge = query.age;

  if (givenDob !== undefined && recordedDob !== undefined) return compareDates(givenDob, recordedDob, policy);
  if (givenDob !== undefined && recordedRange !== undefined) return dobAgainstRecordedRange(givenDob, recordedRange, policy);
  if (givenAge !== undefined && recordedDob !== undefined) return ageAgainstRecordedDob(givenAge, recordedDob, reference, policy);
  if (givenAge !== undefined && recordedRange !== undefined) return ageAgainstRecordedRange(givenAge, recordedRange, reference, policy);
  return undefined;
}

/** A recorded age range, with the date it was recorded on. */
interface RecordedRange extends AgeRange {
  on: DateParts;
}

function dobAgainstRecordedRange(givenDob: DateParts, recorded: RecordedRange, policy: MatchingPolicy): BirthEvidence {
  const age = ageOn(givenDob, recorded.on);
  const subject = BIRTH_TEXT.ageFromGivenDob(formatUkDate(givenDob), age, formatUkDate(recorded.on));
  return ageEvidence(subject, BIRTH_TEXT.recordedAge(BIRTH_TEXT.ageRange(recorded.min, recorded.max)), outsideBy(age, age, recorded), policy);
}

function ageAgainstRecordedDob(given: AgeStatement, recordedDob: DateParts, reference: DateParts, policy: MatchingPolicy): BirthEvidence {
  const age = ageOn(recordedDob, reference);
  const subject = BIRTH_TEXT.ageFromRecordedDob(formatUkDate(recordedDob), age, formatUkDate(reference));
  return ageEvidence(subject, BIRTH_TEXT.reportedAge(describeAge(given, policy)), outsideBy(age, age, statedRange(given, policy)), policy);
}

/** A recorded range ages with time: someone recorded as 30 to 35 two years ago is 32 to 38 now (birthdays included). */
function ageAgainstRecordedRange(given: AgeStatement, recorded: RecordedRange, reference: DateParts, policy: MatchingPolicy): BirthEvidence {
  const elapsed = ageOn(recorded.on, reference);
  const now = { min: recorded.min + elapsed, max: recorded.max + elapsed + 1 };
  const subject = BIRTH_TEXT.ageFromRecordedRange(
    BIRTH_TEXT.ageRange(recorded.min, recorded.max),
    formatUkDate(recorded.on),
    BIRTH_TEXT.ageRange(now.min, now.max),
    formatUkDate(reference),
  );
  return ageEvidence(subject, BIRTH_TEXT.reportedAge(describeAge(given, policy)), outsideBy(now.min, now.max, statedRange(given, policy)), policy);
}

/** The age range a statement covers: "about N" widened by the policy tolerance. */
export function statedRange(age: AgeStatement, policy: MatchingPolicy): AgeRange {
  if ('about' in age) return { min: age.about - policy.age.aboutToleranceYears, max: age.about + policy.age.aboutToleranceYears };
  return { min: Math.min(age.min, age.max), max: Math.max(age.min, age.max) };
}

function describeAge(age: AgeStatement, policy: MatchingPolicy): string {
  const range = statedRange(age, policy);
  return 'about' in age ? BIRTH_TEXT.aboutAge(age.about, range.min, range.max) : BIRTH_TEXT.ageRange(range.min, range.max);
}

/** Years between the interval [low, high] and a range (0 if they overlap). */
function outsideBy(low: number, high: number, range: AgeRange): number {
  if (high < range.min) return range.min - high;
  if (low > range.max) return low - range.max;
  return 0;
}

function ageEvidence(subject: string, range: string, gap: number, policy: MatchingPolicy): BirthEvidence {
  if (gap === 0) return { code: 'age-in-range', text: BIRTH_TEXT.inRange(subject, range), weight: policy.points.ageInRange };
  if (gap <= policy.age.nearYears) return { code: 'age-near', text: BIRTH_TEXT.near(subject, range, gap), weight: policy.points.ageNear };
  return { code: 'age-conflict', text: BIRTH_TEXT.conflict(subject, range, gap), weight: policy.points.ageConflict };
}

function compareDates(given: DateParts, recorded: DateParts, policy: MatchingPolicy): BirthEvidence {
  const [shownGiven, shownRecorded] = [formatUkDate(given), formatUkDate(recorded)];
  const { points } = policy;
  const sameYear = given.year === recorded.year;
  if (sameYear && given.month === recorded.month && given.day === recorded.day) {
    return { code: 'dob-exact', text: BIRTH_TEXT.dobExact(shownGiven), weight: points.dobExact };
  }
  if (sameYear && given.day === recorded.month && given.month === recorded.day) {
    return { code: 'dob-transposed', text: BIRTH_TEXT.dobTransposed(shownGiven, shownRecorded), weight: points.dobTransposed };
  }
  if (given.month === recorded.month && given.day === recorded.day) {
    return { code: 'dob-same-day-month', text: BIRTH_TEXT.dobSameDayAndMonth(shownGiven, shownRecorded), weight: points.dobSameDayAndMonth };
  }
  if (sameYear) return { code: 'dob-same-year', text: BIRTH_TEXT.dobSameYear(shownGiven, shownRecorded), weight: points.dobSameYear };
  return { code: 'dob-conflict', text: BIRTH_TEXT.dobConflict(shownGiven, shownRecorded), weight: points.dobConflict };
}
