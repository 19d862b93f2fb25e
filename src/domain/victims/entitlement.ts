import type { VictimEntitlement } from '../calendar/index.ts';

/** A reason shown to users: a stable code for machines and plain English for people. */
export interface EntitlementReason {
  readonly code: string;
  readonly text: string;
}

/** What the rules look at to decide a victim's Victims' Code entitlement on one case. */
export interface EntitlementFacts {
  /** The case's principal offence (confirmed, or the rules' suggestion), if any. */
  readonly offence: string | null;
  /** Offences also recorded on the case. */
  readonly alsoRecord: readonly string[];
  /** The case's domestic abuse flag. */
  readonly domesticAbuse: boolean;
  /** Intake indicators on the reports where this person is the victim. */
  readonly indicators: readonly string[];
  /** The victim's age in whole years when the first report was made, if known. */
  readonly ageAtReport: number | null;
  /** How many reports (on any case) name this person as the victim. */
  readonly reportsAsVictim: number;
}

/** Which facts lead to the enhanced service. Force policy, as data. */
export interface EntitlementPolicy {
  /** Offences whose victims are entitled to the enhanced service because they are stalking. */
  readonly stalkingOffences: readonly string[];
  /** Offences that are domestic abuse by definition. */
  readonly domesticAbuseOffences: readonly string[];
  /** Offences whose victims count as intimidated (hate crime). */
  readonly intimidatedOffences: readonly string[];
  /** Intake indicators that make the victim vulnerable. */
  readonly vulnerableIndicators: readonly string[];
  /** Intake indicators that make the victim intimidated. */
  readonly intimidatedIndicators: readonly string[];
  /** Victims under this age are vulnerable. */
  readonly childUnderAge: number;
  /** Victims named in at least this many reports are persistently targeted. */
  readonly persistentlyTargetedReports: number;
}

/** West Yorkshire (004) and the Victims' Code 2021 as Vigil reads them. */
export const westYorkshireEntitlementPolicy: EntitlementPolicy = {
  stalkingOffences: ['stalking', 'stalking-fear-alarm-distress', 'breach-stalking-protection-order'],
  domesticAbuseOffences: ['controlling-or-coercive-behaviour'],
  intimidatedOffences: ['racially-or-religiously-aggravated-harassment', 'racially-or-religiously-aggravated-harassment-fear'],
  vulnerableIndicators: ['adult-at-risk', 'disability', 'mental-health'],
  intimidatedIndicators: ['honour-based-abuse'],
  childUnderAge: 18,
  persistentlyTargetedReports: 3,
};

/** The level the rules give, with every reason that led to it. */
export interface DerivedEntitlement {
  readonly level: VictimEntitlement;
  readonly reasons: readonly EntitlementReason[];
}

/**
 * The Victims' Code entitlement the facts give (DOMAIN.md §12): enhanced for victims of
 * stalking, of domestic abuse, vulnerable or intimidated victims, and persistently
 * targeted victims; standard otherwise. Every reason that applies is listed.
 */
export function deriveEntitlement(facts: EntitlementFacts, policy: EntitlementPolicy = westYorkshireEntitlementPolicy): DerivedEntitlement {
  const offences = [facts.offence, ...facts.alsoRecord].filter((o): o is string => !!o);
  const reasons: EntitlementReason[] = [];
  if (offences.some((o) => policy.stalkingOffences.includes(o))) {
    reasons.push({ code: 'stalking', text: 'The victim of stalking is entitled to the enhanced service.' });
  }
  if (facts.domesticAbuse || offences.some((o) => policy.domesticAbuseOffences.includes(o))) {
    reasons.push({ code: 'domestic-abuse', text: 'The case is domestic abuse.' });
  }
  const vulnerable = facts.indicators.filter((i) => policy.vulnerableIndicators.includes(i));
  if (vulnerable.length > 0) {
    reasons.push({ code: 'vulnerable', text: `The victim is vulnerable (${vulnerable.map(indicatorWords).join(', ')}).` });
  }
  if (facts.ageAtReport !== null && facts.ageAtReport < policy.childUnderAge) {
    reasons.push({ code: 'child', text: `The victim was under ${policy.childUnderAge} when the crime was reported.` });
  }
  const intimidated = facts.indicators.filter((i) => policy.intimidatedIndicators.includes(i));
  if (intimidated.length > 0 || offences.some((o) => policy.intimidatedOffences.includes(o))) {
    reasons.push({
      code: 'intimidated',
      text: intimidated.length > 0 ? `The victim is intimidated (${intimidated.map(indicatorWords).join(', ')}).` : 'The victim is intimidated (a hate crime).',
    });
  }
  if (facts.reportsAsVictim >= policy.persistentlyTargetedReports) {
    reasons.push({ code: 'persistently-targeted', text: `The victim is persistently targeted: named as the victim in ${facts.reportsAsVictim} reports.` });
  }
  return { level: reasons.length > 0 ? 'enhanced' : 'standard', reasons };
}

function indicatorWords(code: string): string {
  return code.replaceAll('-', ' ');
}

/** A raise by hand: only ever to enhanced, always with a reason. */
export interface ManualRaise {
  readonly reason: string;
}

/** The entitlement in force and where it comes from. */
export interface EffectiveEntitlement {
  readonly level: VictimEntitlement;
  readonly derived: DerivedEntitlement;
  /** True when the level is enhanced only because an officer raised it. */
  readonly raisedByHand: boolean;
  readonly reasons: readonly EntitlementReason[];
}

/**
 * The entitlement in force: the derived level, raised to enhanced by hand where an
 * officer has given a reason. A raise can never lower the level: there is no way to
 * go below what the rules give.
 */
export function effectiveEntitlement(derived: DerivedEntitlement, raise: ManualRaise | null): EffectiveEntitlement {
  if (derived.level === 'enhanced' || !raise) {
    return { level: derived.level, derived, raisedByHand: false, reasons: derived.reasons };
  }
  return { level: 'enhanced', derived, raisedByHand: true, reasons: [{ code: 'raised-by-hand', text: `Raised to enhanced by an officer: ${raise.reason}` }] };
}

/** Age in whole years on a day, from a date of birth ('YYYY-MM-DD'). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
