/**
 * Pattern analysis over a case's occasions (issue 5 §4): counts per week,
 * duration, channels and behaviours, and escalation call-outs in plain English,
 * each naming the occasions that show it. DOMAIN.md §2, §5. Deterministic: the
 * occasions are put in time order (then by id) first, so the order they are
 * given in never changes the result.
 */
import { behaviours as behaviourOptions, channels as channelOptions, isCodeIn } from '../classification/index.ts';
import { HOMICIDE_TIMELINE, REASSESSMENT_TRIGGERS, type TimelineStage } from '../risk/index.ts';
import { PLACE_KIND_LABELS, placeKindOf, type PlaceKind } from './places.ts';
import { defaultConductPolicy, type ConductPolicy } from './policy.ts';
import { londonDateOf, sayDate, weekStartOf } from './time.ts';
import type { LocalDate } from '../calendar/index.ts';
import { addDays, compareLocalDates, daysBetween } from '../calendar/index.ts';

/** One occasion as the analysis needs it. */
export interface ConductOccasion {
  readonly id: string;
  readonly at: Date;
  readonly channels: readonly string[];
  readonly behaviours: readonly string[];
  readonly place?: string | null;
  readonly fearOfViolence?: boolean;
  /** How many separate times it happened (for example 30 texts): at least 1. */
  readonly times?: number;
  readonly breachedOrderId?: string | null;
}

export type CalloutCode =
  | 'frequency-rising'
  | 'new-channels'
  | 'online-to-in-person'
  | 'closer-to-victim'
  | 'threats'
  | 'violence'
  | 'fear-of-violence'
  | 'breaches'
  | 'third-parties'
  | 'property'
  | 'new-behaviours';

/** A plain-English statement about the pattern, with the occasions that show it. */
export interface Callout {
  readonly code: CalloutCode;
  readonly title: string;
  readonly text: string;
  /** True when it shows the conduct getting worse, not only present. */
  readonly escalating: boolean;
  readonly occasionIds: readonly string[];
}

export type SuggestionCode =
  | 'consider-course-of-conduct'
  | 'reclassify-malicious-communications'
  | 'reclassify-harassment-as-stalking'
  | 'consider-s4a'
  | 'record-course-of-conduct-with-breach'
  | 'reassess-risk';

export interface Suggestion {
  readonly code: SuggestionCode;
  readonly text: string;
}

export interface WeekCount {
  /** The Monday the week starts on. */
  readonly weekStarting: LocalDate;
  readonly occasions: number;
}

export interface ConductAnalysis {
  /** Occasions, each of their times counted. */
  readonly totalOccasions: number;
  readonly first: Date | null;
  readonly last: Date | null;
  /** Calendar days from the first to the last occasion, counting both. */
  readonly durationDays: number;
  readonly weeks: readonly WeekCount[];
  readonly channels: readonly { readonly code: string; readonly label: string; readonly occasions: number }[];
  readonly behaviours: readonly { readonly code: string; readonly label: string; readonly occasions: number }[];
  readonly callouts: readonly Callout[];
  readonly escalating: boolean;
  readonly suggestions: readonly Suggestion[];
  /** The homicide timeline stages, as prompts for judgement (never a score), when escalation is found. */
  readonly judgementPrompts: readonly TimelineStage[];
}

/** What the case is recorded as now, for the reclassification suggestions. */
export interface CaseRecording {
  /** The offence code the case is recorded as, or null when not yet decided. */
  readonly offence: string | null;
  readonly alsoRecord?: readonly string[];
}

const IN_PERSON = 'in-person';
const THIRD_PARTY_CHANNEL = 'through-third-parties';
const THREATS = 'threats-of-violence';
const VIOLENCE = 'violence';
const PROPERTY = ['interfering-with-property', 'damage-to-property'] as const;
const THIRD_PARTY_BEHAVIOUR = 'contact-with-others';
const SPECIAL_BEHAVIOURS = new Set<string>([THREATS, VIOLENCE, ...PROPERTY, THIRD_PARTY_BEHAVIOUR]);

function timesOf(o: ConductOccasion): number {
  const t = Math.trunc(o.times ?? 1);
  return Number.isFinite(t) && t >= 1 ? t : 1;
}

function count(list: readonly ConductOccasion[]): number {
  return list.reduce((sum, o) => sum + timesOf(o), 0);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function channelLabel(code: string): string {
  return isCodeIn(channelOptions, code) ? channelOptions.find((c) => c.code === code)!.label : code;
}

function behaviourLabel(code: string): string {
  return isCodeIn(behaviourOptions, code) ? behaviourOptions.find((b) => b.code === code)!.label : code;
}

function lower(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Time order, then id: a total order, so any input order gives the same sequence. */
export function inTimeOrder<T extends { readonly id: string; readonly at: Date }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function weeklyCounts(sorted: readonly ConductOccasion[]): WeekCount[] {
  if (sorted.length === 0) return [];
  const counts = new Map<LocalDate, number>();
  for (const o of sorted) {
    const week = weekStartOf(o.at);
    counts.set(week, (counts.get(week) ?? 0) + timesOf(o));
  }
  const weeks: WeekCount[] = [];
  const last = weekStartOf(sorted.at(-1)!.at);
  for (let week = weekStartOf(sorted[0]!.at); compareLocalDates(week, last) <= 0; week = addDays(week, 7)) {
    weeks.push({ weekStarting: week, occasions: counts.get(week) ?? 0 });
  }
  return weeks;
}

function tally(sorted: readonly ConductOccasion[], pick: (o: ConductOccasion) => readonly string[], label: (code: string) => string) {
  const seen = new Map<string, number>();
  for (const o of sorted) for (const code of new Set(pick(o))) seen.set(code, (seen.get(code) ?? 0) + timesOf(o));
  return [...seen.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([code, occasions]) => ({ code, label: label(code), occasions }));
}

/** The first occasion of each value, among occasions after the first day; values already seen on the first day are not new. */
function firstAppearances(
  sorted: readonly ConductOccasion[],
  valuesOf: (o: ConductOccasion) => readonly string[],
): Map<string, ConductOccasion> {
  const firstDay = sorted[0] ? londonDateOf(sorted[0].at) : '';
  const seen = new Set<string>();
  const found = new Map<string, ConductOccasion>();
  for (const o of sorted) {
    const sameDayAsFirst = londonDateOf(o.at) === firstDay;
    for (const v of valuesOf(o)) {
      if (seen.has(v)) continue;
      seen.add(v);
      if (!sameDayAsFirst) found.set(v, o);
    }
  }
  return found;
}

function frequencyCallout(sorted: readonly ConductOccasion[], policy: ConductPolicy): Callout | null {
  const rules = policy.escalation;
  if (sorted.length < 2 || count(sorted) < rules.minimumOccasionsForTrend) return null;
  const first = sorted[0]!.at.getTime();
  const last = sorted.at(-1)!.at.getTime();
  if (daysBetween(londonDateOf(sorted[0]!.at), londonDateOf(sorted.at(-1)!.at)) < rules.minimumSpanDays) return null;
  const middle = first + (last - first) / 2;
  const earlier = sorted.filter((o) => o.at.getTime() < middle);
  const later = sorted.filter((o) => o.at.getTime() >= middle);
  const before = count(earlier);
  const after = count(later);
  if (after < before * rules.frequencyRiseFactor || after - before < rules.frequencyRiseMinimumIncrease) return null;
  const midDate = new Date(middle);
  return {
    code: 'frequency-rising',
    title: 'Contact is getting more frequent',
    text: `${plural(before, 'occasion')} from ${sayDate(sorted[0]!.at)} to ${sayDate(midDate)}, then ${plural(after, 'occasion')} from ${sayDate(midDate)} to ${sayDate(sorted.at(-1)!.at)}.`,
    escalating: true,
    occasionIds: later.map((o) => o.id),
  };
}

function presenceCallout(
  sorted: readonly ConductOccasion[],
  test: (o: ConductOccasion) => boolean,
  code: CalloutCode,
  noun: string,
  title: { began: string; present: string },
): Callout | null {
  const hits = sorted.filter(test);
  if (hits.length === 0) return null;
  const first = hits[0]!;
  const before = sorted.filter((o) => o.at.getTime() < first.at.getTime() && londonDateOf(o.at) !== londonDateOf(first.at));
  const began = before.length > 0;
  const dates = joinList(hits.slice(0, 5).map((o) => sayDate(o.at))) + (hits.length > 5 ? ` and ${hits.length - 5} more` : '');
  return {
    code,
    title: began ? title.began : title.present,
    text: began
      ? `${noun} first on ${sayDate(first.at)}, after ${plural(count(before), 'occasion')} without; ${plural(count(hits), 'occasion')} in all (${dates}).`
      : `${noun} on ${plural(count(hits), 'occasion')} (${dates}).`,
    escalating: began,
    occasionIds: hits.map((o) => o.id),
  };
}

/** The call-outs, in a fixed order: the most serious first. */
export function escalationCallouts(occasions: readonly ConductOccasion[], policy: ConductPolicy = defaultConductPolicy): Callout[] {
  const sorted = inTimeOrder(occasions);
  const callouts: (Callout | null)[] = [];

  callouts.push(
    presenceCallout(sorted, (o) => o.behaviours.includes(VIOLENCE), 'violence', 'Violence', {
      began: 'Violence has appeared',
      present: 'Violence',
    }),
  );
  callouts.push(
    presenceCallout(sorted, (o) => o.behaviours.includes(THREATS), 'threats', 'Threats of violence', {
      began: 'Threats of violence have appeared',
      present: 'Threats of violence',
    }),
  );
  const fear = sorted.filter((o) => o.fearOfViolence);
  if (count(fear) >= 2) {
    callouts.push({
      code: 'fear-of-violence',
      title: 'The victim feared violence on more than one occasion',
      text: `Fear that violence would be used on ${plural(count(fear), 'occasion')} (${joinList(fear.slice(0, 5).map((o) => sayDate(o.at)))}${fear.length > 5 ? ' and more' : ''}): an indicator for s4 or s4A.`,
      escalating: false,
      occasionIds: fear.map((o) => o.id),
    });
  }
  const breaches = sorted.filter((o) => !!o.breachedOrderId);
  if (breaches.length > 0) {
    callouts.push({
      code: 'breaches',
      title: count(breaches) >= 2 ? 'An order has been breached repeatedly' : 'An order has been breached',
      text: `${plural(count(breaches), 'breach', 'breaches')} of an order (${joinList(breaches.slice(0, 5).map((o) => sayDate(o.at)))}${breaches.length > 5 ? ' and more' : ''}).${count(breaches) >= 2 ? ' Two or more breaches after an order are a course of conduct in themselves.' : ''}`,
      escalating: true,
      occasionIds: breaches.map((o) => o.id),
    });
  }
  callouts.push(frequencyCallout(sorted, policy));

  // Moving from contact at a distance to turning up in person.
  const firstInPerson = sorted.find((o) => o.channels.includes(IN_PERSON));
  if (firstInPerson) {
    const before = sorted.filter((o) => o.at.getTime() < firstInPerson.at.getTime() && londonDateOf(o.at) !== londonDateOf(firstInPerson.at));
    if (before.length > 0) {
      const evidence = sorted.filter((o) => o.channels.includes(IN_PERSON));
      callouts.push({
        code: 'online-to-in-person',
        title: 'Moved from contact at a distance to turning up in person',
        text: `Contact was by ${joinList(tally(before, (o) => o.channels, channelLabel).map((c) => lower(c.label)))} until ${sayDate(firstInPerson.at)}, when the suspect first came in person${firstInPerson.place ? ` (${firstInPerson.place})` : ''}; ${plural(count(evidence), 'occasion')} in person since.`,
        escalating: true,
        occasionIds: evidence.map((o) => o.id),
      });
    }
  }

  // Getting physically closer: home, work, children's school appearing after other contact.
  const places = firstAppearances(sorted, (o) => {
    const kind = o.channels.includes(IN_PERSON) || o.behaviours.some((b) => b === 'loitering' || b === 'following' || b === 'watching-or-spying' || b === 'interfering-with-property' || b === 'damage-to-property')
      ? placeKindOf(o.place)
      : null;
    return kind ? [kind] : [];
  });
  if (places.size > 0) {
    const entries = [...places.entries()].sort((a, b) => a[1].at.getTime() - b[1].at.getTime() || (a[0] < b[0] ? -1 : 1));
    callouts.push({
      code: 'closer-to-victim',
      title: 'Getting closer to the victim’s daily life',
      text: `${joinList(entries.map(([kind, o]) => `at ${PLACE_KIND_LABELS[kind as PlaceKind]} from ${sayDate(o.at)}`))}.`.replace(/^at/, 'At'),
      escalating: true,
      occasionIds: entries.map(([, o]) => o.id),
    });
  }

  // New channels (other than in person, covered above).
  const newChannels = [...firstAppearances(sorted, (o) => o.channels).entries()].filter(([c]) => c !== IN_PERSON);
  if (newChannels.length > 0) {
    callouts.push({
      code: 'new-channels',
      title: 'New ways of making contact',
      text: `${joinList(newChannels.map(([c, o]) => `${lower(channelLabel(c))} from ${sayDate(o.at)}`))}.`.replace(/^./, (s) => s.toUpperCase()),
      escalating: true,
      occasionIds: newChannels.map(([, o]) => o.id),
    });
  }

  callouts.push(
    presenceCallout(
      sorted,
      (o) => o.channels.includes(THIRD_PARTY_CHANNEL) || o.behaviours.includes(THIRD_PARTY_BEHAVIOUR),
      'third-parties',
      'Family, friends, colleagues or others drawn in',
      { began: 'Other people are being drawn in', present: 'Other people drawn in' },
    ),
  );
  callouts.push(
    presenceCallout(sorted, (o) => o.behaviours.some((b) => (PROPERTY as readonly string[]).includes(b)), 'property', 'Interference with or damage to property', {
      began: 'Property interference has appeared',
      present: 'Property interference',
    }),
  );

  const newBehaviours = [...firstAppearances(sorted, (o) => o.behaviours).entries()].filter(([b]) => !SPECIAL_BEHAVIOURS.has(b) && b !== 'other');
  if (newBehaviours.length > 0) {
    callouts.push({
      code: 'new-behaviours',
      title: 'New kinds of behaviour',
      text: `${joinList(newBehaviours.map(([b, o]) => `${lower(behaviourLabel(b))} from ${sayDate(o.at)}`))}.`.replace(/^./, (s) => s.toUpperCase()),
      escalating: true,
      occasionIds: newBehaviours.map(([, o]) => o.id),
    });
  }
  return callouts.filter((c): c is Callout => c !== null);
}

function breachCount(occasions: readonly ConductOccasion[]): number {
  return count(occasions.filter((o) => !!o.breachedOrderId));
}

const STALKING_ACTS = new Set<string>(behaviourOptions.filter((b) => b.stalkingAct !== undefined).map((b) => b.code));

/**
 * Suggestions with reasons (issue 5 §4). The officer decides: these never change
 * the record by themselves.
 */
export function conductSuggestions(
  occasions: readonly ConductOccasion[],
  recording: CaseRecording,
  callouts: readonly Callout[],
): Suggestion[] {
  const suggestions: Suggestion[] = [];
  const total = count(occasions);
  const recorded = [recording.offence, ...(recording.alsoRecord ?? [])].filter((o): o is string => !!o);
  const has = (...codes: string[]) => recorded.some((r) => codes.includes(r));
  const stalkingFamily = has('stalking', 'stalking-fear-alarm-distress');
  const harassmentFamily = has('harassment', 'harassment-fear-of-violence');
  const acts = [...new Set(occasions.flatMap((o) => o.behaviours).filter((b) => STALKING_ACTS.has(b)))].sort();

  if (total >= 2 && has('malicious-communications') && !stalkingFamily && !harassmentFamily) {
    suggestions.push({
      code: 'reclassify-malicious-communications',
      text: `The case is recorded as malicious communications, but it now has ${plural(total, 'occasion')}: that is a course of conduct, so record harassment or stalking for it (think stalking first).`,
    });
  } else if (total >= 2 && breachCount(occasions) < 2 && !stalkingFamily && !harassmentFamily && !has('controlling-or-coercive-behaviour')) {
    suggestions.push({
      code: 'consider-course-of-conduct',
      text: `The case has ${plural(total, 'occasion')} between the same people: a course of conduct. Reconsider harassment or stalking (think stalking first).`,
    });
  }
  if (harassmentFamily && !stalkingFamily && acts.length > 0) {
    suggestions.push({
      code: 'reclassify-harassment-as-stalking',
      text: `The case is recorded as harassment, but the occasions include acts associated with stalking (${joinList(acts.map((a) => lower(behaviourLabel(a))))}): consider recording stalking, or record why it is not stalking.`,
    });
  }
  const fear = count(occasions.filter((o) => o.fearOfViolence));
  if (has('stalking') && !has('stalking-fear-alarm-distress') && fear >= 2) {
    suggestions.push({
      code: 'consider-s4a',
      text: `The victim feared violence on ${plural(fear, 'occasion')}: consider stalking involving fear of violence (s4A).`,
    });
  }
  const breaches = breachCount(occasions);
  if (breaches >= 2 && !stalkingFamily && !harassmentFamily) {
    suggestions.push({
      code: 'record-course-of-conduct-with-breach',
      text: `The order has been breached ${plural(breaches, 'time')}: two breaches after an order are a course of conduct, so record stalking or harassment as well as the breaches.`,
    });
  }
  if (callouts.some((c) => c.escalating)) {
    suggestions.push({ code: 'reassess-risk', text: REASSESSMENT_TRIGGERS['escalation-found'] });
  }
  return suggestions;
}

/** The whole analysis for a case: counts, call-outs, suggestions and judgement prompts. */
export function analyseConduct(
  occasions: readonly ConductOccasion[],
  recording: CaseRecording = { offence: null },
  policy: ConductPolicy = defaultConductPolicy,
): ConductAnalysis {
  const sorted = inTimeOrder(occasions);
  const callouts = escalationCallouts(sorted, policy);
  const escalating = callouts.some((c) => c.escalating);
  const first = sorted[0]?.at ?? null;
  const last = sorted.at(-1)?.at ?? null;
  return {
    totalOccasions: count(sorted),
    first,
    last,
    durationDays: first && last ? daysBetween(londonDateOf(first), londonDateOf(last)) + 1 : 0,
    weeks: weeklyCounts(sorted),
    channels: tally(sorted, (o) => o.channels, channelLabel),
    behaviours: tally(sorted, (o) => o.behaviours, behaviourLabel),
    callouts,
    escalating,
    suggestions: conductSuggestions(sorted, recording, callouts),
    judgementPrompts: escalating ? HOMICIDE_TIMELINE : [],
  };
}
