/** Builders for classification facts in tests: sensible defaults, override what matters. */
import type { ClassificationFacts, LinkedOccasion, Occasion } from './types.ts';

/** An occasion of in-person contact on 3 March 2025, with no fear, aggravation or breach. */
export function occasion(overrides: Partial<Occasion> = {}): Occasion {
  return {
    date: '2025-03-03',
    channels: ['in-person'],
    behaviours: ['contacting'],
    causedFearOfViolence: false,
    raciallyOrReligiouslyAggravated: false,
    ...overrides,
  };
}

/** An occasion from a linked earlier report. */
export function linked(overrides: Partial<LinkedOccasion> = {}): LinkedOccasion {
  return { ...occasion({ date: '2025-02-17' }), ...overrides };
}

/** Facts for one victim and a known acquaintance, with no occasions yet. */
export function facts(overrides: Partial<ClassificationFacts> = {}): ClassificationFacts {
  return {
    callerCapacity: 'victim',
    relationship: 'acquaintance',
    victims: ['V1'],
    suspectKnown: true,
    occasions: [],
    linkedOccasions: [],
    effects: [],
    indicators: [],
    activeOrders: [],
    earlierBreachesSinceOrder: 0,
    otherCrimes: [],
    ...overrides,
  };
}

/** `count` separate occasions on consecutive days from 3 March 2025, each built from `overrides`. */
export function occasions(count: number, overrides: Partial<Occasion> = {}): Occasion[] {
  return Array.from({ length: count }, (_, index) =>
    occasion({ date: `2025-03-${String(3 + index).padStart(2, '0')}`, ...overrides }),
  );
}
