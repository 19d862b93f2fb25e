import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareBirth, statedRange } from './birth.ts';
import { ageOn, parseLocalDate } from './dates.ts';
import { defaultMatchingPolicy as policy } from './policy.ts';
import type { AgeStatement } from './types.ts';

const referenceDate = '2026-11-25';

describe('compareBirth: dates of birth', () => {
  it.each([
    ['1986-05-04', '1986-05-04', 'dob-exact', 'Date of birth 4 May 1986 matches'],
    ['1986-04-05', '1986-05-04', 'dob-transposed', 'Date of birth 5 April 1986 matches the recorded 4 May 1986 with day and month swapped'],
    ['1968-05-04', '1986-05-04', 'dob-same-day-month', 'Date of birth 4 May 1968 has the same day and month as the recorded 4 May 1986 but a different year'],
    ['1986-09-14', '1986-05-04', 'dob-same-year', 'Date of birth 14 September 1986 is in the same year as the recorded 4 May 1986'],
    ['1990-01-20', '1986-05-04', 'dob-conflict', 'Date of birth 20 January 1990 is different from the recorded 4 May 1986'],
  ])('given %s, recorded %s: %s', (given, recorded, code, text) => {
    expect(compareBirth({ referenceDate, dob: given }, { dob: recorded }, policy)).toMatchObject({ code, text });
  });

  it('carries the policy weights, negative for a conflict', () => {
    expect(compareBirth({ referenceDate, dob: '1986-05-04' }, { dob: '1986-05-04' }, policy)?.weight).toBe(policy.points.dobExact);
    expect(compareBirth({ referenceDate, dob: '1990-01-20' }, { dob: '1986-05-04' }, policy)?.weight).toBeLessThan(0);
  });

  it('does not call the same day and month "transposed"', () => {
    expect(compareBirth({ referenceDate, dob: '1986-05-05' }, { dob: '1986-05-05' }, policy)?.code).toBe('dob-exact');
  });

  it('ignores an invalid date of birth', () => {
    expect(compareBirth({ referenceDate, dob: '1986-02-30' }, { dob: '1986-05-04' }, policy)).toBeUndefined();
  });

  it('rejects an invalid reference date', () => {
    expect(() => compareBirth({ referenceDate: '25/11/2026' }, {}, policy)).toThrow('Reference date "25/11/2026" is not a valid date');
  });

  it('has nothing to say when one side gives no age information', () => {
    expect(compareBirth({ referenceDate, age: { about: 39 } }, {}, policy)).toBeUndefined();
    expect(compareBirth({ referenceDate }, { dob: '1986-05-04' }, policy)).toBeUndefined();
  });
});

describe('compareBirth: ages at the report date', () => {
  it('P9: born 4 May 1986 is 40 on 25 November 2026, within "about 39" (37 to 41)', () => {
    expect(compareBirth({ referenceDate, age: { about: 39 } }, { dob: '1986-05-04' }, policy)).toEqual({
      code: 'age-in-range',
      text: 'Recorded date of birth 4 May 1986 makes them 40 on 25 November 2026: within the age given in the report, about 39 (37 to 41)',
      weight: policy.points.ageInRange,
    });
  });

  it.each<[AgeStatement, string, string]>([
    [{ about: 39 }, '1986-05-04', 'age-in-range'],
    [{ about: 42 }, '1986-05-04', 'age-in-range'],
    [{ about: 43 }, '1986-05-04', 'age-near'],
    [{ about: 44 }, '1986-05-04', 'age-conflict'],
    [{ about: 37 }, '1986-05-04', 'age-near'],
    [{ about: 36 }, '1986-05-04', 'age-conflict'],
    [{ min: 40, max: 40 }, '1986-05-04', 'age-in-range'],
    [{ min: 41, max: 45 }, '1986-05-04', 'age-near'],
    [{ min: 45, max: 41 }, '1986-05-04', 'age-near'],
    [{ min: 20, max: 25 }, '1986-05-04', 'age-conflict'],
    [{ min: 39, max: 39 }, '1986-11-26', 'age-in-range'],
    [{ min: 40, max: 40 }, '1986-11-25', 'age-in-range'],
  ])('stated age %j, recorded date of birth %s: %s', (age, dob, code) => {
    expect(compareBirth({ referenceDate, age }, { dob }, policy)?.code).toBe(code);
  });

  it('explains how far outside the range a conflicting age is', () => {
    expect(compareBirth({ referenceDate, age: { min: 20, max: 25 } }, { dob: '1986-05-04' }, policy)?.text).toBe(
      'Recorded date of birth 4 May 1986 makes them 40 on 25 November 2026: 15 years outside the age given in the report, 20 to 25, so probably not the same person',
    );
  });

  it('checks a given date of birth against an age range recorded earlier', () => {
    const candidate = { ageRange: { min: 35, max: 40, statedOn: '2024-03-01' } };
    expect(compareBirth({ referenceDate, dob: '1986-05-04' }, candidate, policy)).toMatchObject({
      code: 'age-in-range',
      text: 'Date of birth 4 May 1986 made them 37 on 1 March 2024: within the age recorded for this person then, 35 to 40',
    });
    expect(compareBirth({ referenceDate, dob: '2000-01-01' }, candidate, policy)?.code).toBe('age-conflict');
  });

  it('ages a recorded age range to the report date before comparing it with a stated age', () => {
    const candidate = { ageRange: { min: 30, max: 32, statedOn: '2020-11-25' } };
    expect(compareBirth({ referenceDate, age: { min: 38, max: 40 } }, candidate, policy)).toMatchObject({
      code: 'age-in-range',
      text: 'Age recorded as 30 to 32 on 25 November 2020 would be 36 to 39 on 25 November 2026: within the age given in the report, 38 to 40',
    });
    expect(compareBirth({ referenceDate, age: { about: 30 } }, candidate, policy)?.code).toBe('age-conflict');
  });

  it('"about N" always fits someone who is exactly N on the reference date', () => {
    const date = fc.date({ min: new Date('1930-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, (dob, reference) => {
        const [birth, on] = [parseLocalDate(dob), parseLocalDate(reference)];
        if (birth === undefined || on === undefined || dob > reference) return true;
        const age = ageOn(birth, on);
        return compareBirth({ referenceDate: reference, age: { about: age } }, { dob }, policy)?.code === 'age-in-range';
      }),
    );
  });

  it('reads "about N" with the policy tolerance', () => {
    expect(statedRange({ about: 39 }, policy)).toEqual({ min: 37, max: 41 });
    expect(statedRange({ about: 39 }, { ...policy, age: { ...policy.age, aboutToleranceYears: 5 } })).toEqual({ min: 34, max: 44 });
  });
});

describe('ageOn', () => {
  it.each([
    ['1986-05-04', '2026-05-03', 39],
    ['1986-05-04', '2026-05-04', 40],
    ['2000-02-29', '2025-02-28', 24],
    ['2000-02-29', '2025-03-01', 25],
  ])('born %s is %i on %s', (dob, on, age) => {
    const [birth, date] = [parseLocalDate(dob), parseLocalDate(on)];
    expect(birth && date && ageOn(birth, date)).toBe(age);
  });
});
