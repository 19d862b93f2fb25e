/**
 * Offences this module reasons about (DOMAIN.md §2). Codes are local to this module;
 * align them with the crime-recording module's codes when the two are wired together.
 */
export const OFFENCES = {
  s2: { title: 'Harassment (Protection from Harassment Act 1997 s2)' },
  s4: { title: 'Harassment: fear of violence (s4)' },
  s2A: { title: 'Stalking (s2A)' },
  s4A: { title: 'Stalking involving fear of violence or serious alarm or distress (s4A)' },
  'restraining-order-breach': { title: 'Breach of a restraining order (s5(5))' },
  'spo-breach': { title: 'Breach of a Stalking Protection Order (Stalking Protection Act 2019 s8)' },
  'malicious-communications': { title: 'Malicious communications (Malicious Communications Act 1988 s1)' },
  'coercive-control': { title: 'Controlling or coercive behaviour (Serious Crime Act 2015 s76)' },
  'racially-aggravated-harassment': { title: 'Racially or religiously aggravated harassment' },
} as const;

export type OffenceCode = keyof typeof OFFENCES;

/** Every offence code, in a stable order. */
export const OFFENCE_CODES = Object.keys(OFFENCES) as OffenceCode[];

/** True when the offence is one of the policy's stalking offences. */
export function isStalking(offence: OffenceCode, stalkingOffences: readonly OffenceCode[]): boolean {
  return stalkingOffences.includes(offence);
}

/** The classification module's offence codes, mapped to this module's. */
const FROM_CLASSIFICATION: Record<string, OffenceCode> = {
  harassment: 's2',
  'harassment-fear-of-violence': 's4',
  stalking: 's2A',
  'stalking-fear-alarm-distress': 's4A',
  'breach-restraining-order': 'restraining-order-breach',
  'breach-stalking-protection-order': 'spo-breach',
  'malicious-communications': 'malicious-communications',
  'controlling-or-coercive-behaviour': 'coercive-control',
  'racially-or-religiously-aggravated-harassment': 'racially-aggravated-harassment',
  'racially-or-religiously-aggravated-harassment-fear': 'racially-aggravated-harassment',
};

/** This module's code for an offence recorded with the classification module's code, if it has one. */
export function fromClassificationOffence(code: string): OffenceCode | undefined {
  return FROM_CLASSIFICATION[code];
}
