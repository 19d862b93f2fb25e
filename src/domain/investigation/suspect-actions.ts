/** Suspect management actions (DOMAIN.md §7; reference 004 "Investigating officers"). */
export interface SuspectActionDefinition {
  readonly title: string;
  /** Why the action is refused when the offence is stalking. */
  readonly stalkingRefusal?: string;
  /** Why the action is never offered at all; it may only be recorded as history. */
  readonly neverIssued?: string;
}

const DEFINITIONS = {
  arrest: { title: 'Arrest' },
  'voluntary-attendance': { title: 'Voluntary attendance interview' },
  bail: { title: 'Bail with or without conditions' },
  'released-under-investigation': { title: 'Released under investigation' },
  charge: { title: 'Charge' },
  remand: { title: 'Remand in custody' },
  'words-of-advice': {
    title: 'Words of advice',
    stalkingRefusal:
      'Words of advice are never used in stalking cases, even at the victim’s request: they rarely change the suspect’s behaviour and often reinforce it. Interview the suspect under caution instead; arrest is the preferred option.',
  },
  mediation: {
    title: 'Mediation',
    stalkingRefusal:
      'Mediation is never used in stalking cases, even at the victim’s request: it brings the victim into contact with the suspect and does not address the behaviour. Investigate and interview the suspect under caution instead.',
  },
  'harassment-warning': {
    title: 'Harassment warning (PIN or HN1)',
    neverIssued:
      'Harassment warnings (police information notices, PIN or HN1) are no longer issued: the national stalking protocol says never in stalking cases and inspectors recommended they stop. A warning given in the past can be recorded as history only.',
  },
} as const satisfies Record<string, SuspectActionDefinition>;

export type SuspectAction = keyof typeof DEFINITIONS;

export const SUSPECT_ACTIONS: Readonly<Record<SuspectAction, SuspectActionDefinition>> = DEFINITIONS;
