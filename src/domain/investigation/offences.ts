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
