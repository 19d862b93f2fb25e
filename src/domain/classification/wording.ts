/**
 * Every plain-English message the classification rules produce, keyed by its
 * stable code. The rules pick a code and supply the details; the words live here.
 */
import type { CodedMessage } from './types.ts';

/** Builds a message from a wording table, a code and the details the wording needs. */
export function say<W extends Record<string, (...args: never[]) => string>, K extends keyof W & string>(
  wording: W,
  code: K,
  ...details: Parameters<W[K]>
): CodedMessage<K> {
  const render = wording[code] as (...args: Parameters<W[K]>) => string;
  return { code, text: render(...details) };
}

/** "1 occasion", "2 occasions"; "1 breach", "2 breaches". */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Reasons: why the suggestion is what it is, one per step. */
export const reasonWording = {
  occasionsCounted: (inReport: number, linked: number) =>
    `${capitalise(counted(inReport, 'occasion'))} in this report` +
    (linked > 0 ? ` and ${counted(linked, 'occasion')} from linked earlier reports.` : '.'),
  suspectUnknown: () =>
    'The suspect is not yet identified. That does not stop a crime being recorded; treat the occasions as one course of conduct only if there is reason to think the same person is responsible.',
  courseOfConductOccasions: (count: number) =>
    `${capitalise(counted(count, 'occasion'))} involving the same victim: a course of conduct (at least two are needed).`,
  courseOfConductVictims: (victims: number) =>
    `Conduct on at least one occasion towards each of ${victims} victims: a course of conduct.`,
  courseOfConductBreaches: (breaches: number) =>
    `${capitalise(counted(breaches, 'breach', 'breaches'))} of the order since it was made: a course of conduct. One breach alone is not, but a second breach is.`,
  noCourseOfConduct: (occasions: number) =>
    occasions <= 1
      ? 'Only one occasion: no course of conduct, so this is not harassment or stalking.'
      : 'No course of conduct (at least two occasions towards one victim, or at least one towards each of several victims), so this is not harassment or stalking.',
  coerciveControl: (relationship: string) =>
    `Controlling or coercive behaviour by a ${relationship}: record it under the Serious Crime Act 2015 s76, not the Protection from Harassment Act.`,
  coerciveControlNotCovered: (relationship: string, covered: string) =>
    `Controlling or coercive behaviour was reported, but under force policy s76 covers only these relationships: ${covered}. The suspect is recorded as “${relationship}”, so stalking or harassment is considered instead.`,
  exPartnerRule: () =>
    'The suspect is an ex-partner: force policy records all ex-partner harassment as stalking in the first instance.',
  stalkingActsPresent: (acts: string) => `Acts associated with stalking: ${acts}.`,
  noStalkingActs: () => 'No acts associated with stalking were reported: harassment.',
  stalkingWithFixationOrObsession: (shown: string) =>
    `Acts associated with stalking, and evidence that the suspect is ${shown}: stalking.`,
  stalkingFromActs: () => 'Acts associated with stalking in a course of conduct: stalking.',
  harassmentNotStalking: () =>
    'There is no evidence yet that the suspect is fixated or obsessive, so harassment is suggested. Think stalking first: if you record harassment, say why it is not stalking.',
  fearOfViolenceMet: (occasions: number, offenceTitle: string) =>
    `The victim feared violence on ${counted(occasions, 'occasion')} (at least two are needed): ${offenceTitle.toLowerCase()}.`,
  fearOfViolenceNotMet: (occasions: number) =>
    occasions === 1
      ? 'The victim feared violence on only one occasion: the fear of violence test (at least two occasions) is not met.'
      : 'No occasion is recorded as causing fear of violence.',
  seriousAlarmMet: (changes: string) =>
    `Serious alarm or distress with a substantial adverse effect on day-to-day life (${changes}): stalking involving serious alarm or distress (s4A).`,
  seriousAlarmWithoutChange: () =>
    'Serious alarm or distress is recorded, but no change to day-to-day life: the substantial adverse effect test for s4A is not met.',
  changeWithoutSeriousAlarm: (changes: string) =>
    `Changes to day-to-day life are recorded (${changes}), but not serious alarm or distress: s4A needs both.`,
  raciallyOrReligiouslyAggravated: (baseTitle: string) =>
    `Racially or religiously aggravated on at least one occasion: record the aggravated form of ${baseTitle.toLowerCase()} (Crime and Disorder Act 1998 s32).`,
  maliciousCommunicationsSingle: (channel: string) =>
    `One message (${channel}) with a threat or indecent content and no course of conduct: malicious communications (Malicious Communications Act 1988 s1).`,
  maliciousCommunicationsSuperseded: (offenceTitle: string) =>
    `The messages are part of a course of conduct: record ${offenceTitle.toLowerCase()} rather than malicious communications.`,
  breachOnly: (order: string) =>
    `One breach of the ${order.toLowerCase()} and no other occasion: record the breach only. A further breach would make a course of conduct.`,
  breachRecordedEachTime: (order: string) =>
    `The ${order.toLowerCase()} was breached: record the breach, as well as the course of conduct. A breach is recorded each time.`,
  otherCrimeOnly: () => 'No course of conduct, but another offence was reported: record it under its own classification.',
  otherCrimeRecordAsWell: (kind: string) =>
    `${kind}: force policy records stalking and harassment in all cases, so record this crime as well.`,
  otherCrimeAbsorbed: (kind: string, offenceTitle: string) =>
    `${kind}: ${offenceTitle.toLowerCase()} ranks above assaults up to and including s20, so record ${offenceTitle.toLowerCase()} as the principal crime instead of the assault.`,
  otherCrimeRecordInstead: (kind: string, offenceTitle: string) =>
    `${kind}: under the principal crime rule, record that crime instead of ${offenceTitle.toLowerCase()}.`,
  otherCrimeCheck: (kind: string) => `${kind}: check the principal crime rule with the force crime registrar.`,
  nonCrime: () =>
    'No offence is shown by these facts: record a non-crime incident with a rationale, and link any further report about the same people.',
  principalOffence: (title: string, statute: string, homeOffice: string) =>
    `Suggested principal offence: ${title} (${statute}; Home Office ${homeOffice}).`,
  alsoRecord: (titles: string) => `Record as well: ${titles}.`,
  fourMet: () => 'FOUR: fixated, obsessive, unwanted and repeated are all shown.',
  fourNotMet: (shown: string, missing: string) =>
    shown === '' ? `FOUR: no evidence yet of ${missing}.` : `FOUR: ${shown} shown; no evidence yet of ${missing}.`,
  domesticAbuse: (relationship: string) =>
    `The suspect is the victim’s ${relationship}: they are personally connected, so the domestic abuse flag is set.`,
  notDomesticAbuse: (relationship: string) =>
    `The suspect is recorded as “${relationship}”: not personally connected, so this is not domestic abuse. A risk assessment is still needed.`,
  cyberEnabled: (channelList: string) => `Conduct by ${channelList}: the cyber-enabled flag is set.`,
  notCyberEnabled: () => 'No conduct through a phone, computer or other device: not cyber-enabled.',
};

/** Prompts: things the officer should do or reconsider now. */
export const promptWording = {
  reconsiderHarassment: (occasions: number) =>
    `Reconsider harassment: with the linked earlier report there are now ${counted(occasions, 'occasion')} involving the same people, which is a course of conduct. Think stalking first.`,
  maliciousCommunicationsSeries: (occasions: number) =>
    `Malicious communications series: linked earlier reports were recorded as malicious communications. With this report there are ${counted(occasions, 'occasion')}, a course of conduct: record harassment or stalking for the course of conduct, and ask the crime registrar to review the earlier records.`,
  recordCourseOfConductWithBreach: (breaches: number) =>
    `This is breach number ${breaches} since the order was made. Two breaches after the order form a course of conduct: record stalking or harassment as well as the breach.`,
  reassessRisk: (why: 'breach' | 'linked') =>
    why === 'breach'
      ? 'The order has been breached: reassess the risk to the victim now.'
      : 'This is a further incident in a known pattern: reassess the risk to the victim, taking the whole history into account.',
  considerBreach: (order: string) =>
    `A ${order.toLowerCase()} is in force between the parties: check whether this conduct breaches it.`,
  checkOrderRecord: (order: string) =>
    `An occasion is marked as breaching a ${order.toLowerCase()}, but no such order is recorded between the parties: check the order and record it.`,
  considerCoerciveControl: () =>
    'The suspect is a current partner or family member: consider whether this is controlling or coercive behaviour (Serious Crime Act 2015 s76) and record your answer.',
  considerStalking: () =>
    'Serious alarm or distress with a substantial adverse effect on day-to-day life is typical of stalking (s4A): consider whether this is stalking.',
  recordFearOccasions: () =>
    'The victim fears violence, but fewer than two occasions are marked as causing that fear: check each occasion. Fear on two occasions makes this an either-way offence (s4 or s4A).',
  considerOtherOffences: (behaviourList: string) =>
    `${capitalise(behaviourList)} reported: consider recording the assault, damage or other offence, applying the principal crime rule.`,
  recordOtherCrimes: () => 'Record the other crime under its own classification, as set out in the reasons.',
  watchForRepeat: () =>
    'If it happens again, link the new report to this one: a second occasion makes a course of conduct, which may be harassment or stalking.',
  completeRiskAssessment: () =>
    'Complete a risk assessment: every stalking and harassment victim needs one, whether or not it is domestic abuse.',
  checkHonourBasedAbuse: () =>
    'Honour-based abuse concern: check whether the suspect is a family member and, if so, correct the relationship so the domestic abuse flag is set.',
  workforceInvolved: () =>
    'A member of the force is involved: follow the workforce section of the domestic abuse policy.',
};

/** Evidence for each FOUR indicator. */
export const fourEvidenceWording = {
  frequentContact: (occasions: number) =>
    `${capitalise(counted(occasions, 'occasion'))} of conduct: a disproportionate investment of time.`,
  severalChannels: (channelList: string) => `More than one way of reaching the victim: ${channelList}.`,
  persistsDespiteOrder: () => 'Carried on despite a court order.',
  surveillance: (acts: string) => `Keeps track of the victim’s movements or communications: ${acts}.`,
  intrusion: (acts: string) => `Intrudes into the victim’s wider life: ${acts}.`,
  reportedByVictim: () => 'The victim reported it to the police.',
  effectOnVictim: (effectList: string) => `Effect on the victim: ${effectList}.`,
  fearOfViolence: (occasions: number) => `The victim feared violence on ${counted(occasions, 'occasion')}.`,
  orderInForce: () => 'A court order forbids the suspect’s conduct towards the victim.',
  repeatedOccasions: (occasions: number) => `Happened on ${counted(occasions, 'occasion')}.`,
};

/** Errors for a classification chosen by an officer. */
export const choiceWording = {
  principalMissing: () => 'Choose a classification, or choose non-crime incident.',
  unknownCode: (value: string) =>
    `“${value}” is not a classification this system recognises: choose one from the list.`,
  nonCrimeWithOffences: () =>
    'A non-crime incident cannot also record offences: remove them, or choose a crime classification.',
  duplicateOffence: (title: string) => `${title} is already chosen: choose each offence once.`,
  whyNotStalking: (indicators: string) =>
    `Explain why this is not stalking. The report shows ${indicators}.`,
  whyNotCrime: (detail: string) => `Explain why this is not being recorded as a crime: ${detail}.`,
};

/** Notices about a permitted choice that the crime registrar will see. */
export const noticeWording = {
  stalkingWithoutFour: (missing: string) =>
    `Stalking is recorded although FOUR is not fully met (no evidence yet of ${missing}). This is allowed; the crime registrar will review it.`,
  differsFromSuggestion: (chosen: string, suggested: string) =>
    `You chose ${chosen}; the rules suggest ${suggested}.`,
  missingAlsoRecord: (titles: string) => `The rules suggest recording ${titles} as well.`,
};

/** Crime registrar audit findings. */
export const auditWording = {
  harassmentWithStalkingIndicators: (indicators: string, rationale: string | undefined) =>
    `Recorded as harassment although the report shows ${indicators}. ` +
    (rationale === undefined ? 'No reason was given for why it is not stalking.' : `Reason given: “${rationale}”.`),
  maliciousCommunicationsSeries: (occasions: number) =>
    `Recorded as malicious communications although there are ${counted(occasions, 'occasion')} from the same sender: a course of conduct, which should be recorded as harassment or stalking.`,
  repeatedBreachesOnlyAsBreaches: (breaches: number) =>
    `Recorded only as a breach of an order although there have been ${counted(breaches, 'breach', 'breaches')} since the order was made: a course of conduct, so stalking or harassment should be recorded as well.`,
  harassmentNotRecordedAsCrime: (detail: string, rationale: string | undefined) =>
    `Recorded as a non-crime incident although ${detail}. ` +
    (rationale === undefined ? 'No rationale was recorded.' : `Rationale given: “${rationale}”.`),
  stalkingWithoutFour: (missing: string) =>
    `Recorded as stalking although FOUR is not met: no evidence of ${missing}.`,
};
