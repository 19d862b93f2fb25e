/**
 * Teams a case can be allocated to or involve. 'non-specialist' stands for the force's
 * non-specialist investigation teams (not patrol or neighbourhood officers).
 */
export const TEAMS = {
  response: { name: 'Response (patrol) officers' },
  neighbourhood: { name: 'Neighbourhood policing team' },
  'non-specialist': { name: 'Non-specialist investigation team' },
  cid: { name: 'Criminal Investigation Department (CID)' },
  'da-team': { name: 'Domestic abuse team' },
  'adult-safeguarding': { name: 'Adult safeguarding team' },
  scu: { name: 'Stalking Coordination Unit' },
  'offender-management': { name: 'Offender management' },
  'crime-management-unit': { name: 'Crime management unit' },
  'intelligence-unit': { name: 'District intelligence unit' },
  panel: { name: 'Scrutiny panel' },
} as const;

export type TeamCode = keyof typeof TEAMS;

/** Every team code, in a stable order. */
export const TEAM_CODES = Object.keys(TEAMS) as TeamCode[];

/** The team's name as shown to users. */
export function teamName(team: TeamCode): string {
  return TEAMS[team].name;
}
