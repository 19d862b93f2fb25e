import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRealDate, parseLocalDate } from './dates.ts';
import { birthDateKeys, queryKeys, searchKeys } from './searchKeys.ts';
import type { PersonRecord } from './types.ts';

const johnSmith: PersonRecord = {
  id: 'p1',
  name: { forename: 'John Paul', surname: 'Smith-Jones' },
  aliases: [{ forename: 'Johnny', surname: 'MacDonald' }],
  addresses: [{ line: '1 High St', town: 'Leeds', postcode: 'ls1 4ap' }, { town: 'LEEDS' }],
  phones: ['07700 900123', '+44 7700 900123', 'unknown'],
  emails: ['J.Smith+x@GoogleMail.com'],
  handles: [{ handle: 'https://www.facebook.com/John.Smyth.86' }, { platform: 'Instagram', handle: '@JPSJ' }],
  vehicles: ['yx19 abc'],
};

describe('searchKeys', () => {
  it('gives the normalised keys to store for indexing', () => {
    expect(searchKeys(johnSmith)).toEqual({
      fullNames: ['john paul smith jones', 'johnny macdonald'],
      forenames: ['john', 'johnny', 'paul'],
      forenameGroups: ['john'],
      forenamePhonetic: ['JN', 'PL'],
      surnames: ['jones', 'macdonald', 'mcdonald', 'smith', 'smithjones'],
      surnamePhonetic: ['JNS', 'MKTNLT', 'SM0', 'SM0JNS'],
      phones: ['+447700900123'],
      emails: ['j.smith+x@googlemail.com'],
      emailsLoose: ['jsmith@gmail.com'],
      handles: ['facebook:johnsmyth86', 'instagram:jpsj'],
      vehicles: ['YX19ABC'],
      postcodes: ['LS1 4AP'],
      towns: ['leeds'],
      birthDates: [],
    });
  });

  it('P9: the query "Jon Smyth" shares forename group and surname sound keys with John Smith', () => {
    const query = queryKeys({ referenceDate: '2026-11-25', forename: 'Jon', surname: 'Smyth', address: { town: 'Leeds' } });
    const person = searchKeys({ id: 'p9', name: { forename: 'John', surname: 'Smith' }, addresses: [{ town: 'Leeds' }] });
    expect(query.forenameGroups.filter((key) => person.forenameGroups.includes(key))).toEqual(['john']);
    expect(query.surnamePhonetic.filter((key) => person.surnamePhonetic.includes(key))).toEqual(['SM0']);
    expect(query.towns).toEqual(person.towns);
  });

  it('gives empty lists for a record with only a name', () => {
    const keys = searchKeys({ id: 'p2', name: { surname: 'Ng' } });
    expect(keys.fullNames).toEqual(['ng']);
    expect(keys.forenames).toEqual([]);
    expect(keys.phones).toEqual([]);
  });
});

describe('birthDateKeys', () => {
  it.each([
    ['1986-05-04', ['1986-04-05', '1986-05-04']],
    ['1986-05-05', ['1986-05-05']],
    ['1986-02-13', ['1986-02-13']],
    ['2000-02-29', ['2000-02-29']],
    ['1986-02-30', []],
    ['not a date', []],
    [undefined, []],
  ])('%s gives %j', (dob, expected) => {
    expect(birthDateKeys(dob)).toEqual(expected);
  });

  it('always holds the date itself and only real dates that swap into each other', () => {
    const day = fc.record({ year: fc.integer({ min: 1900, max: 2030 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) }).filter(isRealDate);
    fc.assert(
      fc.property(day, (d) => {
        const iso = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
        const keys = birthDateKeys(iso);
        expect(keys).toContain(iso);
        expect(keys.length).toBe(d.day <= 12 && d.day !== d.month ? 2 : 1);
        for (const key of keys) {
          const parts = parseLocalDate(key);
          expect(parts).toBeDefined();
          expect(parts!.year).toBe(d.year);
        }
      }),
    );
  });

  it('is stored for a record and looked up for a query', () => {
    expect(searchKeys({ id: 'p3', name: { surname: 'Ng' }, dob: '1990-03-07' }).birthDates).toEqual(['1990-03-07', '1990-07-03']);
    expect(queryKeys({ referenceDate: '2026-11-25', surname: 'Ng', dob: '1990-03-07' }).birthDates).toEqual(['1990-03-07', '1990-07-03']);
  });
});
