/**
 * Where an occasion happened, in the terms escalation cares about: is the suspect
 * getting physically closer to the victim's life (home, work, children's school)?
 * Places are free text at intake, so they are read by keywords; an officer can
 * always see the place itself beside the call-out.
 */
export type PlaceKind = 'home' | 'work' | 'school';

export const PLACE_KIND_LABELS: Readonly<Record<PlaceKind, string>> = {
  home: 'the victim’s home',
  work: 'the victim’s workplace',
  school: 'the children’s school',
};

const PATTERNS: readonly (readonly [PlaceKind, RegExp])[] = [
  ['school', /\b(school|nursery|playground|academy|college gates?)\b/i],
  ['home', /\b(home|house|flat|front door|doorstep|driveway|garden|address|outside (her|his|their) (house|flat))\b/i],
  ['work', /\b(work|workplace|office|shop floor|branch|bank|hospital ward|her job|his job|place of work|car park at work)\b/i],
];

/** The kind of place a free-text place is, or null when it is none of them. */
export function placeKindOf(place: string | null | undefined): PlaceKind | null {
  if (!place) return null;
  for (const [kind, pattern] of PATTERNS) if (pattern.test(place)) return kind;
  return null;
}
