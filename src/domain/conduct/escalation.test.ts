import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseConduct, escalationCallouts, type ConductOccasion } from './escalation.ts';
import { placeKindOf } from './places.ts';

let n = 0;
function occ(at: string, channels: string[], behaviours: string[] = ['contacting'], extra: Partial<ConductOccasion> = {}): ConductOccasion {
  n += 1;
  return { id: `o${String(n).padStart(3, '0')}`, at: new Date(at), channels, behaviours, ...extra };
}

function codes(list: readonly ConductOccasion[]) {
  return escalationCallouts(list).map((c) => c.code);
}

describe('escalation call-outs', () => {
  const table: Array<{ name: string; occasions: ConductOccasion[]; expected: string[]; absent?: string[] }> = [
    {
      name: 'rising frequency: 2 texts in the first month, 8 in the second',
      occasions: [
        occ('2026-01-01T10:00:00Z', ['text']),
        occ('2026-01-20T10:00:00Z', ['text']),
        ...Array.from({ length: 8 }, (_, i) => occ(`2026-02-${String(10 + i).padStart(2, '0')}T10:00:00Z`, ['text'])),
      ],
      expected: ['frequency-rising'],
    },
    {
      name: 'steady contact is not rising',
      occasions: Array.from({ length: 8 }, (_, i) => occ(`2026-01-${String(1 + i * 4).padStart(2, '0')}T10:00:00Z`, ['text'])),
      expected: [],
      absent: ['frequency-rising'],
    },
    {
      name: 'a new channel after the first day',
      occasions: [occ('2026-01-01T10:00:00Z', ['text']), occ('2026-01-05T10:00:00Z', ['social-media'])],
      expected: ['new-channels'],
    },
    {
      name: 'channels used on the first day are not new',
      occasions: [occ('2026-01-01T10:00:00Z', ['text']), occ('2026-01-01T11:00:00Z', ['email']), occ('2026-01-02T11:00:00Z', ['email'])],
      expected: [],
      absent: ['new-channels'],
    },
    {
      name: 'online, then in person at her home',
      occasions: [occ('2026-01-01T10:00:00Z', ['text']), occ('2026-01-09T19:00:00Z', ['in-person'], ['loitering'], { place: 'Outside her house' })],
      expected: ['online-to-in-person', 'closer-to-victim', 'new-behaviours'],
    },
    {
      name: 'in person from the start is not a move to in person',
      occasions: [occ('2026-01-01T10:00:00Z', ['in-person']), occ('2026-01-03T10:00:00Z', ['in-person'])],
      expected: [],
      absent: ['online-to-in-person'],
    },
    {
      name: 'threats appearing after contact without them',
      occasions: [occ('2026-01-01T10:00:00Z', ['text']), occ('2026-01-04T10:00:00Z', ['text'], ['threats-of-violence'])],
      expected: ['threats'],
    },
    {
      name: 'violence',
      occasions: [occ('2026-01-01T10:00:00Z', ['in-person']), occ('2026-01-04T10:00:00Z', ['in-person'], ['violence'])],
      expected: ['violence'],
    },
    {
      name: 'two breaches of an order',
      occasions: [occ('2026-01-01T10:00:00Z', ['in-person'], ['loitering'], { breachedOrderId: 'x' }), occ('2026-01-15T10:00:00Z', ['text'], ['contacting'], { breachedOrderId: 'x' })],
      expected: ['breaches'],
    },
    {
      name: 'third parties drawn in',
      occasions: [occ('2026-01-01T10:00:00Z', ['text']), occ('2026-01-04T10:00:00Z', ['through-third-parties'], ['contact-with-others'])],
      expected: ['third-parties'],
    },
    {
      name: 'property interference',
      occasions: [occ('2026-01-01T10:00:00Z', ['text']), occ('2026-01-04T02:00:00Z', ['other'], ['interfering-with-property'], { place: 'Her car on the driveway' })],
      expected: ['property'],
    },
    {
      name: 'fear of violence on two occasions',
      occasions: [occ('2026-01-01T10:00:00Z', ['text'], ['contacting'], { fearOfViolence: true }), occ('2026-01-04T10:00:00Z', ['text'], ['contacting'], { fearOfViolence: true })],
      expected: ['fear-of-violence'],
    },
    { name: 'one occasion: nothing to say', occasions: [occ('2026-01-01T10:00:00Z', ['email'])], expected: [] },
    { name: 'no occasions', occasions: [], expected: [] },
  ];
  it.each(table)('$name', ({ occasions, expected, absent }) => {
    const found = codes(occasions);
    for (const code of expected) expect(found).toContain(code);
    for (const code of absent ?? []) expect(found).not.toContain(code);
    if (expected.length === 0 && !absent) expect(found).toEqual([]);
  });

  it('each call-out names the occasions that show it', () => {
    const first = occ('2026-01-01T10:00:00Z', ['text']);
    const threat = occ('2026-01-04T10:00:00Z', ['text'], ['threats-of-violence']);
    const [callout] = escalationCallouts([first, threat]).filter((c) => c.code === 'threats');
    expect(callout).toMatchObject({ escalating: true, occasionIds: [threat.id], title: 'Threats of violence have appeared' });
    expect(callout!.text).toBe('Threats of violence first on 4 January 2026, after 1 occasion without; 1 occasion in all (4 January 2026).');
  });

  it('counts times: one entry for 30 texts counts as 30 occasions', () => {
    const analysis = analyseConduct([occ('2026-03-02T09:00:00Z', ['text'], ['contacting'], { times: 30 }), occ('2026-03-03T09:00:00Z', ['in-person'])]);
    expect(analysis.totalOccasions).toBe(31);
    expect(analysis.durationDays).toBe(2);
    expect(analysis.weeks).toEqual([{ weekStarting: '2026-03-02', occasions: 31 }]);
  });

  it('weeks run Monday to Sunday in London, with empty weeks shown', () => {
    const analysis = analyseConduct([occ('2026-03-01T23:30:00Z', ['text']), occ('2026-03-17T09:00:00Z', ['text'])]);
    expect(analysis.weeks.map((w) => [w.weekStarting, w.occasions])).toEqual([
      ['2026-02-23', 1],
      ['2026-03-02', 0],
      ['2026-03-09', 0],
      ['2026-03-16', 1],
    ]);
  });
});

describe('suggestions', () => {
  const two = [occ('2026-01-01T10:00:00Z', ['email']), occ('2026-01-15T10:00:00Z', ['email'])];
  const table: Array<{ name: string; offence: string | null; occasions: ConductOccasion[]; expected: string[] }> = [
    { name: 'P2: a second email prompts reconsidering harassment', offence: null, occasions: two, expected: ['consider-course-of-conduct'] },
    { name: 'P11: malicious communications series', offence: 'malicious-communications', occasions: [...two, occ('2026-01-20T10:00:00Z', ['email'])], expected: ['reclassify-malicious-communications'] },
    { name: 'harassment with stalking acts', offence: 'harassment', occasions: [occ('2026-01-01T10:00:00Z', ['in-person'], ['following']), occ('2026-01-01T11:00:00Z', ['in-person'], ['following'])], expected: ['reclassify-harassment-as-stalking'] },
    { name: 's2A with fear of violence twice', offence: 'stalking', occasions: [occ('2026-01-01T10:00:00Z', ['text'], [], { fearOfViolence: true }), occ('2026-01-01T12:00:00Z', ['text'], [], { fearOfViolence: true })], expected: ['consider-s4a'] },
    { name: 'P3: second breach', offence: 'breach-restraining-order', occasions: [occ('2026-01-01T10:00:00Z', ['in-person'], ['loitering'], { breachedOrderId: 'o' }), occ('2026-01-15T10:00:00Z', ['text'], ['contacting'], { breachedOrderId: 'o' })], expected: ['record-course-of-conduct-with-breach', 'reassess-risk'] },
    { name: 'one occasion: none', offence: null, occasions: [occ('2026-01-01T10:00:00Z', ['email'])], expected: [] },
    { name: 'stalking already recorded: no reclassification', offence: 'stalking', occasions: two, expected: [] },
  ];
  it.each(table)('$name', ({ offence, occasions, expected }) => {
    expect(analyseConduct(occasions, { offence }).suggestions.map((s) => s.code)).toEqual(expected);
  });

  it('escalation brings the homicide timeline prompts for judgement, never a score', () => {
    const analysis = analyseConduct([occ('2026-01-01T10:00:00Z', ['text']), occ('2026-01-04T10:00:00Z', ['text'], ['threats-of-violence'])]);
    expect(analysis.escalating).toBe(true);
    expect(analysis.judgementPrompts).toHaveLength(8);
    expect(JSON.stringify(analysis)).not.toMatch(/score/i);
    expect(analyseConduct([occ('2026-01-01T10:00:00Z', ['text'])]).judgementPrompts).toEqual([]);
  });
});

describe('places', () => {
  it.each([
    ['Outside her house', 'home'],
    ['At the bank where she works', 'work'],
    ['School gates, Hill Road', 'school'],
    ['The park', null],
    [null, null],
  ])('%s → %s', (place, kind) => expect(placeKindOf(place)).toBe(kind));
});

describe('properties', () => {
  const occasion = fc.record({
    id: fc.uuid(),
    at: fc.date({ min: new Date('2025-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
    channels: fc.subarray(['text', 'email', 'in-person', 'social-media', 'phone-call', 'through-third-parties']),
    behaviours: fc.subarray(['contacting', 'following', 'loitering', 'threats-of-violence', 'violence', 'interfering-with-property', 'contact-with-others']),
    place: fc.option(fc.constantFrom('her home', 'her work', 'the school', 'a shop'), { nil: null }),
    fearOfViolence: fc.boolean(),
    times: fc.integer({ min: 1, max: 5 }),
    breachedOrderId: fc.option(fc.constant('order'), { nil: null }),
  });

  it('the analysis does not depend on the order of the occasions', () => {
    fc.assert(
      fc.property(fc.uniqueArray(occasion, { selector: (o) => o.id, maxLength: 25 }), fc.integer(), (list, seed) => {
        const shuffled = [...list].sort((a, b) => ((a.id.charCodeAt(seed % 36 || 1) ?? 0) - (b.id.charCodeAt(seed % 36 || 1) ?? 0)) || (a.id < b.id ? 1 : -1));
        expect(analyseConduct(shuffled, { offence: 'harassment' })).toEqual(analyseConduct(list, { offence: 'harassment' }));
      }),
      { numRuns: 200 },
    );
  });

  it('every call-out is evidenced by occasions that exist', () => {
    fc.assert(
      fc.property(fc.uniqueArray(occasion, { selector: (o) => o.id, maxLength: 25 }), (list) => {
        const ids = new Set(list.map((o) => o.id));
        for (const callout of escalationCallouts(list)) {
          expect(callout.occasionIds.length).toBeGreaterThan(0);
          for (const id of callout.occasionIds) expect(ids.has(id)).toBe(true);
        }
      }),
    );
  });

  it('weekly counts add up to the total', () => {
    fc.assert(
      fc.property(fc.uniqueArray(occasion, { selector: (o) => o.id, maxLength: 25 }), (list) => {
        const a = analyseConduct(list);
        expect(a.weeks.reduce((s, w) => s + w.occasions, 0)).toBe(a.totalOccasions);
      }),
    );
  });
});
