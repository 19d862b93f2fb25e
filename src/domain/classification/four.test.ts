import { describe, expect, it } from 'vitest';
import { tallyBreaches } from './conduct.ts';
import { assessFour, fourIndicatorsWhere } from './four.ts';
import { westYorkshireClassificationPolicy } from './policy.ts';
import { facts, occasion, occasions } from './test-fixtures.ts';
import type { ClassificationFacts, FourIndicator } from './types.ts';

const four = (input: ClassificationFacts, policy = westYorkshireClassificationPolicy) =>
  assessFour(input, tallyBreaches(input), policy);
const evidenceCodes = (input: ClassificationFacts, name: FourIndicator) =>
  four(input).indicators[name].evidence.map((e) => e.code);

describe('FOUR evidence', () => {
  it.each<[FourIndicator, string, ClassificationFacts, string[]]>([
    ['fixated', 'nine contacts (below the threshold)', facts({ occasions: [occasion({ times: 9 })] }), []],
    ['fixated', 'ten contacts (at the threshold)', facts({ occasions: [occasion({ times: 10 })] }), ['frequentContact']],
    ['fixated', 'two channels', facts({ occasions: [occasion(), occasion({ channels: ['text'] })] }), ['severalChannels']],
    ['fixated', 'a breach of an order', facts({ occasions: [occasion({ breachedOrder: 'restraining-order' })] }), ['persistsDespiteOrder']],
    ['obsessive', 'following', facts({ occasions: [occasion({ behaviours: ['following'] })] }), ['surveillance']],
    ['obsessive', 'a tracking app', facts({ occasions: [occasion({ channels: ['tracking-device-or-app'] })] }), ['surveillance']],
    ['obsessive', 'unwanted gifts', facts({ occasions: [occasion({ behaviours: ['unwanted-gifts'] })] }), ['intrusion']],
    ['obsessive', 'contact through third parties', facts({ occasions: [occasion({ channels: ['through-third-parties'] })] }), ['intrusion']],
    ['obsessive', 'contacting only', facts({ occasions: occasions(2) }), []],
    ['unwanted', 'the victim reporting', facts({ callerCapacity: 'victim' }), ['reportedByVictim']],
    ['unwanted', 'a relative reporting, no effects', facts({ callerCapacity: 'relative' }), []],
    ['unwanted', 'an effect on the victim', facts({ callerCapacity: 'relative', effects: ['changed-route'] }), ['effectOnVictim']],
    [
      'unwanted',
      'fear on an occasion',
      facts({ callerCapacity: 'relative', occasions: [occasion({ causedFearOfViolence: true })] }),
      ['fearOfViolence'],
    ],
    ['unwanted', 'an order in force', facts({ callerCapacity: 'relative', activeOrders: [{ type: 'restraining-order' }] }), ['orderInForce']],
    ['repeated', 'one occasion', facts({ occasions: occasions(1) }), []],
    ['repeated', 'two occasions', facts({ occasions: occasions(2) }), ['repeatedOccasions']],
  ])('%s from %s', (name, _label, input, expected) => {
    expect(evidenceCodes(input, name)).toEqual(expected);
    expect(four(input).indicators[name].present).toBe(expected.length > 0);
  });

  it('is met only when all four indicators have evidence', () => {
    const all = facts({
      occasions: [occasion({ times: 10, channels: ['text'] }), occasion({ behaviours: ['following'] })],
    });
    expect(four(all).met).toBe(true);
    const noObsession = facts({ occasions: [occasion({ times: 10, channels: ['text'] })] });
    expect(four(noObsession).met).toBe(false);
    expect(fourIndicatorsWhere(four(noObsession), false)).toEqual(['obsessive']);
  });

  it('uses the policy threshold for frequent contact', () => {
    const input = facts({ occasions: [occasion({ times: 5 })] });
    expect(four(input).indicators.fixated.present).toBe(false);
    expect(four(input, { ...westYorkshireClassificationPolicy, fixationContactThreshold: 5 }).indicators.fixated.present).toBe(true);
  });

  it('words the evidence in plain English', () => {
    const input = facts({ occasions: [occasion({ behaviours: ['following', 'watching-or-spying'] })] });
    expect(four(input).indicators.obsessive.evidence[0]?.text).toBe(
      'Keeps track of the victim’s movements or communications: following and watching or spying.',
    );
  });
});
