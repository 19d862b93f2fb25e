/**
 * Which case a newly submitted report joins (issue 5 §1). A case is a course of
 * conduct between a suspect and one or more victims. A report joins a case
 * automatically only on confirmed parties: the same suspect person record, and
 * (by default) at least one of the same victims; the case must be open, or
 * finalised within the policy window. Otherwise a new case is opened and an
 * officer can link the report by hand.
 */
import { addMonths, startOfLondonDay } from '../calendar/index.ts';
import { defaultConductPolicy, type ConductPolicy } from './policy.ts';
import { londonDateOf, sayDate } from './time.ts';

/** A case that might take the report, with what the rule needs to know. */
export interface CandidateCase {
  readonly id: string;
  readonly reference: string;
  readonly suspectPersonId: string | null;
  readonly victimPersonIds: readonly string[];
  readonly status: 'open' | 'finalised';
  readonly finalisedAt: Date | null;
  readonly createdAt: Date;
  /** Set when the case was merged into another: it takes no new reports. */
  readonly mergedInto?: string | null;
}

/** The confirmed parties of the new report. */
export interface ReportParties {
  /** The suspect's person record, or null when the suspect is unknown or not yet confirmed. */
  readonly suspectPersonId: string | null;
  readonly victimPersonIds: readonly string[];
  /** When the report was made. */
  readonly at: Date;
}

export type JoinMatch = 'same-parties' | 'shared-suspect';

export type JoinDecision =
  | {
      readonly join: true;
      readonly caseId: string;
      readonly caseReference: string;
      readonly match: JoinMatch;
      /** Victims of the report who are not yet victims of the case (to add to it). */
      readonly newVictimIds: readonly string[];
      /** Other cases that also matched, for the officer to consider linking by hand. */
      readonly otherMatches: readonly { readonly id: string; readonly reference: string }[];
      readonly reason: string;
    }
  | {
      readonly join: false;
      readonly code: 'suspect-unknown' | 'no-matching-case' | 'matching-case-too-old' | 'victims-differ';
      readonly reason: string;
    };

/** The earliest finalisation that still counts as recent for a report made at `at`. */
export function recentCaseCutoff(at: Date, policy: ConductPolicy = defaultConductPolicy): Date {
  return startOfLondonDay(addMonths(londonDateOf(at), -policy.recentCaseWindowMonths));
}

function isLive(c: CandidateCase, cutoff: Date): boolean {
  if (c.mergedInto) return false;
  if (c.status === 'open') return true;
  return c.finalisedAt !== null && c.finalisedAt.getTime() >= cutoff.getTime();
}

interface Ranked {
  readonly c: CandidateCase;
  readonly shared: number;
}

/** Best first: more shared victims, open before finalised, newest first, then by id so the order of the input never matters. */
function compareRanked(a: Ranked, b: Ranked): number {
  if (a.shared !== b.shared) return b.shared - a.shared;
  if (a.c.status !== b.c.status) return a.c.status === 'open' ? -1 : 1;
  const recency = b.c.createdAt.getTime() - a.c.createdAt.getTime();
  if (recency !== 0) return recency;
  return a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0;
}

function months(policy: ConductPolicy): string {
  return policy.recentCaseWindowMonths === 1 ? '1 month' : `${policy.recentCaseWindowMonths} months`;
}

function state(c: CandidateCase, policy: ConductPolicy): string {
  return c.status === 'open' || c.finalisedAt === null
    ? 'the case is open'
    : `the case was finalised on ${sayDate(c.finalisedAt)}, within the last ${months(policy)}`;
}

/**
 * Decides whether a report joins an existing case. Pure and deterministic: the
 * order of `candidates` does not change the answer.
 */
export function decideCaseForReport(
  report: ReportParties,
  candidates: readonly CandidateCase[],
  policy: ConductPolicy = defaultConductPolicy,
): JoinDecision {
  if (report.suspectPersonId === null) {
    return {
      join: false,
      code: 'suspect-unknown',
      reason:
        'A new case was opened: the suspect is not identified on a person record yet, so the report cannot be joined to a case automatically. Link it to a case by hand if it belongs to one.',
    };
  }
  const suspect = report.suspectPersonId;
  const victims = new Set(report.victimPersonIds);
  const sameSuspect = candidates.filter((c) => c.suspectPersonId === suspect && !c.mergedInto);
  const cutoff = recentCaseCutoff(report.at, policy);
  const live = sameSuspect.filter((c) => isLive(c, cutoff));
  const ranked = live
    .map((c) => ({ c, shared: c.victimPersonIds.filter((v) => victims.has(v)).length }))
    .sort(compareRanked);
  const withVictim = ranked.filter((r) => r.shared > 0);
  const usable = withVictim.length > 0 ? withVictim : policy.joinOnSharedSuspectAlone ? ranked : [];
  const best = usable[0];

  if (!best) {
    if (ranked.length > 0) {
      const first = ranked[0]!.c;
      return {
        join: false,
        code: 'victims-differ',
        reason: `A new case was opened: case ${first.reference} has the same suspect but none of the same victims, and force policy does not join cases on the suspect alone. Link the report by hand if it is the same course of conduct.`,
      };
    }
    const old = sameSuspect
      .filter((c) => c.status === 'finalised' && c.victimPersonIds.some((v) => victims.has(v)))
      .sort((a, b) => (b.finalisedAt?.getTime() ?? 0) - (a.finalisedAt?.getTime() ?? 0) || (a.id < b.id ? -1 : 1))[0];
    if (old) {
      return {
        join: false,
        code: 'matching-case-too-old',
        reason: `A new case was opened: case ${old.reference} has the same suspect and victim but was finalised${old.finalisedAt ? ` on ${sayDate(old.finalisedAt)}` : ''}, more than ${months(policy)} before this report. Link the report by hand if it is the same course of conduct.`,
      };
    }
    return {
      join: false,
      code: 'no-matching-case',
      reason: `A new case was opened: no open case, and no case finalised in the last ${months(policy)}, has the same suspect.`,
    };
  }

  const match: JoinMatch = best.shared > 0 ? 'same-parties' : 'shared-suspect';
  const caseVictims = new Set(best.c.victimPersonIds);
  const newVictimIds = [...victims].filter((v) => !caseVictims.has(v)).sort();
  const reason =
    match === 'same-parties'
      ? `Joined case ${best.c.reference}: the same suspect and victim, and ${state(best.c, policy)}.`
      : `Joined case ${best.c.reference} through the shared suspect: the victim in this report is new to the case, and conduct towards two or more people can be one course of conduct (${state(best.c, policy)}).`;
  return {
    join: true,
    caseId: best.c.id,
    caseReference: best.c.reference,
    match,
    newVictimIds,
    otherMatches: usable.slice(1).map((r) => ({ id: r.c.id, reference: r.c.reference })),
    reason,
  };
}
