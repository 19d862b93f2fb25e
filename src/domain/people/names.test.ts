import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames } from './names.ts';
import { defaultMatchingPolicy } from './policy.ts';
import type { PersonName } from './types.ts';

const { similarity } = defaultMatchingPolicy.names;

describe('compareNames: reasons for each kind of match', () => {
  it.each<[PersonName, PersonName, string, string]>([
    [{ forename: 'Jon' }, { forename: 'John' }, 'forename-nickname', 'Forename "Jon" is a common short form of "John"'],
    [{ forename: 'John' }, { forename: 'Jon' }, 'forename-nickname', 'Forename "Jon" is a common short form of "John"'],
    [{ forename: 'Kate' }, { forename: 'Katherine' }, 'forename-nickname', 'Forename "Kate" is a common short form of "Katherine"'],
    [{ forename: 'Catherine' }, { forename: 'Kathryn' }, 'forename-nickname', 'Forename "Catherine" is another form of "Kathryn"'],
    [{ forename: 'Kate' }, { forename: 'Katie' }, 'forename-nickname', 'Forename "Kate" and "Katie" are short forms of the same name'],
    [{ forename: 'J.' }, { forename: 'John' }, 'forename-initial', 'Forename initial "J" fits "John"'],
    [{ forename: 'Jonathon' }, { forename: 'Johnathan' }, 'forename-phonetic', 'Forename "Jonathon" sounds like "Johnathan"'],
    [{ forename: 'Paul' }, { forename: 'John Paul' }, 'forename-exact', 'Forename "Paul" matches exactly, as a middle name'],
    [{ forename: 'Mary-Jane' }, { forename: 'Mary Jane' }, 'forename-exact', 'Forename "Mary-Jane" matches "Mary Jane"'],
    [{ forename: 'John' }, { forename: 'Jane' }, 'forename-different', 'Forename "John" does not match "Jane"'],
    [{ surname: 'Smyth' }, { surname: 'Smith' }, 'surname-phonetic', 'Surname "Smyth" sounds like "Smith"'],
    [{ surname: 'MacDonald' }, { surname: 'McDonald' }, 'surname-variant', 'Surname "MacDonald" is a spelling variant of "McDonald"'],
    [{ surname: 'Smith' }, { surname: 'Smith-Jones' }, 'surname-part', 'Surname "Smith" is part of the double-barrelled surname "Smith-Jones"'],
    [{ surname: 'Smith Jones' }, { surname: 'Smith-Jones' }, 'surname-exact', 'Surname "Smith Jones" matches "Smith-Jones"'],
    [{ surname: "O'Brien" }, { surname: 'OBrien' }, 'surname-exact', 'Surname "O\'Brien" matches "OBrien"'],
    [{ surname: 'Smiht' }, { surname: 'Smith' }, 'surname-similar', 'Surname "Smiht" is spelt like "Smith" (64% similar)'],
    [{ surname: 'Smith' }, { surname: 'Patel' }, 'surname-different', 'Surname "Smith" does not match "Patel"'],
  ])('%j vs %j: %s', (a, b, code, text) => {
    const { reasons } = compareNames(a, b);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatchObject({ code, text });
  });
});

describe('compareNames: scores', () => {
  it('Kate Smith and Katherine Smith score as a nickname forename and exact surname', () => {
    const result = compareNames({ forename: 'Kate', surname: 'Smith' }, { forename: 'Katherine', surname: 'Smith' });
    expect(result.score).toBeCloseTo(0.45 * similarity.nickname + 0.55 * similarity.exact, 10);
    expect(result.coverage).toBe(1);
    expect(result.reasons.map((reason) => reason.code)).toEqual(['forename-nickname', 'surname-exact']);
  });

  it('Jon Smyth and John Smith match closely on nickname and sound', () => {
    const result = compareNames({ forename: 'Jon', surname: 'Smyth' }, { forename: 'John', surname: 'Smith' });
    expect(result.score).toBeGreaterThan(0.85);
    expect(result.reasons.map((reason) => reason.code)).toEqual(['forename-nickname', 'surname-phonetic']);
  });

  it('scores only the parts both names have, and reports the coverage', () => {
    const result = compareNames({ surname: 'Smith' }, { forename: 'John', surname: 'Smith' });
    expect(result.score).toBe(1);
    expect(result.coverage).toBeCloseTo(0.55, 10);
  });

  it('has nothing to compare when the parts given do not overlap', () => {
    expect(compareNames({ forename: 'John' }, { surname: 'Smith' })).toEqual({ score: 0, coverage: 0, reasons: [] });
  });

  it('recognises forename and surname recorded the other way round, with a penalty', () => {
    const result = compareNames({ forename: 'Smith', surname: 'John' }, { forename: 'John', surname: 'Smith' });
    expect(result.reasons[0]?.code).toBe('names-swapped');
    expect(result.score).toBeCloseTo(defaultMatchingPolicy.names.swappedNamesFactor, 10);
  });

  it('rates John/Jane well below Jon/John', () => {
    const jane = compareNames({ forename: 'John', surname: 'Smith' }, { forename: 'Jane', surname: 'Smith' }).score;
    const jon = compareNames({ forename: 'Jon', surname: 'Smith' }, { forename: 'John', surname: 'Smith' }).score;
    expect(jane).toBeLessThan(0.6);
    expect(jon).toBeGreaterThan(0.9);
  });

  it('uses the policy', () => {
    const policy = { ...defaultMatchingPolicy.names, similarity: { ...similarity, nickname: 0.5 } };
    expect(compareNames({ forename: 'Jon' }, { forename: 'John' }, policy).score).toBe(0.5);
  });
});

describe('compareNames: properties', () => {
  const namePart = fc.oneof(
    fc.constantFrom('John', 'Jon', 'Jonathan', 'Kate', 'Katherine', 'Smith', 'Smyth', 'Smith-Jones', 'MacDonald', 'McDonald', 'J', "O'Brien", 'Mary Jane'),
    fc.string({ unit: fc.constantFrom('a', 'e', 'o', 'n', 's', 't', 'h', 'm', 'c', 'k', ' ', '-', "'"), maxLength: 10 }),
  );
  const name = fc.record({ forename: fc.option(namePart, { nil: undefined }), surname: fc.option(namePart, { nil: undefined }) });

  it('is symmetric and scores within 0..1', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const forward = compareNames(a, b);
        const backward = compareNames(b, a);
        return forward.score === backward.score && forward.coverage === backward.coverage && forward.score >= 0 && forward.score <= 1;
      }),
      { numRuns: 500 },
    );
  });

  it('scores identical names 1', () => {
    const letters = fc.stringMatching(/^[A-Za-z][A-Za-z' -]{0,12}$/);
    fc.assert(
      fc.property(letters, letters, (forename, surname) => {
        const person = { forename, surname };
        return compareNames(person, { ...person }).score === 1;
      }),
    );
  });

  it('scores a name 1 against its own normalised spelling', () => {
    fc.assert(
      fc.property(fc.constantFrom('Zoë', 'JOHN', "o'neill", 'Smith-Jones', 'Mc Donald'), (part) =>
        compareNames({ forename: part, surname: part }, { forename: part.toLowerCase(), surname: part.toUpperCase() }).score === 1,
      ),
    );
  });
});
