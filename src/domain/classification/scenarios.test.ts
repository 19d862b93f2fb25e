import { describe, expect, it } from 'vitest';
import { classify } from './index.ts';
import { facts, linked, occasion } from './test-fixtures.ts';
import type { ClassificationSuggestion } from './types.ts';

const codes = (messages: ClassificationSuggestion['reasons']) => messages.map((m) => m.code);
const textOf = (messages: ClassificationSuggestion['reasons'], code: string) =>
  messages.find((m) => m.code === code)?.text;

describe('P1: ex-partner stalking', () => {
  const suggestion = classify(
    facts({
      relationship: 'ex-intimate-partner',
      occasions: [
        occasion({ date: '2025-03-03', until: '2025-03-06', times: 30, channels: ['text'], behaviours: ['contacting'] }),
        occasion({ date: '2025-03-04', channels: ['in-person'], behaviours: ['loitering', 'watching-or-spying'] }),
        occasion({ date: '2025-03-06', channels: ['in-person'], behaviours: ['loitering', 'watching-or-spying'] }),
      ],
    }),
  );

  it('P1: is a crime, suggested as stalking (s2A)', () => {
    expect(suggestion.isCrime).toBe(true);
    expect(suggestion.principal).toBe('stalking');
    expect(suggestion.alsoRecord).toEqual([]);
  });

  it('P1: shows the ex-partner rule, the acts associated with stalking and at least two occasions', () => {
    expect(codes(suggestion.reasons)).toEqual(
      expect.arrayContaining(['exPartnerRule', 'stalkingActsPresent', 'courseOfConductOccasions']),
    );
    expect(textOf(suggestion.reasons, 'courseOfConductOccasions')).toBe(
      '32 occasions involving the same victim: a course of conduct (at least two are needed).',
    );
    expect(textOf(suggestion.reasons, 'stalkingActsPresent')).toBe(
      'Acts associated with stalking: contacting or attempting to contact, loitering and watching or spying.',
    );
  });

  it('P1: sets the domestic abuse and cyber-enabled flags', () => {
    expect(suggestion.flags).toEqual({ domesticAbuse: true, cyberEnabled: true });
    expect(textOf(suggestion.reasons, 'cyberEnabled')).toBe('Conduct by text message: the cyber-enabled flag is set.');
  });
});

describe('P2: one email, then a second', () => {
  const firstEmail = {
    date: '2025-03-03',
    channels: ['email'],
    behaviours: ['contacting', 'threats-of-violence'],
    causedFearOfViolence: true,
  } as const;
  const report = { callerCapacity: 'employer', relationship: 'colleague-or-client' } as const;

  it('P2: a single threatening email is no course of conduct, so not harassment or stalking, and says why', () => {
    const suggestion = classify(facts({ ...report, occasions: [occasion(firstEmail)] }));
    expect(suggestion.courseOfConduct.met).toBe(false);
    expect(suggestion.principal).toBe('malicious-communications');
    expect([suggestion.principal, ...suggestion.alsoRecord]).not.toEqual(
      expect.arrayContaining(['harassment', 'stalking']),
    );
    expect(textOf(suggestion.reasons, 'noCourseOfConduct')).toBe(
      'Only one occasion: no course of conduct, so this is not harassment or stalking.',
    );
    expect(codes(suggestion.prompts)).toContain('watchForRepeat');
  });

  it('P2: a second email two weeks later, linked to the first, prompts to reconsider harassment', () => {
    const suggestion = classify(
      facts({
        ...report,
        occasions: [occasion({ date: '2025-03-17', channels: ['email'], behaviours: ['contacting'] })],
        linkedOccasions: [linked(firstEmail)],
      }),
    );
    expect(suggestion.courseOfConduct).toMatchObject({ met: true, metThroughLinkedReports: true });
    expect(suggestion.principal).toBe('harassment');
    expect(codes(suggestion.prompts)).toContain('reconsiderHarassment');
    expect(textOf(suggestion.prompts, 'reconsiderHarassment')).toContain('2 occasions involving the same people');
    expect(codes(suggestion.reasons)).toContain('maliciousCommunicationsSuperseded');
  });
});

describe('P3: breaches of a restraining order', () => {
  const order = { type: 'restraining-order', madeOn: '2024-03-01' } as const;
  const walkPast = {
    date: '2025-03-03',
    channels: ['in-person'],
    behaviours: ['other'],
    breachedOrder: 'restraining-order',
  } as const;
  const base = { relationship: 'ex-intimate-partner', activeOrders: [order] } as const;

  it('P3: one walk past her home is a breach of the order only', () => {
    const suggestion = classify(facts({ ...base, occasions: [occasion(walkPast)] }));
    expect(suggestion.principal).toBe('breach-restraining-order');
    expect(suggestion.alsoRecord).toEqual([]);
    expect(suggestion.courseOfConduct.met).toBe(false);
    expect(codes(suggestion.reasons)).toContain('breachOnly');
    expect(codes(suggestion.prompts)).not.toContain('recordCourseOfConductWithBreach');
  });

  it('P3: a message two weeks later is a second breach: course of conduct, record stalking as well, reassess risk', () => {
    const suggestion = classify(
      facts({
        ...base,
        occasions: [
          occasion({ date: '2025-03-17', channels: ['text'], behaviours: ['contacting'], breachedOrder: 'restraining-order' }),
        ],
        linkedOccasions: [linked(walkPast)],
        earlierBreachesSinceOrder: 1,
      }),
    );
    expect(suggestion.breaches).toMatchObject({ inReport: 1, earlier: 1, total: 2 });
    expect([suggestion.principal, ...suggestion.alsoRecord].sort()).toEqual(['breach-restraining-order', 'stalking']);
    expect(textOf(suggestion.prompts, 'recordCourseOfConductWithBreach')).toBe(
      'This is breach number 2 since the order was made. Two breaches after the order form a course of conduct: record stalking or harassment as well as the breach.',
    );
    expect(codes(suggestion.prompts)).toContain('reassessRisk');
    expect(codes(suggestion.prompts)).not.toContain('reconsiderHarassment');
  });

  it('P3: the earlier breach counts even when only its number is known', () => {
    const suggestion = classify(
      facts({
        ...base,
        occasions: [occasion({ channels: ['text'], breachedOrder: 'restraining-order' })],
        earlierBreachesSinceOrder: 1,
      }),
    );
    expect(suggestion.courseOfConduct.basis).toBe('breaches');
    expect(suggestion.alsoRecord).toContain('stalking');
  });
});

describe('P4: stranger stalking', () => {
  const atWork = occasion({ date: '2025-03-03', times: 4, behaviours: ['contacting', 'loitering'] });
  const gifts = occasion({ date: '2025-03-05', behaviours: ['unwanted-gifts'] });
  const busStop = occasion({ date: '2025-03-07', behaviours: ['following'] });

  it('P4: visits at work, gifts and following to the bus stop are stalking, not domestic abuse', () => {
    const suggestion = classify(facts({ relationship: 'stranger', occasions: [atWork, gifts, busStop] }));
    expect(suggestion.principal).toBe('stalking');
    expect(suggestion.flags.domesticAbuse).toBe(false);
    expect(suggestion.four.indicators.obsessive.present).toBe(true);
    expect(codes(suggestion.reasons)).toContain('stalkingWithFixationOrObsession');
    expect(codes(suggestion.reasons)).toContain('notDomesticAbuse');
    expect(codes(suggestion.prompts)).toContain('completeRiskAssessment');
  });

  it('P4: the same conduct towards her colleague makes a course of conduct against both victims', () => {
    const suggestion = classify(
      facts({
        relationship: 'stranger',
        victims: ['bank worker', 'colleague'],
        occasions: [
          occasion({ behaviours: ['following'], victims: ['bank worker'] }),
          occasion({ date: '2025-03-04', behaviours: ['following'], victims: ['colleague'] }),
        ],
      }),
    );
    expect(suggestion.courseOfConduct.basis).toBe('victims');
    expect(suggestion.principal).toBe('stalking');
  });
});

describe('P11: malicious communications series', () => {
  const message = { channels: ['text'], behaviours: ['contacting', 'threats-of-violence'] } as const;

  it('P11: a third message after two recorded as malicious communications prompts harassment or stalking', () => {
    const suggestion = classify(
      facts({
        occasions: [occasion({ ...message, date: '2025-03-10' })],
        linkedOccasions: [
          linked({ ...message, date: '2025-03-01', recordedAs: 'malicious-communications' }),
          linked({ ...message, date: '2025-03-05', recordedAs: 'malicious-communications' }),
        ],
      }),
    );
    expect(suggestion.courseOfConduct.met).toBe(true);
    expect(suggestion.principal).not.toBe('malicious-communications');
    expect(suggestion.principal).toBe('harassment');
    expect(textOf(suggestion.prompts, 'maliciousCommunicationsSeries')).toContain('3 occasions');
    expect(codes(suggestion.prompts)).not.toContain('reconsiderHarassment');
    expect(codes(suggestion.reasons)).toContain('maliciousCommunicationsSuperseded');
  });
});
