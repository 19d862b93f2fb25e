import type { ConductPolicy } from './policy.ts';

/** What is known about a suspect's victims when a report joins or opens a case. */
export interface SuspectVictims {
  /** Distinct victims across every case with this suspect. */
  readonly victims: number;
  /** The victim count when the last serial perpetrator alert was raised; 0 if never. */
  readonly alertedAtVictims: number;
}

export interface SerialAlertTask {
  readonly team: 'intelligence-unit' | 'scu';
  readonly title: string;
}

export interface SerialAlert {
  readonly victims: number;
  readonly reason: string;
  readonly dueWithinHours: number;
  readonly tasks: readonly SerialAlertTask[];
}

/**
 * A suspect linked to two or more victims (force policy) alerts the intelligence unit
 * and the SCU, with a task to consider PDP and MAPPA referral (issue 4; DOMAIN.md §7).
 * Raised once when the threshold is reached and again whenever another victim appears,
 * never twice for the same victims.
 */
export function serialPerpetratorAlert(suspect: SuspectVictims, policy: ConductPolicy): SerialAlert | null {
  const { minimumVictims, reviewWithinHours } = policy.serialPerpetrator;
  if (suspect.victims < minimumVictims || suspect.victims <= suspect.alertedAtVictims) return null;
  const again = suspect.alertedAtVictims >= minimumVictims;
  const reason = again
    ? `The suspect is now linked to ${suspect.victims} victims (${suspect.alertedAtVictims} when last reviewed).`
    : `The suspect is linked to ${suspect.victims} victims: a possible serial perpetrator.`;
  return {
    victims: suspect.victims,
    reason,
    dueWithinHours: reviewWithinHours,
    tasks: [
      { team: 'intelligence-unit', title: 'Possible serial perpetrator: review the intelligence picture and consider a PDP referral' },
      { team: 'scu', title: 'Possible serial perpetrator: consider PDP and MAPPA referral' },
    ],
  };
}
