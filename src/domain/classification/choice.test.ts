import { describe, expect, it } from 'vitest';
import { NON_CRIME, reviewClassificationChoice, validateClassificationChoice } from './choice.ts';
import type { ClassificationChoice } from './choice.ts';
import { classify } from './classify.ts';
import { facts, occasion, occasions } from './test-fixtures.ts';
import type { ClassificationSuggestion } from './types.ts';

/** Two contacts from an acquaintance: harassment suggested, stalking indicators present (contacting). */
const harassmentWithIndicators = classify(facts({ occasions: occasions(2) }));
/** Two threats from a neighbour: harassment, no stalking indicators. */
const plainHarassment = classify(
  facts({ relationship: 'neighbour', occasions: occasions(2, { behaviours: ['threats-of-violence'] }) }),
);
/** One in-person contact: no crime. */
const noCrime = classify(facts({ occasions: occasions(1) }));
/** Ex-partner stalking without FOUR met (no obsession). */
const stalking = classify(facts({ relationship: 'ex-intimate-partner', occasions: occasions(2) }));

describe('validateClassificationChoice', () => {
  it.each<[string, ClassificationChoice, ClassificationSuggestion, string | undefined, { field: string }[]]>([
    ['harassment with stalking indicators and no reason', { principal: 'harassment' }, harassmentWithIndicators, undefined, [{ field: 'rationale' }]],
    ['harassment with stalking indicators and a blank reason', { principal: 'harassment' }, harassmentWithIndicators, '   ', [{ field: 'rationale' }]],
    ['harassment with stalking indicators and a reason', { principal: 'harassment' }, harassmentWithIndicators, 'Single dispute about a debt; no fixation.', []],
    ['s4 harassment with stalking indicators and no reason', { principal: 'harassment-fear-of-violence' }, harassmentWithIndicators, undefined, [{ field: 'rationale' }]],
    ['harassment without stalking indicators', { principal: 'harassment' }, plainHarassment, undefined, []],
    ['stalking where harassment was suggested', { principal: 'stalking' }, harassmentWithIndicators, undefined, []],
    ['non-crime where a course of conduct exists, no rationale', { principal: NON_CRIME }, plainHarassment, undefined, [{ field: 'rationale' }]],
    ['non-crime where a course of conduct exists, with rationale', { principal: NON_CRIME }, plainHarassment, 'Victim confirms both calls were from her bank.', []],
    ['non-crime where the rules find no crime', { principal: NON_CRIME }, noCrime, undefined, []],
    ['stalking without FOUR met (allowed)', { principal: 'stalking' }, stalking, undefined, []],
    ['an unknown principal code', { principal: 'stalking-s9' }, stalking, undefined, [{ field: 'principal' }]],
    ['no principal', { principal: '' }, stalking, undefined, [{ field: 'principal' }]],
    ['an unknown also-record code', { principal: 'stalking', alsoRecord: ['breach-of-bail'] }, stalking, undefined, [{ field: 'alsoRecord[0]' }]],
    ['the principal repeated in also-record', { principal: 'stalking', alsoRecord: ['stalking'] }, stalking, undefined, [{ field: 'alsoRecord[0]' }]],
    ['non-crime with offences', { principal: NON_CRIME, alsoRecord: ['stalking'] }, noCrime, undefined, [{ field: 'alsoRecord' }]],
  ])('%s', (_label, chosen, suggestion, rationale, expected) => {
    const errors = validateClassificationChoice(chosen, suggestion, rationale);
    expect(errors.map(({ field }) => ({ field }))).toEqual(expected);
    for (const error of errors) expect(error.message.length).toBeGreaterThan(20);
  });

  it('says what points to stalking when asking why it is not stalking', () => {
    const [error] = validateClassificationChoice({ principal: 'harassment' }, harassmentWithIndicators, undefined);
    expect(error?.message).toBe(
      'Explain why this is not stalking. The report shows acts associated with stalking (contacting or attempting to contact).',
    );
  });

  it('mentions the ex-partner rule and the course of conduct when asking for a non-crime rationale', () => {
    const [error] = validateClassificationChoice({ principal: NON_CRIME }, stalking, '');
    expect(error?.message).toBe(
      'Explain why this is not being recorded as a crime: there is a course of conduct (2 occasions).',
    );
    const [harassmentError] = validateClassificationChoice({ principal: 'harassment' }, stalking, undefined);
    expect(harassmentError?.message).toContain('an ex-partner, whose harassment force policy records as stalking');
  });

  it('names the unknown code', () => {
    const [error] = validateClassificationChoice({ principal: '8Q' }, stalking, undefined);
    expect(error?.message).toBe('“8Q” is not a classification this system recognises: choose one from the list.');
  });
});

describe('reviewClassificationChoice', () => {
  it('reports stalking recorded without FOUR met, naming what is missing', () => {
    const notices = reviewClassificationChoice({ principal: 'stalking' }, stalking);
    expect(notices.map((n) => n.code)).toEqual(['stalkingWithoutFour']);
    expect(notices[0]?.text).toContain('no evidence yet of fixated and obsessive');
  });

  it('says when the chosen principal differs from the suggestion', () => {
    const notices = reviewClassificationChoice({ principal: 'harassment' }, stalking);
    expect(notices.find((n) => n.code === 'differsFromSuggestion')?.text).toBe(
      'You chose harassment; the rules suggest stalking.',
    );
  });

  it('says which suggested offences were left out', () => {
    const breaches = classify(
      facts({
        relationship: 'ex-intimate-partner',
        activeOrders: [{ type: 'restraining-order' }],
        occasions: [occasion({ breachedOrder: 'restraining-order' })],
        earlierBreachesSinceOrder: 1,
      }),
    );
    const notices = reviewClassificationChoice({ principal: 'breach-restraining-order' }, breaches);
    expect(notices.find((n) => n.code === 'missingAlsoRecord')?.text).toBe('The rules suggest recording stalking as well.');
  });

  it('has nothing to say when the choice matches a suggestion with FOUR met', () => {
    const fourMet = classify(
      facts({ relationship: 'stranger', occasions: [occasion({ times: 10, channels: ['text'] }), occasion({ behaviours: ['following'] })] }),
    );
    expect(fourMet.four.met).toBe(true);
    expect(reviewClassificationChoice({ principal: 'stalking' }, fourMet)).toEqual([]);
  });
});
