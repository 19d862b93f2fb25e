import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORENAME_GROUPS } from '../data/nicknames.ts';
import { normaliseName } from '../normalise/name.ts';
import { jaroWinkler } from './jaroWinkler.ts';
import { forenameGroupIds, nicknameRelation } from './nicknames.ts';
import { phoneticKey } from './phonetic.ts';
import { trigramSimilarity, trigrams } from './trigram.ts';

describe('phoneticKey', () => {
  it.each([
    ['Smith', 'Smyth', 'SM0'],
    ['Jon', 'John', 'JN'],
    ['Stephen', 'Steven', 'STFN'],
    ['Catherine', 'Kathryn', 'K0RN'],
    ['Macdonald', 'McDonald', 'MKTNLT'],
    ['Mackenzie', 'McKenzie', 'MKNS'],
    ['Thompson', 'Thomson', 'TMSN'],
    ['Knight', 'Night', 'NT'],
    ['Wright', 'Right', 'RT'],
    ['Philips', 'Phillips', 'FLPS'],
    ['Geoff', 'Jeff', 'JF'],
    ['Leigh', 'Lee', 'L'],
    ['Mohammed', 'Muhammad', 'MHMT'],
    ['Ahmed', 'Ahmad', 'AMT'],
    ['Davies', 'Davis', 'TFS'],
    ['Reid', 'Reed', 'RT'],
    ['Claire', 'Clare', 'KLR'],
    ['Gray', 'Grey', 'KR'],
    ['Brown', 'Braun', 'BRN'],
    ['Jackson', 'Jakson', 'JKSN'],
  ])('%s and %s both give %s', (a, b, key) => {
    expect(phoneticKey(a)).toBe(key);
    expect(phoneticKey(b)).toBe(key);
  });

  it.each([
    ['Smith', 'Smart'],
    ['Jones', 'James'],
    ['Khan', 'Kane'],
    ['Baker', 'Parker'],
    ['Wood', 'Ward'],
  ])('%s and %s sound different', (a, b) => {
    expect(phoneticKey(a)).not.toBe(phoneticKey(b));
  });

  it.each([
    ['Schmidt', 'SKMT'],
    ['Charles', 'XRLS'],
    ['Christopher', 'KRSTFR'],
    ['Xavier', 'SFR'],
    ['Ogden', 'AKTN'],
    ['Bridget', 'BRJT'],
    ['Horatio', 'HRX'],
    ['Lamb', 'LM'],
    ['', ''],
  ])('%s -> %s', (name, key) => {
    expect(phoneticKey(name)).toBe(key);
  });

  it('ignores case, accents and punctuation', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z' -]{0,20}$/), (name) => phoneticKey(name) === phoneticKey(normaliseName(name).toUpperCase())),
    );
  });

  it('uses only its code alphabet', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (name) => /^[A-Z0]*$/.test(phoneticKey(name))));
  });
});

/** pg_trgm's definition written out naively, to check the implementation against. */
function bruteForceSimilarity(a: string, b: string): number {
  const grams = (text: string): string[] => {
    const all: string[] = [];
    for (const word of text.split(/[^\p{L}\p{N}]/u)) {
      if (word.length === 0) continue;
      const padded = Array.from('  ' + word.toLowerCase() + ' ');
      for (let start = 0; start < padded.length - 2; start++) all.push(padded[start]! + padded[start + 1]! + padded[start + 2]!);
    }
    return all.filter((gram, index) => all.indexOf(gram) === index);
  };
  const left = grams(a);
  const right = grams(b);
  if (left.length === 0 || right.length === 0) return 0;
  const shared = left.filter((gram) => right.includes(gram)).length;
  return shared / (left.length + right.length - shared);
}

describe('trigrams (pg_trgm definition)', () => {
  it('pads words with two spaces in front and one behind', () => {
    expect([...trigrams('cat')].sort()).toEqual(['  c', ' ca', 'at ', 'cat']);
  });

  it('splits on non-word characters, lowercases and removes duplicates', () => {
    expect([...trigrams("O'Neil-O")].sort()).toEqual(['  n', '  o', ' ne', ' o ', 'eil', 'il ', 'nei']);
  });

  it.each([
    ['smith', 'smyth', 3 / 9],
    ['Smith', 'SMITH', 1],
    ['word', 'two words', 4 / 11],
    ['', 'anything', 0],
    ['', '', 0],
    ['!!!', '???', 0],
  ])('similarity(%j, %j) = %d', (a, b, expected) => {
    expect(trigramSimilarity(a, b)).toBeCloseTo(expected, 10);
  });

  it('matches a brute-force implementation of the definition', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'é', '𝒜', ' ', '-', '1'), maxLength: 12 });
    fc.assert(fc.property(text, text, (a, b) => Math.abs(trigramSimilarity(a, b) - bruteForceSimilarity(a, b)) < 1e-12));
  });

  it('is symmetric and within 0..1', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const similarity = trigramSimilarity(a, b);
        return similarity === trigramSimilarity(b, a) && similarity >= 0 && similarity <= 1;
      }),
    );
  });
});

describe('jaroWinkler', () => {
  it.each([
    ['martha', 'marhta', 0.9611],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.8133],
    ['smith', 'smith', 1],
    ['abc', 'xyz', 0],
    ['', '', 1],
    ['', 'a', 0],
  ])('jaroWinkler(%j, %j) = %d', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 4);
  });

  it('is symmetric and within 0..1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const similarity = jaroWinkler(a, b);
        return similarity === jaroWinkler(b, a) && similarity >= 0 && similarity <= 1;
      }),
    );
  });
});

describe('forename table', () => {
  it('has at least 60 groups', () => {
    expect(FORENAME_GROUPS.length).toBeGreaterThanOrEqual(60);
  });

  it('holds only normalised single-word names, each once per group', () => {
    for (const group of FORENAME_GROUPS) {
      const names = [...group.full, ...group.short];
      expect(group.full.length).toBeGreaterThan(0);
      expect(new Set(names).size).toBe(names.length);
      for (const name of names) expect(name).toMatch(/^[a-z]+$/);
    }
  });

  it('has unique group ids', () => {
    const ids = FORENAME_GROUPS.map((group) => group.full[0]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['jon', 'john', { kind: 'short-form', shortForm: 'first' }],
    ['jonathan', 'jack', { kind: 'short-form', shortForm: 'second' }],
    ['kate', 'katherine', { kind: 'short-form', shortForm: 'first' }],
    ['catherine', 'kathryn', { kind: 'same-name' }],
    ['kate', 'katie', { kind: 'shared-short-forms' }],
    ['bill', 'william', { kind: 'short-form', shortForm: 'first' }],
    ['liam', 'william', { kind: 'short-form', shortForm: 'first' }],
    ['peggy', 'margaret', { kind: 'short-form', shortForm: 'first' }],
    ['dick', 'richard', { kind: 'short-form', shortForm: 'first' }],
    ['chris', 'christine', { kind: 'short-form', shortForm: 'first' }],
    ['sarah', 'sara', { kind: 'same-name' }],
  ])('%s and %s are related: %j', (a, b, relation) => {
    expect(nicknameRelation(a, b)).toEqual(relation);
  });

  it.each([
    ['christopher', 'christine'],
    ['samuel', 'samantha'],
    ['john', 'john'],
    ['john', 'james'],
  ])('%s and %s are not related as nicknames', (a, b) => {
    expect(nicknameRelation(a, b)).toBeUndefined();
  });

  it('is symmetric in whether names are related', () => {
    const names = FORENAME_GROUPS.flatMap((group) => [...group.full, ...group.short]);
    const name = fc.constantFrom(...names);
    fc.assert(fc.property(name, name, (a, b) => (nicknameRelation(a, b) === undefined) === (nicknameRelation(b, a) === undefined)));
  });

  it('gives the groups a forename belongs to', () => {
    expect(forenameGroupIds('chris').sort()).toEqual(['christine', 'christopher']);
    expect(forenameGroupIds('zebedee')).toEqual([]);
  });
});
