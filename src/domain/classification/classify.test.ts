import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import type { ChannelCode, EffectCode, OtherCrimeKindCode, RelationshipCode } from './intake-options.ts';
import type { OffenceCode } from './offences.ts';
import { westYorkshireClassificationPolicy } from './policy.ts';
import type { ClassificationPolicy } from './policy.ts';
import { facts, linked, occasion, occasions } from './test-fixtures.ts';
import type { ClassificationFacts, CodedMessage, OtherCrimeDecision } from './types.ts';

const codes = (messages: readonly CodedMessage[]) => messages.map((m) => m.code);
const policy = (overrides: Partial<ClassificationPolicy>): ClassificationPolicy => ({
  ...westYorkshireClassificationPolicy,
  ...overrides,
});

/** Ex-partner conduct: stalking under the ex-partner rule. */
const exPartner = (overrides: Partial<ClassificationFacts>) => facts({ relationship: 'ex-intimate-partner', ...overrides });
/** A neighbour making threats: no acts associated with stalking, so harassment. */
const threats = (count: number, fearOn: number) =>
  Array.from({ length: count }, (_, i) =>
    occasion({ date: `2025-03-0${i + 1}`, behaviours: ['threats-of-violence'], causedFearOfViolence: i < fearOn }),
  );

describe('course of conduct', () => {
  it.each([
    ['no occasions', [], false],
    ['exactly one occasion', occasions(1), false],
    ['two occasions', occasions(2), true],
    ['one entry that happened twice', [occasion({ times: 2 })], true],
    ['three occasions', occasions(3), true],
  ])('%s → met: %s', (_label, list, met) => {
    const suggestion = classify(facts({ occasions: list }));
    expect(suggestion.courseOfConduct.met).toBe(met);
    expect(codes(suggestion.reasons)).toContain(met ? 'courseOfConductOccasions' : 'noCourseOfConduct');
  });

  it('exactly one occasion is not harassment or stalking, and says so', () => {
    const suggestion = classify(facts({ occasions: occasions(1) }));
    expect(suggestion.principal).toBeNull();
    expect(suggestion.isCrime).toBe(false);
    expect(suggestion.reasons.find((r) => r.code === 'noCourseOfConduct')?.text).toBe(
      'Only one occasion: no course of conduct, so this is not harassment or stalking.',
    );
    expect(codes(suggestion.reasons)).toContain('nonCrime');
  });

  it('counts a linked earlier occasion, and says the course of conduct rests on it', () => {
    const suggestion = classify(facts({ occasions: occasions(1), linkedOccasions: [linked()] }));
    expect(suggestion.courseOfConduct).toMatchObject({ met: true, occasionsInReport: 1, linkedOccasions: 1, metThroughLinkedReports: true });
    expect(suggestion.reasons[0]?.text).toBe('1 occasion in this report and 1 occasion from linked earlier reports.');
  });

  it.each([
    ['one occasion each towards two victims', [['A'], ['B']], 'victims'],
    ['one shared occasion towards both victims', [['A', 'B']], null],
    ['one occasion towards only one of two victims', [['A']], null],
    ['two occasions towards one of two victims', [['A'], ['A']], 'occasions'],
    ['occasions not attributed count for every victim', [undefined, undefined], 'occasions'],
  ] as const)('two victims, %s → basis %s', (_label, targets, basis) => {
    const list = targets.map((victims, i) => occasion({ date: `2025-03-0${i + 1}`, ...(victims ? { victims } : {}) }));
    const suggestion = classify(facts({ victims: ['A', 'B'], occasions: list }));
    expect(suggestion.courseOfConduct.basis).toBe(basis);
  });
});

describe('stalking or harassment', () => {
  it.each<[string, RelationshipCode, ClassificationPolicy, OffenceCode]>([
    ['ex-partner, rule on', 'ex-intimate-partner', westYorkshireClassificationPolicy, 'stalking'],
    ['ex-partner, rule off', 'ex-intimate-partner', policy({ exPartnerHarassmentIsStalking: false }), 'harassment'],
    ['acquaintance', 'acquaintance', westYorkshireClassificationPolicy, 'harassment'],
  ])('two contacts with no fixation or obsession: %s → %s', (_label, relationship, chosenPolicy, expected) => {
    const suggestion = classify(facts({ relationship, occasions: occasions(2) }), chosenPolicy);
    expect(suggestion.principal).toBe(expected);
    expect(suggestion.exPartnerRule).toBe(expected === 'stalking');
  });

  it('acts associated with stalking without fixation or obsession suggest harassment, saying think stalking first', () => {
    const suggestion = classify(facts({ occasions: occasions(2) }));
    expect(suggestion.principal).toBe('harassment');
    expect(suggestion.stalkingIndicatorsPresent).toBe(true);
    expect(suggestion.reasons.find((r) => r.code === 'harassmentNotStalking')?.text).toContain('Think stalking first');
  });

  it('suggests stalking on acts alone when the policy does not need fixation or obsession', () => {
    const suggestion = classify(facts({ occasions: occasions(2) }), policy({ stalkingNeedsFixationOrObsession: false }));
    expect(suggestion.principal).toBe('stalking');
    expect(codes(suggestion.reasons)).toContain('stalkingFromActs');
  });

  it('fixation alone (frequent contact) is enough with acts associated with stalking', () => {
    const suggestion = classify(facts({ occasions: [occasion({ times: 10, channels: ['text'] })] }));
    expect(suggestion.four.indicators.fixated.present).toBe(true);
    expect(suggestion.principal).toBe('stalking');
  });

  it('no acts associated with stalking: harassment, with no stalking indicators', () => {
    const suggestion = classify(facts({ relationship: 'neighbour', occasions: threats(2, 0) }));
    expect(suggestion.principal).toBe('harassment');
    expect(suggestion.stalkingIndicatorsPresent).toBe(false);
    expect(codes(suggestion.reasons)).toContain('noStalkingActs');
  });

  it('P4-like stranger stalking is not domestic abuse', () => {
    const suggestion = classify(
      facts({ relationship: 'stranger', occasions: [occasion({ behaviours: ['following'] }), occasion({ behaviours: ['unwanted-gifts'] })] }),
    );
    expect(suggestion.principal).toBe('stalking');
    expect(suggestion.flags.domesticAbuse).toBe(false);
  });
});

describe('fear of violence (s4, s4A)', () => {
  it.each([
    [0, 'harassment', 'stalking'],
    [1, 'harassment', 'stalking'],
    [2, 'harassment-fear-of-violence', 'stalking-fear-alarm-distress'],
    [3, 'harassment-fear-of-violence', 'stalking-fear-alarm-distress'],
  ] as const)('fear on %i of 3 occasions → %s / %s', (fearOn, harassment, stalking) => {
    expect(classify(facts({ relationship: 'neighbour', occasions: threats(3, fearOn) })).principal).toBe(harassment);
    expect(classify(exPartner({ occasions: threats(3, fearOn) })).principal).toBe(stalking);
  });

  it('fear on one occasion explains that the test is not met', () => {
    const suggestion = classify(facts({ relationship: 'neighbour', occasions: threats(2, 1) }));
    expect(suggestion.reasons.find((r) => r.code === 'fearOfViolenceNotMet')?.text).toBe(
      'The victim feared violence on only one occasion: the fear of violence test (at least two occasions) is not met.',
    );
  });

  it('an effect of fear with fewer than two occasions marked prompts the officer to check each occasion', () => {
    const suggestion = classify(facts({ relationship: 'neighbour', occasions: threats(2, 1), effects: ['fear-of-violence'] }));
    expect(codes(suggestion.prompts)).toContain('recordFearOccasions');
  });
});

describe('serious alarm or distress with a substantial adverse effect (s4A)', () => {
  it.each<[string, EffectCode[], OffenceCode, string | null]>([
    ['neither', [], 'stalking', null],
    ['serious alarm without a change to daily life', ['serious-alarm-or-distress'], 'stalking', 'seriousAlarmWithoutChange'],
    ['a change to daily life without serious alarm', ['moved-home'], 'stalking', 'changeWithoutSeriousAlarm'],
    ['serious alarm and moving home', ['serious-alarm-or-distress', 'moved-home'], 'stalking-fear-alarm-distress', 'seriousAlarmMet'],
    ['serious alarm and changing job', ['serious-alarm-or-distress', 'changed-job'], 'stalking-fear-alarm-distress', 'seriousAlarmMet'],
  ])('stalking with %s → %s', (_label, effectList, expected, reason) => {
    const suggestion = classify(exPartner({ occasions: occasions(2), effects: effectList }));
    expect(suggestion.principal).toBe(expected);
    if (reason !== null) expect(codes(suggestion.reasons)).toContain(reason);
  });

  it('does not raise harassment to s4 (which has no serious alarm limb) but prompts to consider stalking', () => {
    const suggestion = classify(
      facts({ relationship: 'neighbour', occasions: threats(2, 0), effects: ['serious-alarm-or-distress', 'stopped-going-out'] }),
    );
    expect(suggestion.principal).toBe('harassment');
    expect(codes(suggestion.prompts)).toContain('considerStalking');
  });
});

describe('controlling or coercive behaviour (s76)', () => {
  it.each<[string, RelationshipCode, boolean | undefined, ClassificationPolicy, OffenceCode, string]>([
    ['current partner', 'current-intimate-partner', true, westYorkshireClassificationPolicy, 'controlling-or-coercive-behaviour', 'coerciveControl'],
    ['family member', 'family', true, westYorkshireClassificationPolicy, 'controlling-or-coercive-behaviour', 'coerciveControl'],
    ['ex-partner', 'ex-intimate-partner', true, westYorkshireClassificationPolicy, 'stalking', 'coerciveControlNotCovered'],
    [
      'ex-partner, policy covering former partners',
      'ex-intimate-partner',
      true,
      policy({ coerciveControlRelationships: ['current-intimate-partner', 'ex-intimate-partner', 'family'] }),
      'controlling-or-coercive-behaviour',
      'coerciveControl',
    ],
    ['current partner, not coercive', 'current-intimate-partner', false, westYorkshireClassificationPolicy, 'harassment', 'harassmentNotStalking'],
  ])('%s → %s', (_label, relationship, controllingOrCoercive, chosenPolicy, expected, reason) => {
    const suggestion = classify(
      facts({ relationship, occasions: occasions(2), ...(controllingOrCoercive === undefined ? {} : { controllingOrCoercive }) }),
      chosenPolicy,
    );
    expect(suggestion.principal).toBe(expected);
    expect(codes(suggestion.reasons)).toContain(reason);
  });

  it('prompts to consider s76 for a current partner when it has not been considered', () => {
    const suggestion = classify(facts({ relationship: 'current-intimate-partner', occasions: occasions(2) }));
    expect(codes(suggestion.prompts)).toContain('considerCoerciveControl');
    expect(suggestion.principal).toBe('harassment');
  });

  it('does not prompt for s76 for an ex-partner', () => {
    expect(codes(classify(exPartner({ occasions: occasions(2) })).prompts)).not.toContain('considerCoerciveControl');
  });
});

describe('racially or religiously aggravated harassment', () => {
  it.each<[string, ClassificationFacts, OffenceCode]>([
    ['harassment', facts({ relationship: 'neighbour', occasions: [...threats(1, 0), occasion({ raciallyOrReligiouslyAggravated: true })] }), 'racially-or-religiously-aggravated-harassment'],
    ['stalking', exPartner({ occasions: [occasion(), occasion({ raciallyOrReligiouslyAggravated: true })] }), 'racially-or-religiously-aggravated-harassment'],
    [
      'harassment with fear on two occasions',
      facts({ relationship: 'neighbour', occasions: threats(2, 2).map((o) => ({ ...o, raciallyOrReligiouslyAggravated: true })) }),
      'racially-or-religiously-aggravated-harassment-fear',
    ],
  ])('%s → %s', (_label, input, expected) => {
    const suggestion = classify(input);
    expect(suggestion.principal).toBe(expected);
    expect(codes(suggestion.reasons)).toContain('raciallyOrReligiouslyAggravated');
  });

  it('a single aggravated occasion is still no course of conduct', () => {
    expect(classify(facts({ occasions: [occasion({ raciallyOrReligiouslyAggravated: true })] })).principal).toBeNull();
  });
});

describe('malicious communications', () => {
  it.each<[string, ChannelCode, ('threats-of-violence' | 'image-based-abuse' | 'contacting')[], OffenceCode | null]>([
    ['a threatening text', 'text', ['threats-of-violence'], 'malicious-communications'],
    ['a threatening social media message', 'social-media', ['threats-of-violence'], 'malicious-communications'],
    ['an email with image-based abuse', 'email', ['image-based-abuse'], 'malicious-communications'],
    ['a threat made in person', 'in-person', ['threats-of-violence'], null],
    ['a threatening phone call', 'phone-call', ['threats-of-violence'], null],
    ['an email with no threat or indecent content', 'email', ['contacting'], null],
  ])('only one occasion, %s → %s', (_label, channel, behaviourList, expected) => {
    const suggestion = classify(facts({ occasions: [occasion({ channels: [channel], behaviours: behaviourList })] }));
    expect(suggestion.principal).toBe(expected);
    expect(suggestion.isCrime).toBe(expected !== null);
  });

  it('is never suggested where there is a course of conduct', () => {
    const suggestion = classify(facts({ occasions: occasions(2, { channels: ['text'], behaviours: ['threats-of-violence'] }) }));
    expect([suggestion.principal, ...suggestion.alsoRecord]).not.toContain('malicious-communications');
    expect(suggestion.reasons.find((r) => r.code === 'maliciousCommunicationsSuperseded')?.text).toBe(
      'The messages are part of a course of conduct: record harassment rather than malicious communications.',
    );
  });
});

describe('breaches of orders', () => {
  const order = { type: 'restraining-order' } as const;
  const breach = { breachedOrder: 'restraining-order' } as const;

  it.each([
    ['one breach, no earlier breaches', 0, ['breach-restraining-order'], false],
    ['one breach after one earlier breach', 1, ['breach-restraining-order', 'stalking'], true],
    ['one breach after three earlier breaches', 3, ['breach-restraining-order', 'stalking'], true],
  ] as const)('%s → %j', (_label, earlier, expected, prompted) => {
    const suggestion = classify(
      exPartner({ activeOrders: [order], occasions: [occasion(breach)], earlierBreachesSinceOrder: earlier }),
    );
    expect([suggestion.principal, ...suggestion.alsoRecord]).toEqual(expected);
    expect(codes(suggestion.prompts).includes('recordCourseOfConductWithBreach')).toBe(prompted);
    expect(codes(suggestion.prompts)).toContain('reassessRisk');
  });

  it('does not count an earlier breach twice when it is both linked and counted', () => {
    const suggestion = classify(
      exPartner({ activeOrders: [order], occasions: [occasion(breach)], linkedOccasions: [linked(breach)], earlierBreachesSinceOrder: 1 }),
    );
    expect(suggestion.breaches.total).toBe(2);
  });

  it('records a breach of a stalking protection order as that offence', () => {
    const suggestion = classify(
      facts({ activeOrders: [{ type: 'stalking-protection-order' }], occasions: [occasion({ breachedOrder: 'stalking-protection-order' })] }),
    );
    expect(suggestion.principal).toBe('breach-stalking-protection-order');
  });

  it('prompts to check the order when an occasion breaches an order not on record', () => {
    const suggestion = classify(facts({ occasions: [occasion(breach)] }));
    expect(codes(suggestion.prompts)).toContain('checkOrderRecord');
  });

  it('prompts to consider a breach when an order is in force and no breach is marked', () => {
    const suggestion = classify(facts({ activeOrders: [order], occasions: [occasion()] }));
    expect(suggestion.prompts.find((p) => p.code === 'considerBreach')?.text).toBe(
      'A restraining order is in force between the parties: check whether this conduct breaches it.',
    );
  });

  it('records the breach as well when the course of conduct has other occasions', () => {
    const suggestion = classify(exPartner({ activeOrders: [order], occasions: [occasion(breach), occasion()] }));
    expect(suggestion.principal).toBe('breach-restraining-order');
    expect(suggestion.alsoRecord).toEqual(['stalking']);
    expect(codes(suggestion.reasons)).toContain('breachRecordedEachTime');
  });
});

describe('principal crime and other crimes', () => {
  const oldRules = policy({ recordHarassmentRegardlessOfOtherCrimes: false });
  const stalkingFacts = (otherCrimes: OtherCrimeKindCode[]) => exPartner({ occasions: occasions(2), otherCrimes });
  const harassmentFacts = (otherCrimes: OtherCrimeKindCode[]) =>
    facts({ relationship: 'neighbour', occasions: threats(2, 0), otherCrimes });

  it.each<[string, ClassificationFacts, ClassificationPolicy, OtherCrimeDecision, OffenceCode | null]>([
    ['stalking and an assault, recorded regardless', stalkingFacts(['assault-up-to-s20']), westYorkshireClassificationPolicy, 'record-as-well', 'stalking'],
    ['stalking and an assault, principal crime rule', stalkingFacts(['assault-up-to-s20']), oldRules, 'absorbed', 'stalking'],
    ['stalking and a more serious crime, principal crime rule', stalkingFacts(['more-serious-than-s20']), oldRules, 'record-instead', null],
    ['stalking and another offence, principal crime rule', stalkingFacts(['other-offence']), oldRules, 'check-with-registrar', 'stalking'],
    ['harassment and an assault, recorded regardless', harassmentFacts(['assault-up-to-s20']), westYorkshireClassificationPolicy, 'record-as-well', 'harassment'],
    ['harassment and an assault, principal crime rule', harassmentFacts(['assault-up-to-s20']), oldRules, 'record-instead', null],
  ])('%s', (_label, input, chosenPolicy, decision, principal) => {
    const suggestion = classify(input, chosenPolicy);
    expect(suggestion.otherCrimes[0]?.decision).toBe(decision);
    expect(suggestion.principal).toBe(principal);
    expect(suggestion.isCrime).toBe(true);
  });

  it('absorbing the assault explains that stalking ranks above assaults up to s20', () => {
    const suggestion = classify(stalkingFacts(['assault-up-to-s20']), oldRules);
    expect(suggestion.reasons.find((r) => r.code === 'otherCrimeAbsorbed')?.text).toContain(
      'stalking ranks above assaults up to and including s20',
    );
    expect(codes(suggestion.prompts)).not.toContain('recordOtherCrimes');
  });

  it('a single occasion with another crime is a crime with no suggested offence of its own', () => {
    const suggestion = classify(facts({ occasions: [occasion({ behaviours: ['violence'] })], otherCrimes: ['assault-up-to-s20'] }));
    expect(suggestion).toMatchObject({ isCrime: true, principal: null });
    expect(codes(suggestion.reasons)).toContain('otherCrimeOnly');
  });

  it('prompts to consider other offences when violence or damage is reported without one', () => {
    const suggestion = classify(facts({ occasions: [occasion({ behaviours: ['violence', 'damage-to-property'] })] }));
    expect(suggestion.prompts.find((p) => p.code === 'considerOtherOffences')?.text).toBe(
      'Violence and damage to property reported: consider recording the assault, damage or other offence, applying the principal crime rule.',
    );
  });
});

describe('flags', () => {
  it.each<[RelationshipCode, boolean]>([
    ['current-intimate-partner', true],
    ['ex-intimate-partner', true],
    ['family', true],
    ['acquaintance', false],
    ['colleague-or-client', false],
    ['neighbour', false],
    ['stranger', false],
    ['unknown', false],
  ])('domestic abuse for %s: %s', (relationship, expected) => {
    const suggestion = classify(facts({ relationship, occasions: occasions(1) }));
    expect(suggestion.flags.domesticAbuse).toBe(expected);
    expect(codes(suggestion.reasons)).toContain(expected ? 'domesticAbuse' : 'notDomesticAbuse');
  });

  it.each<[ChannelCode, boolean]>([
    ['in-person', false],
    ['phone-call', true],
    ['text', true],
    ['social-media', true],
    ['email', true],
    ['tracking-device-or-app', true],
    ['through-third-parties', false],
    ['other', false],
  ])('cyber-enabled for %s: %s', (channel, expected) => {
    expect(classify(facts({ occasions: [occasion({ channels: [channel] })] })).flags.cyberEnabled).toBe(expected);
  });

  it('counts a cyber-enabled linked occasion that is part of the course of conduct', () => {
    const suggestion = classify(facts({ occasions: occasions(1), linkedOccasions: [linked({ channels: ['email'] })] }));
    expect(suggestion.flags.cyberEnabled).toBe(true);
  });
});

describe('other prompts and reasons', () => {
  it('explains that an unknown suspect does not stop recording', () => {
    expect(codes(classify(facts({ suspectKnown: false, occasions: occasions(2) })).reasons)).toContain('suspectUnknown');
  });

  it('asks to check the relationship for an honour-based abuse concern without a domestic link', () => {
    const suggestion = classify(facts({ relationship: 'acquaintance', indicators: ['honour-based-abuse'], occasions: occasions(2) }));
    expect(codes(suggestion.prompts)).toContain('checkHonourBasedAbuse');
  });

  it('flags involvement of the force workforce', () => {
    const suggestion = classify(facts({ indicators: ['suspect-works-for-force'], occasions: occasions(2) }));
    expect(codes(suggestion.prompts)).toContain('workforceInvolved');
  });

  it('asks for a risk reassessment when a further incident is linked to a known pattern', () => {
    const suggestion = classify(facts({ occasions: occasions(1), linkedOccasions: [linked()] }));
    expect(suggestion.prompts.find((p) => p.code === 'reassessRisk')?.text).toContain('further incident in a known pattern');
  });

  it('marks an unverified Home Office code in the principal offence reason', () => {
    const suggestion = classify(exPartner({ activeOrders: [{ type: 'restraining-order' }], occasions: [occasion({ breachedOrder: 'restraining-order' })] }));
    expect(suggestion.reasons.find((r) => r.code === 'principalOffence')?.text).toContain('Home Office 8L, to be confirmed');
  });
});
