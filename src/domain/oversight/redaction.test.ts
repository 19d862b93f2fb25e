import { describe, expect, it } from 'vitest';
import {
  assignRoleLabels,
  createRedactor,
  findIdentifierLeaks,
  redactCase,
  redactObject,
  redactText,
} from './redaction.ts';
import type { CaseIdentifiers } from './redaction.ts';

/** A case like scenario P1: a woman stalked by her ex-partner, her mother a witness. */
const identifiers: CaseIdentifiers = {
  people: [
    {
      id: 'p-victim',
      role: 'victim',
      names: ['Sarah Jane Jones'],
      aliases: ['Saz'],
      datesOfBirth: ['1990-03-14'],
      addresses: ['Flat 3, 12 Acacia Avenue, Headingley, Leeds, LS6 2AB'],
      postcodes: ['LS6 2AB'],
      phones: ['07700 900123'],
      emails: ['sarah.jones90@example.com'],
      handles: ['@sazzyj'],
    },
    {
      id: 'p-suspect',
      role: 'suspect',
      names: ['Mark Anthony Hughes'],
      aliases: ['Marky', 'Hughesy'],
      datesOfBirth: ['1986-05-04'],
      phones: ['+44 7700 900456'],
      handles: ['@markyh_88'],
      vehicleRegistrations: ['YX19 ABC'],
    },
    { id: 'p-witness', role: 'witness', names: ['Linda Jones'] },
    { id: 'p-reporter', role: 'reporter', names: ['Priya Chaudhry'] },
  ],
  other: { addresses: ['Unit 4, Kirkstall Retail Park, Leeds'] },
};

const account = [
  'Sarah Jones (DOB 14/03/1990) of Flat 3, 12 Acacia Avenue, Leeds LS6 2AB reports that her ex-partner',
  'Mark Hughes, known to friends as "Marky" and "Hughesy", born 4th May 1986, has texted her on 07700900123',
  'thirty times since Monday from 07700 900456. He also emailed SARAH.JONES90@EXAMPLE.COM and messaged',
  "Sarah's sister through https://www.facebook.com/mark.hughes.5 and on Instagram as @markyh_88, tagging @sazzyj.",
  'He waited outside her workplace at Unit 4, Kirkstall Retail Park in his silver Ford Focus, registration',
  'YX19ABC, on Tuesday and Thursday. Her mother Linda Jones saw him there. Mrs Jones said Saz was scared and',
  "that Hughes will not stop. Mark's friend Mr Peter Grant lent him a van, A123 BCD. Saz's new number is",
  '0113 496 0000 and she may move to 7 Willow Grove, LS11 9QQ. Reported by PC Priya Chaudhry.',
].join(' ');

const valuesThatMustGo = [
  'Sarah',
  'Jones',
  'Saz',
  'Mark',
  'Hughes',
  'Marky',
  'Hughesy',
  'Linda',
  'Priya',
  'Chaudhry',
  'Peter Grant',
  '14/03/1990',
  '4th May 1986',
  'Acacia',
  'Flat 3',
  'LS6 2AB',
  'LS11 9QQ',
  '07700900123',
  '07700 900456',
  '0113 496 0000',
  'sarah.jones90@example.com',
  'facebook.com',
  'mark.hughes.5',
  'markyh_88',
  'sazzyj',
  'YX19ABC',
  'A123 BCD',
  'Kirkstall Retail Park',
  'Willow Grove',
];

const ordinaryWords = [
  'reports that her ex-partner',
  'known to friends as',
  'has texted her on',
  'thirty times since Monday',
  'He also emailed',
  'messaged',
  'sister through',
  'on Instagram as',
  'He waited outside her workplace',
  'in his silver Ford Focus, registration',
  'on Tuesday and Thursday',
  'Her mother',
  'saw him there',
  'said',
  'was scared and',
  'will not stop',
  'lent him a van',
  'new number is',
  'she may move to',
  'Reported by PC',
];

describe('redactText on a realistic account', () => {
  const { text, report } = redactText(account, identifiers);

  it.each(valuesThatMustGo)('removes "%s"', (value) => {
    expect(text.toLowerCase()).not.toContain(value.toLowerCase());
  });

  it.each(ordinaryWords)('keeps the ordinary words "%s"', (phrase) => {
    expect(text).toContain(phrase);
  });

  it('puts role labels and bracketed types in place of what it removes', () => {
    expect(text).toContain('Victim A (DOB [date of birth])');
    expect(text).toContain("Victim A's sister");
    expect(text).toContain('ex-partner Suspect A, known to friends as "Suspect A" and "Suspect A"');
    expect(text).toContain('Her mother Witness A saw him');
    expect(text).toContain('born [date of birth]');
    expect(text).toContain('Reported by PC Reporter A.');
    for (const placeholder of ['[address]', '[postcode]', '[phone]', '[email]', '[social media link]', '[handle]', '[vehicle]']) {
      expect(text).toContain(placeholder);
    }
  });

  it('replaces a surname shared by two people with [name], as it cannot say whose it is', () => {
    expect(text).toContain('[name] said Victim A was scared');
  });

  it('reports counts by kind and never the values', () => {
    expect(report.removed.phone).toBe(3);
    expect(report.removed.email).toBe(1);
    expect(report.removed.socialMediaLink).toBe(1);
    expect(report.removed.handle).toBe(2);
    expect(report.removed.vehicle).toBe(2);
    expect(report.removed.dateOfBirth).toBe(2);
    expect(report.removed.postcode).toBe(2);
    expect(report.removed.name).toBeGreaterThanOrEqual(12);
    expect(JSON.stringify(report)).not.toMatch(/Sarah|Jones|07700|LS6/i);
  });

  it('finds no identifier leaks in its own output but finds them in the original', () => {
    expect(findIdentifierLeaks(text, identifiers)).toEqual([]);
    const leaks = findIdentifierLeaks(account, identifiers).map((l) => l.kind);
    expect(leaks).toEqual(expect.arrayContaining(['name', 'address', 'postcode', 'phone', 'email', 'dateOfBirth', 'handle', 'vehicle']));
  });

  it('is idempotent', () => {
    const again = redactText(text, identifiers);
    expect(again.text).toBe(text);
    expect(Object.values(again.report.removed).every((n) => n === 0)).toBe(true);
  });
});

describe('ordinary prose survives when nothing identifying is in it', () => {
  const prose = [
    'On 22 August 2025 at 10:30 the officer recorded a stalking crime (s2A PHA 1997) and completed the DASH with',
    '14 yes answers. The suspect was arrested on the 2nd attempt near junction 28 of the M62 and the A1. Outcome 16',
    'was considered but the victim will support a prosecution; she may need special measures. Please mark the task as done,',
    'rose early, felt hope and grace, and sent 30 messages a day. The SPO hearing is listed for 3 March 2025; the',
    'initial visit is due within 7 days. Crime reference 13/45678/25. Ratio 3:1. Send the bill to the grant holder.',
    "She couldn't attend, so don't close the case. Risk assessment reviewed at 4pm on Friday by a DS.",
  ].join(' ');

  it('leaves the text unchanged with no identifiers', () => {
    expect(redactText(prose, { people: [] }).text).toBe(prose);
  });

  it('leaves lower-case everyday words alone even when a person has that name', () => {
    const ids: CaseIdentifiers = {
      people: [
        { id: 'a', role: 'victim', names: ['Grace Hope'] },
        { id: 'b', role: 'suspect', names: ['Will Bill Mark'] },
      ],
    };
    const { text } = redactText(`${prose} Will rang Grace. Mark said Hope was out.`, ids);
    expect(text.startsWith(prose)).toBe(true);
    expect(text.endsWith('Suspect A rang Victim A. Suspect A said Victim A was out.')).toBe(true);
  });
});

describe.each([
  ['UK mobile with spaces', 'Call 07700 900 982 today', 'Call [phone] today'],
  ['UK mobile international', 'Call +44 (0)7700 900982 today', 'Call [phone] today'],
  ['London landline', 'Call 020 7946 0958 today', 'Call [phone] today'],
  ['Leeds landline in brackets', 'Call (0113) 496 0001 today', 'Call [phone] today'],
  ['email', 'Write to j.bloggs+x@mail.co.uk now', 'Write to [email] now'],
  ['handle', 'follows her as @night_owl.77 online', 'follows her as [handle] online'],
  ['social profile link', 'see instagram.com/night_owl.77/.', 'see [social media link].'],
  ['TikTok link', 'posted at https://www.tiktok.com/@nightowl77', 'posted at [social media link]'],
  ['postcode', 'lives near BD7 1DP now', 'lives near [postcode] now'],
  ['postcode in lower case, no space', 'lives near sw1a1aa now', 'lives near [postcode] now'],
  ['current registration', 'drove KX68 UHV away', 'drove [vehicle] away'],
  ['prefix registration', 'drove P123 ABC away', 'drove [vehicle] away'],
  ['suffix registration', 'drove ABC 123D away', 'drove [vehicle] away'],
  ['date of birth after DOB', 'DOB: 02/11/1979.', 'DOB: [date of birth].'],
  ['date of birth after d.o.b', 'd.o.b 2 November 1979', 'd.o.b [date of birth]'],
  ['date of birth after born on the', 'born on the 2nd of November 1979', 'born on the [date of birth]'],
  ['date of birth before DOB', 'Joe, 02.11.79 (DOB)', 'Joe, [date of birth] (DOB)'],
  ['house number and street', 'went to 221B Baker Street twice', 'went to [address] twice'],
  ['flat and street', 'at Flat 2, 9 Mill Hill Lane again', 'at [address] again'],
  ['titled name', 'spoke to Mrs Okafor about it', 'spoke to [name] about it'],
])('pattern-based removal without known identifiers: %s', (_kind, input, expected) => {
  it('replaces the detail with its bracketed type', () => {
    expect(redactText(input, { people: [] }).text).toBe(expected);
  });
});

describe.each([
  ['a date not near a birth keyword', 'Seen on 02/11/2024 at the station'],
  ['an ordinal after a road number', 'the M6 2nd junction'],
  ['a time and a count', 'at 10:30 he sent 30 messages'],
  ['an email-less at sign', 'meet @ the park'],
  ['a road name without a house number', 'walked along Mill Hill Lane'],
  ['a crime reference', 'crime 13/45678/25 linked'],
  ['a contraction after a name-like word', "Don't worry"],
])('pattern-based removal leaves alone %s', (_kind, input) => {
  it('returns the text unchanged', () => {
    expect(redactText(input, { people: [] }).text).toBe(input);
  });
});

describe('role labels', () => {
  it('letters people within each role in the order they are listed', () => {
    const labels = assignRoleLabels([
      { id: 'v1', role: 'victim' },
      { id: 's1', role: 'suspect' },
      { id: 'v2', role: 'victim' },
      { id: 'w1', role: 'witness' },
      { id: 'r1', role: 'reporter' },
      { id: 'o1', role: 'other' },
      { id: 's2', role: 'suspect' },
    ]);
    expect(Object.fromEntries(labels)).toEqual({
      v1: 'Victim A',
      s1: 'Suspect A',
      v2: 'Victim B',
      w1: 'Witness A',
      r1: 'Reporter A',
      o1: 'Person A',
      s2: 'Suspect B',
    });
  });

  it('continues past Z with AA, AB', () => {
    const people = Array.from({ length: 28 }, (_, i) => ({ id: `w${i}`, role: 'witness' as const }));
    const labels = assignRoleLabels(people);
    expect([labels.get('w25'), labels.get('w26'), labels.get('w27')]).toEqual(['Witness Z', 'Witness AA', 'Witness AB']);
  });

  it('gives the same labels every time for the same list', () => {
    expect(assignRoleLabels(identifiers.people)).toEqual(assignRoleLabels(identifiers.people));
  });
});

describe('redactObject', () => {
  const view = {
    caseId: 'case-123',
    outcomeCode: 16,
    finalisedAt: new Date('2025-06-01T10:00:00Z'),
    summary: 'Sarah Jones reported Mark Hughes; call 07700 900123.',
    victim: { personId: 'p-victim', name: 'Sarah Jones', dateOfBirth: '1990-03-14', homeAddress: '12 Acacia Avenue', vulnerable: true },
    suspects: [{ personId: 'p-suspect', full_name: 'Mark Hughes', vehicleRegistration: 'YX19 ABC', occupation: 'Driver' }],
    contacts: [{ at: '2025-05-02', note: 'Saz chased an update by email from sarah.jones90@example.com', mobilePhone: '07700 900123' }],
    unknownPerson: { personId: 'nobody' },
    teamName: 'Safeguarding Leeds',
  };
  const { value, report } = redactObject(view, identifiers, { keepFields: ['caseId', 'teamName'] });

  it('drops always-removed fields, including camelCase and snake_case forms', () => {
    expect(value).toMatchObject({ victim: { personLabel: 'Victim A', vulnerable: true } });
    const json = JSON.stringify(value);
    for (const field of ['"name"', 'dateOfBirth', 'homeAddress', 'full_name', 'vehicleRegistration', 'mobilePhone', 'personId']) {
      expect(json).not.toContain(field);
    }
    expect(report.fieldsRemoved).toBe(6);
  });

  it('redacts every remaining string and keeps numbers, flags, dates and kept fields', () => {
    expect(value).toMatchObject({
      caseId: 'case-123',
      outcomeCode: 16,
      finalisedAt: view.finalisedAt,
      summary: 'Victim A reported Suspect A; call [phone].',
      suspects: [{ personLabel: 'Suspect A', occupation: 'Driver' }],
      contacts: [{ at: '2025-05-02', note: 'Victim A chased an update by email from [email]' }],
      unknownPerson: { personLabel: '[person]' },
      teamName: 'Safeguarding Leeds',
    });
  });

  it('leaves no identifier anywhere in the serialised view', () => {
    expect(findIdentifierLeaks(JSON.stringify(value), identifiers)).toEqual([]);
  });
});

describe('redactCase', () => {
  it('returns the redacted view, the people by role label and the report', () => {
    const result = redactCase({ narrative: 'Linda Jones saw Mark Hughes.' }, identifiers);
    expect(result.view).toEqual({ narrative: 'Witness A saw Suspect A.' });
    expect(result.people).toEqual([
      { label: 'Victim A', role: 'victim' },
      { label: 'Suspect A', role: 'suspect' },
      { label: 'Witness A', role: 'witness' },
      { label: 'Reporter A', role: 'reporter' },
    ]);
    expect(result.report.removed.name).toBe(2);
  });
});

describe('names as placeholders, for text spanning several cases', () => {
  it('turns every known name into [name] and still removes the other details', () => {
    const redactor = createRedactor(identifiers, { namesAs: 'placeholder' });
    expect(redactor.redactText('Mark Hughes called Sarah Jones on 07700 900123.').text).toBe('[name] called [name] on [phone].');
    expect(createRedactor(identifiers).redactText('Mark Hughes called Sarah Jones.').text).toBe('Suspect A called Victim A.');
  });
});
