import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeRegExp } from './redaction-patterns.ts';
import { redactText } from './redaction.ts';
import type { CaseIdentifiers, IdentifiedPerson } from './redaction.ts';

const PROSE_WORDS = [
  'the', 'victim', 'said', 'he', 'she', 'called', 'again', 'on', 'monday', 'and', 'waited', 'outside',
  'her', 'work', 'for', 'two', 'hours', 'officer', 'recorded', 'a', 'crime', 'of', 'stalking', 'with',
  'risk', 'assessment', 'completed', 'at', '10:30', 'will', 'may', 'sent', '30', 'messages', 'to',
  'sister', 'car', 'parked', 'near', 'house', 'was', 'scared', 'in', 'street', 'phone', 'number',
  'email', 'account', 'profile', 'online', 'followed', 'bus', 'stop', 'gift', 'left', 'door', '2nd', 'M62',
];

const FORENAMES = ['Sarah', 'Aisha', 'Chloe', 'Dawid', 'Emeka', 'Fatima', 'Gareth', 'Hannah', 'Imran', 'Jodie', 'Siobhán', 'Zoë'];
const SURNAMES = ['Jones', 'Okafor', 'Kowalski', 'Patel', "O'Brien", 'Smith-Hughes', 'Nguyen', 'Thompson', 'MacLeod', 'Ahmed'];
const STREETS = ['Acacia', 'Bramble', 'Hollin', 'Kirkgate', 'Rosemount', 'Tinshill', 'Westfield'];
const SUFFIXES = ['Avenue', 'Road', 'Close', 'Street', 'Lane', 'Crescent', 'Grove'];
const AREAS = ['LS', 'BD', 'HX', 'WF', 'HD', 'M', 'B', 'SW', 'E', 'YO'];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'.split('');
const LETTERS = 'ABCDEFGHJKLMNOPRSTUVWXYZ'.split('');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const letters = (pool: string[], n: number) => fc.array(fc.constantFrom(...pool), { minLength: n, maxLength: n }).map((l) => l.join(''));
const prose = fc.array(fc.constantFrom(...PROSE_WORDS), { minLength: 3, maxLength: 40 });

/** An identifier: how it is written in the text, and how it is recorded on the case. */
interface Planted {
  written: string;
  person: Omit<IdentifiedPerson, 'id' | 'role'>;
  /** Names are checked as whole words; everything else as plain text. */
  wholeWord: boolean;
}

const plantedName: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom(...FORENAMES), fc.constantFrom(...SURNAMES), fc.constantFrom('full', 'forename', 'surname', 'possessive'))
  .map(([forename, surname, form]) => ({
    written: form === 'full' ? `${forename} ${surname}` : form === 'surname' ? surname : forename,
    person: { names: [`${forename} ${surname}`] },
    wholeWord: true,
  }));

const mobile = digits(9).map((d) => `07${d}`);
const plantedPhone: fc.Arbitrary<Planted> = fc
  .tuple(mobile, fc.constantFrom('plain', 'spaced', 'international'))
  .map(([number, style]) => ({
    written:
      style === 'plain' ? number : style === 'spaced' ? `${number.slice(0, 5)} ${number.slice(5)}` : `+44 ${number.slice(1, 5)} ${number.slice(5)}`,
    person: { names: [], phones: [number] },
    wholeWord: false,
  }));

const plantedEmail: fc.Arbitrary<Planted> = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9._]{2,10}[a-z0-9]$/), fc.constantFrom('example.com', 'mail.co.uk', 'proton.me'))
  .map(([local, domain]) => ({ written: `${local}@${domain}`, person: { names: [], emails: [`${local}@${domain}`] }, wholeWord: false }));

const plantedHandle: fc.Arbitrary<Planted> = fc
  .stringMatching(/^[a-z][a-z0-9_]{3,12}$/)
  .map((h) => ({ written: `@${h}`, person: { names: [], handles: [`@${h}`] }, wholeWord: false }));

const plantedPostcode: fc.Arbitrary<Planted> = fc
  .tuple(fc.constantFrom(...AREAS), fc.integer({ min: 1, max: 29 }), fc.integer({ min: 0, max: 9 }), letters(INWARD_LETTERS, 2))
  .map(([area, district, sector, unit]) => {
    const postcode = `${area}${district} ${sector}${unit}`;
    return { written: postcode, person: { names: [], postcodes: [postcode] }, wholeWord: false };
  });

const plantedVehicle: fc.Arbitrary<Planted> = fc
  .tuple(letters(LETTERS, 2), digits(2), letters(LETTERS, 3), fc.boolean())
  .map(([a, n, b, spaced]) => ({
    written: spaced ? `${a}${n} ${b}` : `${a}${n}${b}`,
    person: { names: [], vehicleRegistrations: [`${a}${n} ${b}`] },
    wholeWord: false,
  }));

const plantedDateOfBirth: fc.Arbitrary<Planted> = fc
  .tuple(fc.integer({ min: 1940, max: 2010 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.boolean())
  .map(([y, m, d, numeric]) => {
    const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const written = numeric ? `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}` : `${d} ${MONTHS[m - 1]} ${y}`;
    return { written, person: { names: [], datesOfBirth: [iso] }, wholeWord: false };
  });

const plantedAddress: fc.Arbitrary<Planted> = fc
  .tuple(fc.integer({ min: 1, max: 250 }), fc.constantFrom(...STREETS), fc.constantFrom(...SUFFIXES))
  .map(([n, street, suffix]) => {
    const address = `${n} ${street} ${suffix}`;
    return { written: address, person: { names: [], addresses: [`${address}, Leeds`] }, wholeWord: false };
  });

const planted = fc.oneof(
  plantedName,
  plantedPhone,
  plantedEmail,
  plantedHandle,
  plantedPostcode,
  plantedVehicle,
  plantedDateOfBirth,
  plantedAddress,
);

function plant(words: string[], item: Planted, at: number): string {
  const position = at % (words.length + 1);
  return [...words.slice(0, position), item.written, ...words.slice(position)].join(' ');
}

function identifiersFor(item: Planted): CaseIdentifiers {
  return { people: [{ id: 'p1', role: 'victim', ...item.person }] };
}

function survives(text: string, item: Planted): boolean {
  if (!item.wholeWord) return text.toLowerCase().includes(item.written.toLowerCase());
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(item.written)}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

describe('redaction properties', () => {
  it('an identifier planted anywhere in ordinary prose never survives', () => {
    fc.assert(
      fc.property(prose, planted, fc.nat(), (words, item, at) => {
        const { text } = redactText(plant(words, item, at), identifiersFor(item));
        expect(survives(text, item)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('generic patterns catch phones, emails, handles, postcodes and registrations not on the case', () => {
    const unlisted = fc.oneof(plantedPhone, plantedEmail, plantedHandle, plantedPostcode, plantedVehicle);
    fc.assert(
      fc.property(prose, unlisted, fc.nat(), (words, item, at) => {
        const { text } = redactText(plant(words, item, at), { people: [] });
        expect(survives(text, item)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('redacting twice gives the same text as redacting once', () => {
    fc.assert(
      fc.property(prose, fc.array(planted, { minLength: 1, maxLength: 4 }), fc.nat(), (words, items, at) => {
        const text = items.reduce((acc, item, i) => plant(acc.split(' '), item, at + i * 7), words.join(' '));
        const identifiers: CaseIdentifiers = {
          people: items.map((item, i) => ({ id: `p${i}`, role: i % 2 === 0 ? 'victim' : 'suspect', ...item.person })),
        };
        const once = redactText(text, identifiers).text;
        expect(redactText(once, identifiers).text).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('prose without identifiers comes back unchanged', () => {
    fc.assert(
      fc.property(prose, (words) => {
        const text = words.join(' ');
        expect(redactText(text, { people: [] }).text).toBe(text);
      }),
    );
  });
});
