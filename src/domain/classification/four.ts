/**
 * FOUR (004, 003): stalking is Fixated, Obsessive, Unwanted and Repeated.
 * Each indicator lists the evidence in the facts that supports it.
 */
import { allOccasions, channelsUsed, countOccasions, fearOfViolenceOccasions } from './conduct.ts';
import { behaviours, channels, effects } from './intake-options.ts';
import { joinAsList, labelsOf } from './lookup.ts';
import type { ClassificationPolicy } from './policy.ts';
import type {
  BreachTally,
  ClassificationFacts,
  CodedMessage,
  FourAssessment,
  FourIndicator,
  FourIndicatorAssessment,
  Occasion,
} from './types.ts';
import { fourEvidenceWording, say } from './wording.ts';

/** The FOUR indicators in mnemonic order. */
export const fourIndicators: readonly FourIndicator[] = ['fixated', 'obsessive', 'unwanted', 'repeated'];

type Evidence = CodedMessage | null;

function indicator(...evidence: readonly Evidence[]): FourIndicatorAssessment {
  const found = evidence.filter((item): item is CodedMessage => item !== null);
  return { present: found.length > 0, evidence: found };
}

/** Labels of the behaviours and channels on the occasions that show one kind of obsessive conduct. */
function obsessiveConduct(occasions: readonly Occasion[], kind: 'surveillance' | 'intrusion'): string {
  const seenBehaviours = new Set(occasions.flatMap((o) => o.behaviours));
  const seenChannels = new Set(occasions.flatMap((o) => o.channels));
  const labels = [
    ...behaviours.filter((b) => b.fourEvidence === kind && seenBehaviours.has(b.code)),
    ...channels.filter((c) => c.fourEvidence === kind && seenChannels.has(c.code)),
  ].map((entry) => entry.label.toLowerCase());
  return joinAsList(labels);
}

function fixated(facts: ClassificationFacts, breaches: BreachTally, policy: ClassificationPolicy) {
  const occasions = allOccasions(facts);
  const total = countOccasions(occasions);
  const used = channelsUsed(occasions);
  return indicator(
    total >= policy.fixationContactThreshold ? say(fourEvidenceWording, 'frequentContact', total) : null,
    used.length >= 2 ? say(fourEvidenceWording, 'severalChannels', labelsOf(channels, used)) : null,
    breaches.total > 0 ? say(fourEvidenceWording, 'persistsDespiteOrder') : null,
  );
}

function obsessive(facts: ClassificationFacts) {
  const occasions = allOccasions(facts);
  const surveillance = obsessiveConduct(occasions, 'surveillance');
  const intrusion = obsessiveConduct(occasions, 'intrusion');
  return indicator(
    surveillance === '' ? null : say(fourEvidenceWording, 'surveillance', surveillance),
    intrusion === '' ? null : say(fourEvidenceWording, 'intrusion', intrusion),
  );
}

function unwanted(facts: ClassificationFacts, breaches: BreachTally) {
  const fear = fearOfViolenceOccasions(allOccasions(facts));
  return indicator(
    facts.callerCapacity === 'victim' ? say(fourEvidenceWording, 'reportedByVictim') : null,
    facts.effects.length > 0 ? say(fourEvidenceWording, 'effectOnVictim', labelsOf(effects, facts.effects)) : null,
    fear > 0 ? say(fourEvidenceWording, 'fearOfViolence', fear) : null,
    facts.activeOrders.length > 0 || breaches.total > 0 ? say(fourEvidenceWording, 'orderInForce') : null,
  );
}

function repeated(facts: ClassificationFacts) {
  const total = countOccasions(allOccasions(facts));
  return indicator(total >= 2 ? say(fourEvidenceWording, 'repeatedOccasions', total) : null);
}

/** Assesses each FOUR indicator from the facts. */
export function assessFour(
  facts: ClassificationFacts,
  breaches: BreachTally,
  policy: ClassificationPolicy,
): FourAssessment {
  const indicators = {
    fixated: fixated(facts, breaches, policy),
    obsessive: obsessive(facts),
    unwanted: unwanted(facts, breaches),
    repeated: repeated(facts),
  };
  return { met: fourIndicators.every((name) => indicators[name].present), indicators };
}

/** The indicators that are (or are not) shown, in mnemonic order. */
export function fourIndicatorsWhere(four: FourAssessment, present: boolean): FourIndicator[] {
  return fourIndicators.filter((name) => four.indicators[name].present === present);
}
