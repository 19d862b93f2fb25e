import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultMatchingPolicy, matchingPolicySchema, westYorkshireMatchingPolicy } from './policy.ts';
import { bandFor, rankCandidates, scoreCandidate } from './score.ts';
import type { PersonQuery, PersonRecord } from './types.ts';

const referenceDate = '2026-11-25';

const johnSmith: PersonRecord = {
  id: 'person-john-smith',
  name: { forename: 'John', surname: 'Smith' },
  dob: '1986-05-04',
  gender: 'male',
  addresses: [{ line: '14 Kirkstall Rd', town: 'Leeds', postcode: 'LS3 1JJ' }],
  phones: ['07700 900123'],
  emails: ['j.smith86@gmail.com'],
  handles: [{ handle: 'https://www.facebook.com/John.Smyth.86' }],
  vehicles: ['YX19 ABC'],
};

const codes = (query: PersonQuery, candidate: PersonRecord = johnSmith) => scoreCandidate(query, candidate).reasons.map((reason) => reason.code);

describe('scoreCandidate', () => {
  it('P9: "Jon Smyth", about 39, same town, is a strong match to John Smith born 4 May 1986', () => {
    const result = scoreCandidate({ referenceDate, forename: 'Jon', surname: 'Smyth', age: { about: 39 }, address: { town: 'Leeds' } }, johnSmith);
    expect(result.band).toBe('strong');
    expect(result.score).toBeGreaterThanOrEqual(defaultMatchingPolicy.bands.strong);
    expect(result.reasons.map(({ code, text }) => ({ code, text }))).toEqual([
      { code: 'forename-nickname', text: 'Forename "Jon" is a common short form of "John"' },
      { code: 'surname-phonetic', text: 'Surname "Smyth" sounds like "Smith"' },
      {
        code: 'age-in-range',
        text: 'Recorded date of birth 4 May 1986 makes them 40 on 25 November 2026: within the age given in the report, about 39 (37 to 41)',
      },
      { code: 'town-match', text: 'Same town as a recorded address (Leeds)' },
    ]);
  });

  it('weights add up to the score', () => {
    const result = scoreCandidate({ referenceDate, forename: 'Jon', surname: 'Smyth', age: { about: 39 }, address: { town: 'Leeds' } }, johnSmith);
    const total = result.reasons.reduce((sum, reason) => sum + reason.weight, 0);
    expect(Math.abs(total - result.score)).toBeLessThanOrEqual(0.5);
  });

  it('Kate/Katherine with the same surname and date of birth is strong', () => {
    const katherine: PersonRecord = { id: 'k', name: { forename: 'Katherine', surname: 'Hughes' }, dob: '1992-02-17' };
    const result = scoreCandidate({ referenceDate, forename: 'Kate', surname: 'Hughes', dob: '1992-02-17' }, katherine);
    expect(result.band).toBe('strong');
    expect(result.reasons[0]).toMatchObject({ code: 'forename-nickname', text: 'Forename "Kate" is a common short form of "Katherine"' });
  });

  it.each([
    ['07700 900123', 'phone'],
    ['+44 7700 900123', 'phone'],
    ['0044 (0)7700-900123', 'phone'],
  ])('phone written as %j matches the recorded number', (phone) => {
    const result = scoreCandidate({ referenceDate, phones: [phone] }, johnSmith);
    expect(result.reasons).toEqual([{ code: 'phone-match', text: 'Phone number +447700900123 is recorded for this person', weight: defaultMatchingPolicy.points.phone }]);
  });

  it.each([
    [{ handle: 'facebook.com/johnsmyth86/' }],
    [{ platform: 'Facebook', handle: '@JohnSmyth86' }],
    [{ handle: 'm.facebook.com/john.smyth.86?ref=bookmarks' }],
    [{ platform: 'FB', handle: 'john.smyth86' }],
  ])('social media account %j matches the recorded Facebook account', (handle) => {
    expect(scoreCandidate({ referenceDate, handles: [handle] }, johnSmith).reasons).toEqual([
      { code: 'handle-match', text: 'Facebook account "johnsmyth86" is recorded for this person', weight: defaultMatchingPolicy.points.handle },
    ]);
  });

  it('matches email exactly, or loosely when only Gmail dots and tags differ', () => {
    expect(codes({ referenceDate, emails: [' J.Smith86@gmail.com '] })).toEqual(['email-match']);
    expect(codes({ referenceDate, emails: ['jsmith86+spam@googlemail.com'] })).toEqual(['email-loose-match']);
    expect(scoreCandidate({ referenceDate, emails: ['jsmith86+spam@googlemail.com'] }, johnSmith).reasons).toEqual([
      {
        code: 'email-loose-match',
        text: 'Email address jsmith86+spam@googlemail.com reaches the same inbox as an address recorded for this person',
        weight: defaultMatchingPolicy.points.emailLoose,
      },
    ]);
  });

  it('matches vehicles after normalisation', () => {
    expect(codes({ referenceDate, vehicles: ['yx19abc'] })).toEqual(['vehicle-match']);
  });

  it('counts each kind of identifier once', () => {
    expect(codes({ referenceDate, phones: ['07700900123', '+447700900123'] })).toEqual(['phone-match']);
  });

  it('ignores identifiers that do not normalise', () => {
    expect(scoreCandidate({ referenceDate, phones: ['not known'], emails: ['none'], handles: [{ handle: 'x' }], vehicles: ['?'] }, johnSmith).reasons).toEqual([]);
  });

  it.each([
    [{ line: '14 Kirkstall Road', postcode: 'ls31jj' }, 'address-match', 'Address "14 Kirkstall Road, LS3 1JJ" matches a recorded address'],
    [{ line: '14 Kirkstall Road', town: 'LEEDS' }, 'address-match', 'Address "14 Kirkstall Road, LEEDS" matches a recorded address'],
    [{ postcode: 'LS3 1JJ' }, 'postcode-match', 'Postcode LS3 1JJ matches a recorded address'],
    [{ line: '2 Other Street', postcode: 'LS3 1JJ' }, 'postcode-match', 'Postcode LS3 1JJ matches a recorded address'],
    [{ postcode: 'LS3 1AB' }, 'postcode-sector-match', 'Postcode LS3 1AB is in the same postcode sector (LS3 1) as a recorded address'],
    [{ postcode: 'LS3 1AB', town: 'Leeds' }, 'town-match', 'Same town as a recorded address (Leeds)'],
  ])('address %j: %s', (address, code, text) => {
    expect(scoreCandidate({ referenceDate, address }, johnSmith).reasons).toEqual([expect.objectContaining({ code, text })]);
  });

  it('finds nothing for a different address', () => {
    expect(codes({ referenceDate, address: { line: '1 Market St', town: 'Bradford', postcode: 'BD1 1AA' } })).toEqual([]);
  });

  it('a clearly different date of birth reduces the score, with a reason', () => {
    const base: PersonQuery = { referenceDate, forename: 'John', surname: 'Smith' };
    const agreeing = scoreCandidate(base, johnSmith).score;
    const conflicting = scoreCandidate({ ...base, dob: '1999-12-01' }, johnSmith);
    expect(conflicting.score).toBeLessThan(agreeing);
    expect(conflicting.reasons).toContainEqual(expect.objectContaining({ code: 'dob-conflict', weight: defaultMatchingPolicy.points.dobConflict }));
  });

  it('a different gender reduces the score; unknown gender says nothing', () => {
    expect(scoreCandidate({ referenceDate, gender: 'female' }, johnSmith).reasons).toEqual([
      { code: 'gender-conflict', text: 'Gender given as female, but this person is recorded as male', weight: defaultMatchingPolicy.points.genderConflict },
    ]);
    expect(codes({ referenceDate, gender: 'unknown' })).toEqual([]);
  });

  it('matches on an alias recorded for the person and says so', () => {
    const withAlias: PersonRecord = { ...johnSmith, aliases: [{ forename: 'Jack', surname: 'Dawson' }] };
    const result = scoreCandidate({ referenceDate, forename: 'Jack', surname: 'Dawson' }, withAlias);
    expect(result.reasons.map((reason) => reason.code)).toEqual(['forename-exact', 'surname-exact', 'alias-used']);
    expect(result.reasons[2]?.text).toBe('Matched on the alias "Jack Dawson" recorded for this person');
    expect(result.score).toBe(defaultMatchingPolicy.points.name);
  });

  it('matches on an alias given in the report', () => {
    const result = scoreCandidate({ referenceDate, forename: 'Jack', surname: 'Dawson', aliases: [{ forename: 'Johnny', surname: 'Smith' }] }, johnSmith);
    expect(result.reasons.at(-1)?.text).toBe('Matched on the alias "Johnny Smith" given in the report');
  });

  it('gives a surname alone only the surname share of the name points', () => {
    expect(scoreCandidate({ referenceDate, surname: 'Smith' }, johnSmith).score).toBe(Math.round(defaultMatchingPolicy.points.name * 0.55));
  });

  it('identifiers are strong evidence even with a different name', () => {
    const result = scoreCandidate({ referenceDate, forename: 'Gary', surname: 'Smith', phones: ['07700 900123'], handles: [{ platform: 'facebook', handle: 'johnsmyth86' }] }, johnSmith);
    expect(result.band).toBe('strong');
  });

  it('scores nothing for an empty query', () => {
    expect(scoreCandidate({ referenceDate }, johnSmith)).toEqual({ score: 0, band: 'weak', reasons: [] });
  });

  it('keeps the score within 0..100 and the band consistent with it', () => {
    const query = fc.record({
      referenceDate: fc.constant(referenceDate),
      forename: fc.option(fc.constantFrom('John', 'Jon', 'Jane', 'J'), { nil: undefined }),
      surname: fc.option(fc.constantFrom('Smith', 'Smyth', 'Jones'), { nil: undefined }),
      dob: fc.option(fc.constantFrom('1986-05-04', '1986-04-05', '2001-01-01'), { nil: undefined }),
      gender: fc.option(fc.constantFrom('male' as const, 'female' as const), { nil: undefined }),
      phones: fc.option(fc.constant(['07700 900123']), { nil: undefined }),
      emails: fc.option(fc.constant(['j.smith86@gmail.com']), { nil: undefined }),
      handles: fc.option(fc.constant([{ platform: 'fb', handle: 'johnsmyth86' }]), { nil: undefined }),
      vehicles: fc.option(fc.constant(['YX19ABC']), { nil: undefined }),
      address: fc.option(fc.constant({ line: '14 Kirkstall Road', postcode: 'LS3 1JJ' }), { nil: undefined }),
    });
    fc.assert(
      fc.property(query, (q) => {
        const { score, band } = scoreCandidate(q, johnSmith);
        return Number.isInteger(score) && score >= 0 && score <= 100 && band === bandFor(score);
      }),
    );
  });
});

describe('rankCandidates', () => {
  const people: PersonRecord[] = [
    { id: 'c', name: { forename: 'Jane', surname: 'Smith' }, dob: '1960-01-01' },
    johnSmith,
    { id: 'b', name: { forename: 'Jonathan', surname: 'Smythe' }, dob: '1987-02-02' },
    { id: 'a', name: { forename: 'Priya', surname: 'Patel' } },
  ];

  it('P9: puts John Smith first, drops candidates below the floor, never merges', () => {
    const ranked = rankCandidates({ referenceDate, forename: 'Jon', surname: 'Smyth', age: { about: 39 }, address: { town: 'Leeds' } }, people);
    expect(ranked.map((candidate) => candidate.person.id)).toEqual(['person-john-smith', 'b']);
    expect(ranked[0]?.person).toBe(johnSmith);
    expect(ranked.every((candidate) => candidate.score >= defaultMatchingPolicy.floor)).toBe(true);
  });

  it('sorts by score, then id', () => {
    const twins: PersonRecord[] = [
      { id: 'z', name: { forename: 'Ann', surname: 'Lee' } },
      { id: 'y', name: { forename: 'Ann', surname: 'Lee' } },
    ];
    expect(rankCandidates({ referenceDate, forename: 'Ann', surname: 'Lee' }, twins).map((candidate) => candidate.person.id)).toEqual(['y', 'z']);
  });

  it('uses the policy floor', () => {
    const query: PersonQuery = { referenceDate, surname: 'Smith' };
    expect(rankCandidates(query, [johnSmith], { ...defaultMatchingPolicy, floor: 30 })).toHaveLength(0);
    expect(rankCandidates(query, [johnSmith], { ...defaultMatchingPolicy, floor: 20 })).toHaveLength(1);
  });
});

describe('matching policy', () => {
  it('the West Yorkshire default is valid policy data', () => {
    expect(matchingPolicySchema.safeParse(westYorkshireMatchingPolicy).success).toBe(true);
    expect(defaultMatchingPolicy).toBe(westYorkshireMatchingPolicy);
  });

  it('rejects a policy with a similarity outside 0..1', () => {
    const broken = { ...westYorkshireMatchingPolicy, names: { ...westYorkshireMatchingPolicy.names, similarity: { ...westYorkshireMatchingPolicy.names.similarity, nickname: 2 } } };
    expect(matchingPolicySchema.safeParse(broken).success).toBe(false);
  });

  it.each([
    [60, 'strong'],
    [59, 'possible'],
    [40, 'possible'],
    [39, 'weak'],
  ])('score %i is %s', (score, band) => {
    expect(bandFor(score)).toBe(band);
  });
});
