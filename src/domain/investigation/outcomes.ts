/**
 * Home Office crime outcome types 1–22 (DOMAIN.md §8). Groups follow the Home Office
 * crime outcomes tables as we understand them (not verified against the current
 * tables; check before publishing statistics).
 */
export const OUTCOME_GROUPS = {
  charged: 'Charged or summonsed',
  'out-of-court-formal': 'Out-of-court disposal (formal)',
  'out-of-court-informal': 'Out-of-court disposal (informal)',
  'taken-into-consideration': 'Taken into consideration',
  'prosecution-prevented': 'Prosecution prevented or not in the public interest',
  'evidential-difficulties': 'Evidential difficulties',
  'no-suspect-identified': 'Investigation complete, no suspect identified',
  'further-investigation-not-in-public-interest': 'Further investigation not in the public interest',
  'another-body': 'Action taken by another body',
  diversion: 'Diversionary, educational or intervention activity',
} as const;

export type OutcomeGroup = keyof typeof OUTCOME_GROUPS;

/** One Home Office outcome type. */
export interface OutcomeType {
  readonly code: number;
  readonly title: string;
  readonly group: OutcomeGroup;
  /** The victim did not support police action when the case was finalised. */
  readonly victimDidNotSupport?: true;
}

export const OUTCOME_TYPES: readonly OutcomeType[] = [
  { code: 1, title: 'Charged or summonsed', group: 'charged' },
  { code: 2, title: 'Youth caution', group: 'out-of-court-formal' },
  { code: 3, title: 'Adult caution', group: 'out-of-court-formal' },
  { code: 4, title: 'Taken into consideration', group: 'taken-into-consideration' },
  { code: 5, title: 'Offender has died', group: 'prosecution-prevented' },
  { code: 6, title: 'Penalty notice for disorder', group: 'out-of-court-formal' },
  { code: 7, title: 'Cannabis or khat warning', group: 'out-of-court-formal' },
  { code: 8, title: 'Community resolution', group: 'out-of-court-informal' },
  { code: 9, title: 'Prosecution not in the public interest (CPS decision)', group: 'prosecution-prevented' },
  { code: 10, title: 'Formal action not in the public interest (police decision)', group: 'prosecution-prevented' },
  { code: 11, title: 'Prosecution prevented: suspect under the age of criminal responsibility', group: 'prosecution-prevented' },
  { code: 12, title: 'Prosecution prevented: suspect too ill', group: 'prosecution-prevented' },
  { code: 13, title: 'Prosecution prevented: victim or key witness dead or too ill', group: 'prosecution-prevented' },
  {
    code: 14,
    title: 'Evidential difficulties: suspect not identified, victim does not support further action',
    group: 'evidential-difficulties',
    victimDidNotSupport: true,
  },
  { code: 15, title: 'Evidential difficulties: suspect identified, victim supports action', group: 'evidential-difficulties' },
  {
    code: 16,
    title: 'Evidential difficulties: suspect identified, victim does not support further action',
    group: 'evidential-difficulties',
    victimDidNotSupport: true,
  },
  { code: 17, title: 'Prosecution time limit expired', group: 'prosecution-prevented' },
  { code: 18, title: 'Investigation complete, no suspect identified', group: 'no-suspect-identified' },
  { code: 19, title: 'National Fraud Intelligence Bureau filed (fraud only)', group: 'another-body' },
  { code: 20, title: 'Action undertaken by another body or agency', group: 'another-body' },
  {
    code: 21,
    title: 'Further investigation to support formal action not in the public interest (police decision)',
    group: 'further-investigation-not-in-public-interest',
  },
  { code: 22, title: 'Diversionary, educational or intervention activity', group: 'diversion' },
];

/** The outcome type with this code, or undefined when there is none. */
export function outcomeType(code: number): OutcomeType | undefined {
  return OUTCOME_TYPES.find((outcome) => outcome.code === code);
}
