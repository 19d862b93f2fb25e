import { offences, type OffenceFamily } from '../classification/offences.ts';

/** The offence codes of some families, from the classification reference data. */
function codesOf(...families: OffenceFamily[]): string[] {
  return offences.filter((o) => families.includes(o.family)).map((o) => o.code);
}

/** Stalking: s2A and s4A. */
export const STALKING_CODES = codesOf('stalking');
export const HARASSMENT_CODES = codesOf('harassment', 'aggravated-harassment');
export const MALICIOUS_COMMUNICATIONS_CODES = codesOf('malicious-communications');
export const BREACH_CODES = codesOf('breach');
/** Stalking and harassment crimes: what the daily management meeting looks at. */
export const STALKING_AND_HARASSMENT_CODES = [...codesOf('stalking'), ...HARASSMENT_CODES];
/** Specialist investigation teams (DOMAIN.md §7). */
export const SPECIALIST_TEAMS = ['cid', 'da-team', 'adult-safeguarding', 'scu'];
export const SPO_TYPE = 'stalking-protection-order';
/** SPO application stages (src/domain/orders) at which an application has gone to court, and at which it was granted. */
export const SPO_APPLIED_STAGES = ['authorised', 'hearing-listed', 'interim-granted', 'granted', 'refused'];
export const SPO_GRANTED_STAGES = ['interim-granted', 'granted'];
