import { describe, expect, it } from 'vitest';
import { auditFindings } from './audit.ts';
import type { RecordedClassification } from './audit.ts';
import { NON_CRIME } from './choice.ts';
import { classify } from './classify.ts';
import { facts, linked, occasion, occasions } from './test-fixtures.ts';
import type { ClassificationSuggestion } from './types.ts';

const exPartnerStalking = classify(facts({ relationship: 'ex-intimate-partner', occasions: occasions(2) }));
const harassmentWithIndicators = classify(facts({ occasions: occasions(2) }));
const plainHarassment = classify(
  facts({ relationship: 'neighbour', occasions: occasions(2, { behaviours: ['threats-of-violence'] }) }),
);
const maliciousSeries = classify(
  facts({
    occasions: [occasion({ channels: ['text'], behaviours: ['threats-of-violence'] })],
    linkedOccasions: [
      linked({ channels: ['text'], behaviours: ['threats-of-violence'], recordedAs: 'malicious-communications' }),
      linked({ date: '2025-02-20', channels: ['text'], behaviours: ['threats-of-violence'], recordedAs: 'malicious-communications' }),
    ],
  }),
);
const repeatedBreaches = classify(
  facts({
    relationship: 'ex-intimate-partner',
    activeOrders: [{ type: 'restraining-order' }],
    occasions: [occasion({ breachedOrder: 'restraining-order' })],
    earlierBreachesSinceOrder: 2,
  }),
);
const singleBreach = classify(
  facts({ activeOrders: [{ type: 'restraining-order' }], occasions: [occasion({ breachedOrder: 'restraining-order' })] }),
);
const fourMet = classify(
  facts({ relationship: 'stranger', occasions: [occasion({ times: 10, channels: ['text'] }), occasion({ behaviours: ['following'] })] }),
);
const noCrime = classify(facts({ occasions: occasions(1) }));

const recorded = (principal: RecordedClassification['principal'], rest: Partial<RecordedClassification> = {}) => ({
  principal,
  alsoRecord: [],
  ...rest,
});

describe('auditFindings', () => {
  it.each<[string, RecordedClassification, ClassificationSuggestion, string[]]>([
    ['harassment where the rules suggest stalking', recorded('harassment'), exPartnerStalking, ['harassmentWithStalkingIndicators']],
    [
      'harassment where the rules suggest stalking, even with a reason',
      recorded('harassment', { rationale: 'Not fixated.' }),
      exPartnerStalking,
      ['harassmentWithStalkingIndicators'],
    ],
    ['harassment with stalking indicators and no reason', recorded('harassment'), harassmentWithIndicators, ['harassmentWithStalkingIndicators']],
    ['harassment with stalking indicators and a reason', recorded('harassment', { rationale: 'A business dispute.' }), harassmentWithIndicators, []],
    ['harassment with no stalking indicators', recorded('harassment'), plainHarassment, []],
    ['malicious communications in a series', recorded('malicious-communications'), maliciousSeries, ['maliciousCommunicationsSeries']],
    ['repeated breaches recorded only as a breach', recorded('breach-restraining-order'), repeatedBreaches, ['repeatedBreachesOnlyAsBreaches']],
    [
      'repeated breaches recorded with stalking',
      recorded('breach-restraining-order', { alsoRecord: ['stalking'] }),
      repeatedBreaches,
      ['stalkingWithoutFour'],
    ],
    ['a single breach recorded as a breach', recorded('breach-restraining-order'), singleBreach, []],
    ['a harassment incident not recorded as a crime', recorded(NON_CRIME), plainHarassment, ['harassmentNotRecordedAsCrime']],
    ['a non-crime where the rules find no crime', recorded(NON_CRIME), noCrime, []],
    ['stalking without FOUR met', recorded('stalking'), exPartnerStalking, ['stalkingWithoutFour']],
    ['stalking with FOUR met', recorded('stalking'), fourMet, []],
  ])('%s', (_label, record, suggestion, expected) => {
    expect(auditFindings({ recorded: record, suggestion }).map((f) => f.code)).toEqual(expected);
  });

  it('words each finding in plain English with the details', () => {
    const [harassment] = auditFindings({ recorded: recorded('harassment'), suggestion: exPartnerStalking });
    expect(harassment?.text).toBe(
      'Recorded as harassment although the report shows acts associated with stalking (contacting or attempting to contact) and an ex-partner, whose harassment force policy records as stalking. No reason was given for why it is not stalking.',
    );
    const [breaches] = auditFindings({ recorded: recorded('breach-restraining-order'), suggestion: repeatedBreaches });
    expect(breaches?.text).toContain('3 breaches since the order was made');
    const [series] = auditFindings({ recorded: recorded('malicious-communications'), suggestion: maliciousSeries });
    expect(series?.text).toContain('3 occasions from the same sender');
    const [nonCrime] = auditFindings({ recorded: recorded(NON_CRIME, { rationale: 'Victim withdrew.' }), suggestion: plainHarassment });
    expect(nonCrime?.text).toBe(
      'Recorded as a non-crime incident although there is a course of conduct (2 occasions). Rationale given: “Victim withdrew.”.',
    );
  });
});
