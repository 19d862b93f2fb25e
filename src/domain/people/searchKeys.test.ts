import { describe, expect, it } from 'vitest';
import { queryKeys, searchKeys } from './searchKeys.ts';
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
