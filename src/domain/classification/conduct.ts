/**
 * Counting the conduct: occasions, course of conduct, breaches of orders,
 * acts associated with stalking and the derived flags. DOMAIN.md §2–3.
 */
import { byCode } from './lookup.ts';
import { behaviours, channels, relationships } from './intake-options.ts';
import type { BehaviourCode, ChannelCode } from './intake-options.ts';
import type { BreachTally, ClassificationFacts, CourseOfConduct, Occasion } from './types.ts';

/** How many occasions one entry stands for (each of its `times`, at least one). */
export function timesOf(occasion: Occasion): number {
  return Math.max(1, Math.trunc(occasion.times ?? 1));
}

/** The number of occasions in a list, counting each of the times on each entry. */
export function countOccasions(occasions: readonly Occasion[]): number {
  return occasions.reduce((sum, occasion) => sum + timesOf(occasion), 0);
}

/** All occasions the rules consider: this report's and the linked earlier ones. */
export function allOccasions(facts: ClassificationFacts): readonly Occasion[] {
  return [...facts.occasions, ...facts.linkedOccasions];
}

/** Breaches in this report, before it, and in all. Linked breaches and the earlier count are not added twice. */
export function tallyBreaches(facts: ClassificationFacts): BreachTally {
  const breaching = (occasions: readonly Occasion[]) => occasions.filter((o) => o.breachedOrder !== undefined);
  const inReport = countOccasions(breaching(facts.occasions));
  const earlier = Math.max(facts.earlierBreachesSinceOrder, countOccasions(breaching(facts.linkedOccasions)));
  const ordersBreached = [
    ...new Set(breaching(facts.occasions).flatMap((o) => (o.breachedOrder === undefined ? [] : [o.breachedOrder]))),
  ];
  return { inReport, earlier, total: inReport + earlier, ordersBreached };
}

type Basis = CourseOfConduct['basis'];

/**
 * The legal test (PHA 1997 s7(3)): at least two occasions for one person; for
 * two or more people, at least one occasion each. A single act aimed at
 * several people at once is not treated as a course of conduct: there must be
 * at least two occasions in all. A second breach after an order is also a
 * course of conduct (002).
 */
function basisOf(victims: readonly string[], occasions: readonly Occasion[], breaches: number): Basis {
  const perVictim = victims.map((victim) =>
    countOccasions(occasions.filter((o) => o.victims === undefined || o.victims.includes(victim))),
  );
  if (perVictim.some((count) => count >= 2)) return 'occasions';
  if (victims.length >= 2 && perVictim.every((count) => count >= 1) && countOccasions(occasions) >= 2) {
    return 'victims';
  }
  return breaches >= 2 ? 'breaches' : null;
}

/** Whether the conduct, counting linked earlier reports, is a course of conduct. */
export function assessCourseOfConduct(facts: ClassificationFacts, breaches: BreachTally): CourseOfConduct {
  const victims = facts.victims.length > 0 ? facts.victims : ['the victim'];
  const basis = basisOf(victims, allOccasions(facts), breaches.total);
  const basisWithoutLinks = basisOf(victims, facts.occasions, breaches.inReport);
  return {
    met: basis !== null,
    basis,
    occasionsInReport: countOccasions(facts.occasions),
    linkedOccasions: countOccasions(facts.linkedOccasions),
    metThroughLinkedReports: basis !== null && basisWithoutLinks === null,
  };
}

/** Acts associated with stalking on any occasion, in reference-list order. */
export function stalkingActsIn(occasions: readonly Occasion[]): BehaviourCode[] {
  const seen = new Set(occasions.flatMap((o) => o.behaviours));
  return behaviours.filter((b) => b.stalkingAct !== undefined && seen.has(b.code)).map((b) => b.code);
}

/** Channels used on any occasion, in reference-list order. */
export function channelsUsed(occasions: readonly Occasion[]): ChannelCode[] {
  const seen = new Set(occasions.flatMap((o) => o.channels));
  return channels.filter((c) => seen.has(c.code)).map((c) => c.code);
}

/** Channels on any occasion that make the offence cyber-enabled. */
export function cyberChannelsUsed(occasions: readonly Occasion[]): ChannelCode[] {
  return channelsUsed(occasions).filter((code) => byCode(channels, code).cyberEnabled);
}

/** Domestic abuse: the suspect and victim are personally connected. */
export function isDomesticAbuse(facts: ClassificationFacts): boolean {
  return byCode(relationships, facts.relationship).personallyConnected;
}

/** How many occasions (each time counted) caused the victim to fear violence. */
export function fearOfViolenceOccasions(occasions: readonly Occasion[]): number {
  return countOccasions(occasions.filter((o) => o.causedFearOfViolence));
}
