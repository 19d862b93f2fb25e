/**
 * The classification rules: from the facts of a report to a suggested
 * offence, with a plain-English reason for every step and prompts for what
 * the officer should reconsider. "Think stalking first." DOMAIN.md §2–3.
 */
import {
  allOccasions,
  assessCourseOfConduct,
  countOccasions,
  cyberChannelsUsed,
  fearOfViolenceOccasions,
  isDomesticAbuse,
  stalkingActsIn,
  tallyBreaches,
} from './conduct.ts';
import { assessFour, fourIndicatorsWhere } from './four.ts';
import { behaviours, channels, effects, orderTypes, otherCrimeKinds, relationships } from './intake-options.ts';
import type { BehaviourCode, ChannelCode, OrderTypeCode, OtherCrimeKindCode } from './intake-options.ts';
import { byCode, joinAsList, labelsOf } from './lookup.ts';
import { byPrincipalRank, isInFamily, offence } from './offences.ts';
import type { OffenceCode } from './offences.ts';
import { westYorkshireClassificationPolicy } from './policy.ts';
import type { ClassificationPolicy } from './policy.ts';
import type {
  BreachTally,
  ClassificationFacts,
  ClassificationSuggestion,
  CodedMessage,
  CourseOfConduct,
  FourAssessment,
  Occasion,
  OtherCrimeDecision,
} from './types.ts';
import { promptWording, reasonWording, say } from './wording.ts';

/** Everything the rule steps share while one suggestion is built. */
interface Context {
  readonly facts: ClassificationFacts;
  readonly policy: ClassificationPolicy;
  readonly occasions: readonly Occasion[];
  readonly breaches: BreachTally;
  readonly courseOfConduct: CourseOfConduct;
  readonly four: FourAssessment;
  readonly stalkingActs: readonly BehaviourCode[];
  readonly exPartnerRule: boolean;
  readonly reasons: CodedMessage[];
  readonly prompts: CodedMessage[];
}

type OtherCrimeOutcome = ClassificationSuggestion['otherCrimes'][number];

const relationshipLabel = (ctx: Context) => byCode(relationships, ctx.facts.relationship).label.toLowerCase();
const orderLabel = (order: OrderTypeCode) => byCode(orderTypes, order).label;
const breachOffence = (order: OrderTypeCode): OffenceCode => byCode(orderTypes, order).breachOffence;
const titleOf = (code: OffenceCode) => offence(code).title;

/**
 * Suggests how to record a report: whether it is a crime, the principal
 * offence and any others to record as well, the FOUR indicators, the domestic
 * abuse and cyber-enabled flags, the reasons for each step and prompts.
 */
export function classify(
  facts: ClassificationFacts,
  policy: ClassificationPolicy = westYorkshireClassificationPolicy,
): ClassificationSuggestion {
  const breaches = tallyBreaches(facts);
  const occasions = allOccasions(facts);
  const ctx: Context = {
    facts,
    policy,
    occasions,
    breaches,
    courseOfConduct: assessCourseOfConduct(facts, breaches),
    four: assessFour(facts, breaches, policy),
    stalkingActs: stalkingActsIn(occasions),
    exPartnerRule: policy.exPartnerHarassmentIsStalking && facts.relationship === 'ex-intimate-partner',
    reasons: [],
    prompts: [],
  };

  explainCourseOfConduct(ctx);
  const { offences: candidates, otherCrimes } = ctx.courseOfConduct.met
    ? courseOfConductOffences(ctx)
    : singleOccasionOffences(ctx);
  promptForOrders(ctx);
  const [principal = null, ...alsoRecord] = byPrincipalRank(candidates);
  explainPrincipal(ctx, principal, alsoRecord);
  explainFour(ctx);
  const flags = deriveFlags(ctx);
  if (ctx.courseOfConduct.met || breaches.inReport > 0) {
    ctx.prompts.push(say(promptWording, 'completeRiskAssessment'));
  }

  return {
    isCrime: candidates.length > 0 || otherCrimes.length > 0,
    principal,
    alsoRecord,
    otherCrimes,
    courseOfConduct: ctx.courseOfConduct,
    breaches,
    four: ctx.four,
    stalkingActs: ctx.stalkingActs,
    exPartnerRule: ctx.exPartnerRule,
    stalkingIndicatorsPresent:
      ctx.stalkingActs.length > 0 ||
      ctx.four.indicators.fixated.present ||
      ctx.four.indicators.obsessive.present ||
      ctx.exPartnerRule,
    flags,
    reasons: ctx.reasons,
    prompts: ctx.prompts,
  };
}

function explainCourseOfConduct(ctx: Context): void {
  const { courseOfConduct, breaches, facts } = ctx;
  ctx.reasons.push(
    say(reasonWording, 'occasionsCounted', courseOfConduct.occasionsInReport, courseOfConduct.linkedOccasions),
  );
  if (!facts.suspectKnown) ctx.reasons.push(say(reasonWording, 'suspectUnknown'));
  switch (courseOfConduct.basis) {
    case 'occasions':
      ctx.reasons.push(say(reasonWording, 'courseOfConductOccasions', countOccasions(ctx.occasions)));
      break;
    case 'victims':
      ctx.reasons.push(say(reasonWording, 'courseOfConductVictims', facts.victims.length));
      break;
    case 'breaches':
      ctx.reasons.push(say(reasonWording, 'courseOfConductBreaches', breaches.total));
      break;
    case null:
      ctx.reasons.push(say(reasonWording, 'noCourseOfConduct', countOccasions(ctx.occasions)));
  }
}

// ---------------------------------------------------------------------------
// No course of conduct: a breach, malicious communications, another crime or nothing.

function singleOccasionOffences(ctx: Context) {
  const breachOffences = ctx.breaches.ordersBreached.map((order) => {
    ctx.reasons.push(say(reasonWording, 'breachOnly', orderLabel(order)));
    return breachOffence(order);
  });
  const offences = breachOffences.length > 0 ? breachOffences : maliciousCommunication(ctx);
  const otherCrimes = ctx.facts.otherCrimes.map(
    (kind): OtherCrimeOutcome => ({ kind, decision: offences.length > 0 ? 'record-as-well' : 'record-instead' }),
  );
  if (otherCrimes.length > 0) {
    ctx.reasons.push(say(reasonWording, 'otherCrimeOnly'));
    ctx.prompts.push(say(promptWording, 'recordOtherCrimes'));
  } else if (offences.length === 0) {
    ctx.reasons.push(say(reasonWording, 'nonCrime'));
  }
  promptForOtherOffences(ctx);
  ctx.prompts.push(say(promptWording, 'watchForRepeat'));
  return { offences, otherCrimes };
}

/** Written channels used on occasions whose content can be malicious communications. */
function maliciousCommunicationChannels(occasions: readonly Occasion[]): ChannelCode[] {
  const isMalicious = (o: Occasion) => o.behaviours.some((code) => byCode(behaviours, code).maliciousContent === true);
  const written = occasions
    .filter(isMalicious)
    .flatMap((o) => o.channels)
    .filter((code) => byCode(channels, code).written);
  return [...new Set(written)];
}

function maliciousCommunication(ctx: Context): OffenceCode[] {
  const written = maliciousCommunicationChannels(ctx.facts.occasions);
  if (written.length === 0) return [];
  ctx.reasons.push(say(reasonWording, 'maliciousCommunicationsSingle', labelsOf(channels, written)));
  return ['malicious-communications'];
}

// ---------------------------------------------------------------------------
// A course of conduct: s76, stalking or harassment, raised and aggravated, plus breaches.

function courseOfConductOffences(ctx: Context) {
  const conduct = conductOffence(ctx);
  explainMaliciousCommunicationsSuperseded(ctx, conduct);
  const otherCrimes = ctx.facts.otherCrimes.map((kind) => decideOtherCrime(ctx, kind, conduct));
  if (otherCrimes.some((crime) => crime.decision !== 'absorbed')) {
    ctx.prompts.push(say(promptWording, 'recordOtherCrimes'));
  }
  const conductRecorded = !otherCrimes.some((crime) => crime.decision === 'record-instead');
  const breachOffences = ctx.breaches.ordersBreached.map((order) => {
    ctx.reasons.push(say(reasonWording, 'breachRecordedEachTime', orderLabel(order)));
    return breachOffence(order);
  });
  promptForCourseOfConduct(ctx);
  promptForOtherOffences(ctx);
  return { offences: conductRecorded ? [conduct, ...breachOffences] : breachOffences, otherCrimes };
}

function conductOffence(ctx: Context): OffenceCode {
  if (coerciveControlApplies(ctx)) return 'controlling-or-coercive-behaviour';
  const stalking = isStalking(ctx);
  return aggravated(ctx, raised(ctx, stalking));
}

function coerciveControlApplies(ctx: Context): boolean {
  const covered = ctx.policy.coerciveControlRelationships.includes(ctx.facts.relationship);
  if (ctx.facts.controllingOrCoercive === undefined) {
    if (covered) ctx.prompts.push(say(promptWording, 'considerCoerciveControl'));
    return false;
  }
  if (!ctx.facts.controllingOrCoercive) return false;
  if (covered) {
    ctx.reasons.push(say(reasonWording, 'coerciveControl', relationshipLabel(ctx)));
    return true;
  }
  const coveredLabels = labelsOf(relationships, ctx.policy.coerciveControlRelationships);
  ctx.reasons.push(say(reasonWording, 'coerciveControlNotCovered', relationshipLabel(ctx), coveredLabels));
  return false;
}

function isStalking(ctx: Context): boolean {
  if (ctx.stalkingActs.length > 0) {
    ctx.reasons.push(say(reasonWording, 'stalkingActsPresent', labelsOf(behaviours, ctx.stalkingActs)));
  }
  if (ctx.exPartnerRule) {
    ctx.reasons.push(say(reasonWording, 'exPartnerRule'));
    return true;
  }
  if (ctx.stalkingActs.length === 0) {
    ctx.reasons.push(say(reasonWording, 'noStalkingActs'));
    return false;
  }
  if (!ctx.policy.stalkingNeedsFixationOrObsession) {
    ctx.reasons.push(say(reasonWording, 'stalkingFromActs'));
    return true;
  }
  const shown = (['fixated', 'obsessive'] as const).filter((name) => ctx.four.indicators[name].present);
  if (shown.length === 0) {
    ctx.reasons.push(say(reasonWording, 'harassmentNotStalking'));
    return false;
  }
  ctx.reasons.push(say(reasonWording, 'stalkingWithFixationOrObsession', joinAsList(shown)));
  return true;
}

/**
 * s4 and s4A: fear of violence on at least two occasions; for stalking also
 * serious alarm or distress with a substantial adverse effect on day-to-day activities.
 */
function raised(ctx: Context, stalking: boolean): OffenceCode {
  const [basic, raisedOffence]: [OffenceCode, OffenceCode] = stalking
    ? ['stalking', 'stalking-fear-alarm-distress']
    : ['harassment', 'harassment-fear-of-violence'];
  const fear = fearOfViolenceOccasions(ctx.occasions);
  const fearMet = fear >= 2;
  ctx.reasons.push(
    fearMet
      ? say(reasonWording, 'fearOfViolenceMet', fear, titleOf(raisedOffence))
      : say(reasonWording, 'fearOfViolenceNotMet', fear),
  );
  if (!fearMet && ctx.facts.effects.includes('fear-of-violence')) {
    ctx.prompts.push(say(promptWording, 'recordFearOccasions'));
  }
  const alarmMet = seriousAlarmTest(ctx, stalking);
  return fearMet || alarmMet ? raisedOffence : basic;
}

/** The serious alarm or distress limb of s4A. Explains the outcome; true when met for stalking. */
function seriousAlarmTest(ctx: Context, stalking: boolean): boolean {
  const seriousAlarm = ctx.facts.effects.includes('serious-alarm-or-distress');
  const changes = ctx.facts.effects.filter((code) => byCode(effects, code).kind === 'day-to-day-change');
  const changeList = labelsOf(effects, changes);
  if (!stalking) {
    if (seriousAlarm && changes.length > 0) ctx.prompts.push(say(promptWording, 'considerStalking'));
    return false;
  }
  if (seriousAlarm && changes.length > 0) {
    ctx.reasons.push(say(reasonWording, 'seriousAlarmMet', changeList));
    return true;
  }
  if (seriousAlarm) ctx.reasons.push(say(reasonWording, 'seriousAlarmWithoutChange'));
  if (changes.length > 0) ctx.reasons.push(say(reasonWording, 'changeWithoutSeriousAlarm', changeList));
  return false;
}

function aggravated(ctx: Context, code: OffenceCode): OffenceCode {
  if (!ctx.occasions.some((o) => o.raciallyOrReligiouslyAggravated)) return code;
  ctx.reasons.push(say(reasonWording, 'raciallyOrReligiouslyAggravated', titleOf(code)));
  return code === 'harassment' || code === 'stalking'
    ? 'racially-or-religiously-aggravated-harassment'
    : 'racially-or-religiously-aggravated-harassment-fear';
}

function explainMaliciousCommunicationsSuperseded(ctx: Context, conduct: OffenceCode): void {
  const recordedAsMalicious = ctx.facts.linkedOccasions.some((o) => o.recordedAs === 'malicious-communications');
  if (recordedAsMalicious || maliciousCommunicationChannels(ctx.occasions).length > 0) {
    ctx.reasons.push(say(reasonWording, 'maliciousCommunicationsSuperseded', titleOf(conduct)));
  }
}

/**
 * The principal crime rule for a crime outside these rules. With the
 * "regardless" policy the course of conduct is always recorded as well;
 * otherwise stalking and s76 absorb assaults up to s20, and any other crime
 * is recorded in preference to harassment (001).
 */
function decideOtherCrime(ctx: Context, kind: OtherCrimeKindCode, conduct: OffenceCode): OtherCrimeOutcome {
  const label = byCode(otherCrimeKinds, kind).label;
  const decision = otherCrimeDecision(ctx.policy, kind, conduct);
  const reason = {
    'record-as-well': () => say(reasonWording, 'otherCrimeRecordAsWell', label),
    absorbed: () => say(reasonWording, 'otherCrimeAbsorbed', label, titleOf(conduct)),
    'record-instead': () => say(reasonWording, 'otherCrimeRecordInstead', label, titleOf(conduct)),
    'check-with-registrar': () => say(reasonWording, 'otherCrimeCheck', label),
  }[decision];
  ctx.reasons.push(reason());
  return { kind, decision };
}

function otherCrimeDecision(
  policy: ClassificationPolicy,
  kind: OtherCrimeKindCode,
  conduct: OffenceCode,
): OtherCrimeDecision {
  if (policy.recordHarassmentRegardlessOfOtherCrimes) return 'record-as-well';
  if (!isInFamily(conduct, 'stalking', 'coercive-control')) return 'record-instead';
  if (kind === 'assault-up-to-s20') return 'absorbed';
  return kind === 'other-offence' ? 'check-with-registrar' : 'record-instead';
}

/**
 * One prompt about how the course of conduct arose: repeated breaches, a
 * malicious communications series, or linked earlier reports.
 */
function promptForCourseOfConduct(ctx: Context): void {
  const total = countOccasions(ctx.occasions);
  if (ctx.breaches.inReport > 0 && ctx.breaches.total >= 2) {
    ctx.prompts.push(say(promptWording, 'recordCourseOfConductWithBreach', ctx.breaches.total));
  } else if (ctx.facts.linkedOccasions.some((o) => o.recordedAs === 'malicious-communications')) {
    ctx.prompts.push(say(promptWording, 'maliciousCommunicationsSeries', total));
  } else if (ctx.courseOfConduct.metThroughLinkedReports) {
    ctx.prompts.push(say(promptWording, 'reconsiderHarassment', total));
  }
}

function promptForOtherOffences(ctx: Context): void {
  if (ctx.facts.otherCrimes.length > 0) return;
  const seen = new Set(ctx.facts.occasions.flatMap((o) => o.behaviours));
  const offending = behaviours.filter((b) => b.otherOffence === true && seen.has(b.code)).map((b) => b.code);
  if (offending.length > 0) {
    ctx.prompts.push(say(promptWording, 'considerOtherOffences', labelsOf(behaviours, offending)));
  }
}

/** Orders: reassess risk after a breach, check for a breach, check an order marked as breached is on record. */
function promptForOrders(ctx: Context): void {
  const { breaches, facts } = ctx;
  if (breaches.inReport > 0) ctx.prompts.push(say(promptWording, 'reassessRisk', 'breach'));
  else if (facts.linkedOccasions.length > 0) ctx.prompts.push(say(promptWording, 'reassessRisk', 'linked'));
  const ordersInForce = new Set(facts.activeOrders.map((order) => order.type));
  for (const order of breaches.ordersBreached) {
    if (!ordersInForce.has(order)) ctx.prompts.push(say(promptWording, 'checkOrderRecord', orderLabel(order)));
  }
  if (breaches.inReport === 0) {
    for (const order of ordersInForce) ctx.prompts.push(say(promptWording, 'considerBreach', orderLabel(order)));
  }
}

// ---------------------------------------------------------------------------
// Summary reasons and flags.

function explainPrincipal(ctx: Context, principal: OffenceCode | null, alsoRecord: readonly OffenceCode[]): void {
  if (principal !== null) {
    const info = offence(principal);
    const homeOffice = info.homeOffice.verified ? info.homeOffice.code : `${info.homeOffice.code}, to be confirmed`;
    ctx.reasons.push(say(reasonWording, 'principalOffence', info.title, info.statute, homeOffice));
  }
  if (alsoRecord.length > 0) {
    const titles = joinAsList(alsoRecord.map((code) => titleOf(code).toLowerCase()));
    ctx.reasons.push(say(reasonWording, 'alsoRecord', titles));
  }
}

function explainFour(ctx: Context): void {
  if (ctx.four.met) {
    ctx.reasons.push(say(reasonWording, 'fourMet'));
    return;
  }
  const shown = joinAsList(fourIndicatorsWhere(ctx.four, true));
  ctx.reasons.push(say(reasonWording, 'fourNotMet', shown, joinAsList(fourIndicatorsWhere(ctx.four, false))));
}

function deriveFlags(ctx: Context): ClassificationSuggestion['flags'] {
  const domesticAbuse = isDomesticAbuse(ctx.facts);
  ctx.reasons.push(
    domesticAbuse
      ? say(reasonWording, 'domesticAbuse', relationshipLabel(ctx))
      : say(reasonWording, 'notDomesticAbuse', relationshipLabel(ctx)),
  );
  const cyber = cyberChannelsUsed(ctx.occasions);
  ctx.reasons.push(
    cyber.length > 0
      ? say(reasonWording, 'cyberEnabled', labelsOf(channels, cyber))
      : say(reasonWording, 'notCyberEnabled'),
  );
  const indicators = ctx.facts.indicators;
  if (indicators.includes('honour-based-abuse') && !domesticAbuse) {
    ctx.prompts.push(say(promptWording, 'checkHonourBasedAbuse'));
  }
  if (indicators.includes('suspect-works-for-force') || indicators.includes('victim-works-for-force')) {
    ctx.prompts.push(say(promptWording, 'workforceInvolved'));
  }
  return { domesticAbuse, cyberEnabled: cyber.length > 0 };
}
