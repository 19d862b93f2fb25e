import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import { countOccasions } from './conduct.ts';
import {
  behaviours,
  channels,
  effects,
  indicators,
  orderTypes,
  otherCrimeKinds,
  relationships,
} from './intake-options.ts';
import { byCode } from './lookup.ts';
import { isInFamily, offence, offenceCodes } from './offences.ts';
import { crimeRecordingDeadline, westYorkshireClassificationPolicy } from './policy.ts';
import type { ClassificationPolicy } from './policy.ts';
import type { ClassificationFacts, LinkedOccasion, Occasion } from './types.ts';

const codesOf = <T extends { code: string }>(list: readonly T[]) => list.map((entry) => entry.code as T['code']);

const occasionArb: fc.Arbitrary<Occasion> = fc.record(
  {
    date: fc.constantFrom('2025-03-01', '2025-03-10', '2025-04-02'),
    times: fc.integer({ min: 1, max: 40 }),
    channels: fc.subarray(codesOf(channels), { minLength: 1 }),
    behaviours: fc.subarray(codesOf(behaviours), { minLength: 1 }),
    causedFearOfViolence: fc.boolean(),
    raciallyOrReligiouslyAggravated: fc.boolean(),
    breachedOrder: fc.constantFrom(...codesOf(orderTypes)),
    victims: fc.subarray(['V1', 'V2'], { minLength: 1 }),
  },
  { requiredKeys: ['date', 'channels', 'behaviours', 'causedFearOfViolence', 'raciallyOrReligiouslyAggravated'] },
);

const linkedArb: fc.Arbitrary<LinkedOccasion> = fc
  .tuple(occasionArb, fc.option(fc.constantFrom(...offenceCodes), { nil: undefined }))
  .map(([o, recordedAs]) => (recordedAs === undefined ? o : { ...o, recordedAs }));

const factsArb: fc.Arbitrary<ClassificationFacts> = fc.record({
  relationship: fc.constantFrom(...codesOf(relationships)),
  victims: fc.constantFrom(['V1'], ['V1', 'V2']),
  suspectKnown: fc.boolean(),
  occasions: fc.array(occasionArb, { maxLength: 4 }),
  linkedOccasions: fc.array(linkedArb, { maxLength: 3 }),
  effects: fc.subarray(codesOf(effects)),
  indicators: fc.subarray(codesOf(indicators)),
  activeOrders: fc.subarray(codesOf(orderTypes)).map((types) => types.map((type) => ({ type }))),
  earlierBreachesSinceOrder: fc.integer({ min: 0, max: 3 }),
  controllingOrCoercive: fc.boolean(),
  otherCrimes: fc.subarray(codesOf(otherCrimeKinds)),
});

const policyArb: fc.Arbitrary<ClassificationPolicy> = fc.record({
  exPartnerHarassmentIsStalking: fc.boolean(),
  coerciveControlRelationships: fc.subarray(codesOf(relationships)),
  recordHarassmentRegardlessOfOtherCrimes: fc.boolean(),
  stalkingNeedsFixationOrObsession: fc.boolean(),
  fixationContactThreshold: fc.integer({ min: 2, max: 20 }),
  crimeRecordingDeadlineHours: fc.integer({ min: 1, max: 72 }),
});

describe('classification properties', () => {
  it('the principal and also-record offences are consistent with isCrime and ordered by seriousness', () => {
    fc.assert(
      fc.property(factsArb, policyArb, (input, policy) => {
        const s = classify(input, policy);
        expect(s.isCrime).toBe(s.principal !== null || s.otherCrimes.length > 0);
        if (s.principal === null) expect(s.alsoRecord).toEqual([]);
        else {
          const rank = offence(s.principal).principalRank;
          expect(s.alsoRecord).not.toContain(s.principal);
          for (const also of s.alsoRecord) expect(offence(also).principalRank).toBeGreaterThan(rank);
        }
      }),
    );
  });

  it('suggests harassment-type offences only with a course of conduct, and malicious communications only without one', () => {
    fc.assert(
      fc.property(factsArb, policyArb, (input, policy) => {
        const s = classify(input, policy);
        const suggested = [s.principal, ...s.alsoRecord].flatMap((code) => (code === null ? [] : [code]));
        const conduct = suggested.filter((code) =>
          isInFamily(code, 'harassment', 'stalking', 'aggravated-harassment', 'coercive-control'),
        );
        if (!s.courseOfConduct.met) expect(conduct).toEqual([]);
        else expect(suggested).not.toContain('malicious-communications');
      }),
    );
  });

  it('with one victim, a course of conduct is two or more occasions or two or more breaches', () => {
    fc.assert(
      fc.property(factsArb, (input) => {
        const unattributed = <T extends Occasion>({ victims: _victims, ...rest }: T) => rest;
        const single = {
          ...input,
          victims: ['V1'],
          occasions: input.occasions.map(unattributed),
          linkedOccasions: input.linkedOccasions.map(unattributed),
        };
        const s = classify(single);
        const occasionsTotal = countOccasions([...single.occasions, ...single.linkedOccasions]);
        expect(s.courseOfConduct.met).toBe(occasionsTotal >= 2 || s.breaches.total >= 2);
      }),
    );
  });

  it('adding an occasion never takes away a course of conduct', () => {
    fc.assert(
      fc.property(factsArb, occasionArb, (input, extra) => {
        const before = classify(input).courseOfConduct.met;
        const after = classify({ ...input, occasions: [...input.occasions, extra] }).courseOfConduct.met;
        expect(before && !after).toBe(false);
      }),
    );
  });

  it('derives the flags from the relationship and the channels', () => {
    fc.assert(
      fc.property(factsArb, (input) => {
        const s = classify(input);
        expect(s.flags.domesticAbuse).toBe(byCode(relationships, input.relationship).personallyConnected);
        const all = [...input.occasions, ...input.linkedOccasions];
        expect(s.flags.cyberEnabled).toBe(all.some((o) => o.channels.some((c) => byCode(channels, c).cyberEnabled)));
      }),
    );
  });

  it('explains every step in complete plain-English sentences and does not change the facts', () => {
    fc.assert(
      fc.property(factsArb, policyArb, (input, policy) => {
        const copy = structuredClone(input);
        const s = classify(input, policy);
        expect(input).toEqual(copy);
        expect(s.reasons.length).toBeGreaterThanOrEqual(4);
        for (const message of [...s.reasons, ...s.prompts, ...Object.values(s.four.indicators).flatMap((i) => i.evidence)]) {
          expect(message.code).toMatch(/^[a-z][A-Za-z]+$/);
          expect(message.text).toMatch(/^[A-Z0-9].*[.]$/);
          expect(message.text).not.toMatch(/undefined|null|NaN|\s{2}/);
        }
      }),
    );
  });
});

describe('crimeRecordingDeadline', () => {
  it('is the policy number of hours after the report', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 168 }), (reportedAt, hours) => {
        const policy = { ...westYorkshireClassificationPolicy, crimeRecordingDeadlineHours: hours };
        expect(crimeRecordingDeadline(reportedAt, policy).getTime() - reportedAt.getTime()).toBe(hours * 3_600_000);
      }),
    );
  });

  it('defaults to 24 hours under West Yorkshire policy', () => {
    expect(crimeRecordingDeadline(new Date('2025-03-03T09:30:00Z')).toISOString()).toBe('2025-03-04T09:30:00.000Z');
  });
});
