import type { CodedOption } from './lookup.ts';

/**
 * The answer options of the intake form (radios and checkboxes), each with a
 * stable code and a plain-English label, plus the facts the classification
 * rules need about each option. DOMAIN.md §2–4; issue 3.
 */

/** Who is reporting, in what capacity. */
export const callerCapacities = [
  { code: 'victim', label: 'The victim' },
  { code: 'relative', label: 'A relative of the victim' },
  { code: 'friend', label: 'A friend of the victim' },
  { code: 'support-agency', label: 'A support agency' },
  { code: 'employer', label: 'The victim’s employer' },
  { code: 'other', label: 'Someone else' },
] as const;
export type CallerCapacityCode = (typeof callerCapacities)[number]['code'];

/**
 * How the suspect is related to the victim. `personallyConnected` drives the
 * domestic abuse flag (intimate partners, ex-partners and family members).
 */
export const relationships = [
  { code: 'current-intimate-partner', label: 'Current intimate partner', personallyConnected: true },
  { code: 'ex-intimate-partner', label: 'Ex-intimate partner', personallyConnected: true },
  { code: 'family', label: 'Family member', personallyConnected: true },
  { code: 'acquaintance', label: 'Acquaintance', personallyConnected: false },
  { code: 'colleague-or-client', label: 'Colleague or client', personallyConnected: false },
  { code: 'neighbour', label: 'Neighbour', personallyConnected: false },
  { code: 'stranger', label: 'Stranger', personallyConnected: false },
  { code: 'unknown', label: 'Not known', personallyConnected: false },
] as const;
export type RelationshipCode = (typeof relationships)[number]['code'];

/**
 * How the suspect reached the victim on an occasion.
 * `cyberEnabled`: committed through a computer, network or device (002).
 * `written`: a letter-like communication that can be malicious communications.
 * `fourEvidence`: what using this channel shows for the FOUR indicators.
 * `details`: extra fields the form asks for when this channel is chosen.
 */
/** What an occasion's channel or behaviour shows for the "obsessive" FOUR indicator. */
export type ObsessiveConductKind = 'surveillance' | 'intrusion';

/** A channel option and what it means for the rules. */
export interface ChannelInfo extends CodedOption {
  readonly cyberEnabled: boolean;
  readonly written: boolean;
  readonly fourEvidence?: ObsessiveConductKind;
  readonly details?: readonly string[];
}

const channelList = [
  { code: 'in-person', label: 'In person', cyberEnabled: false, written: false },
  { code: 'phone-call', label: 'Phone call', cyberEnabled: true, written: false },
  { code: 'text', label: 'Text message', cyberEnabled: true, written: true },
  {
    code: 'social-media',
    label: 'Social media',
    cyberEnabled: true,
    written: true,
    details: ['platform', 'accountName'],
  },
  { code: 'email', label: 'Email', cyberEnabled: true, written: true },
  {
    code: 'tracking-device-or-app',
    label: 'Tracking device or app',
    cyberEnabled: true,
    written: false,
    fourEvidence: 'surveillance',
  },
  {
    code: 'through-third-parties',
    label: 'Through third parties',
    cyberEnabled: false,
    written: false,
    fourEvidence: 'intrusion',
  },
  { code: 'other', label: 'Other', cyberEnabled: false, written: false },
] as const satisfies readonly ChannelInfo[];
export type ChannelCode = (typeof channelList)[number]['code'];
export const channels: readonly (ChannelInfo & { readonly code: ChannelCode })[] = channelList;

/**
 * What the suspect did on an occasion.
 * `stalkingAct`: the act is associated with stalking, either listed in
 * PHA 1997 s2A(3) (with its paragraph) or recognised in guidance (the
 * statutory list is not exhaustive).
 * `fourEvidence`: surveillance or intrusion into the victim's life, which is
 * evidence that the behaviour is obsessive.
 * `maliciousContent`: a message with this content can be malicious
 * communications (a threat, or indecent material).
 */
/** A behaviour option and what it means for the rules. */
export interface BehaviourInfo extends CodedOption {
  readonly stalkingAct?: `s2A(3)(${'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g'})` | 'guidance';
  readonly fourEvidence?: ObsessiveConductKind;
  readonly maliciousContent?: boolean;
  readonly otherOffence?: boolean;
}

const behaviourList = [
  { code: 'following', label: 'Following', stalkingAct: 's2A(3)(a)', fourEvidence: 'surveillance' },
  { code: 'contacting', label: 'Contacting or attempting to contact', stalkingAct: 's2A(3)(b)' },
  {
    code: 'publishing-material',
    label: 'Publishing material relating to the victim or claiming to come from them',
    stalkingAct: 's2A(3)(c)',
    fourEvidence: 'intrusion',
  },
  {
    code: 'monitoring-communications',
    label: 'Monitoring the victim’s internet, email or other electronic communication',
    stalkingAct: 's2A(3)(d)',
    fourEvidence: 'surveillance',
  },
  { code: 'loitering', label: 'Loitering', stalkingAct: 's2A(3)(e)', fourEvidence: 'surveillance' },
  {
    code: 'interfering-with-property',
    label: 'Interfering with property',
    stalkingAct: 's2A(3)(f)',
    fourEvidence: 'intrusion',
  },
  { code: 'watching-or-spying', label: 'Watching or spying', stalkingAct: 's2A(3)(g)', fourEvidence: 'surveillance' },
  { code: 'threats-of-violence', label: 'Threats of violence', maliciousContent: true },
  { code: 'violence', label: 'Violence', otherOffence: true },
  { code: 'damage-to-property', label: 'Damage to property', otherOffence: true },
  { code: 'unwanted-gifts', label: 'Unwanted gifts', stalkingAct: 'guidance', fourEvidence: 'intrusion' },
  {
    code: 'contact-with-others',
    label: 'Contact with family, friends or colleagues',
    stalkingAct: 'guidance',
    fourEvidence: 'intrusion',
  },
  {
    code: 'image-based-abuse',
    label: 'Image-based abuse',
    stalkingAct: 'guidance',
    fourEvidence: 'intrusion',
    maliciousContent: true,
  },
  {
    code: 'monitoring-or-tracking',
    label: 'Monitoring or tracking',
    stalkingAct: 'guidance',
    fourEvidence: 'surveillance',
  },
  { code: 'other', label: 'Other' },
] as const satisfies readonly BehaviourInfo[];
export type BehaviourCode = (typeof behaviourList)[number]['code'];
export const behaviours: readonly (BehaviourInfo & { readonly code: BehaviourCode })[] = behaviourList;

/**
 * The effect on the victim. `kind` says which statutory test the effect
 * speaks to: fear of violence (s4, s4A), serious alarm or distress (s4A), or a
 * change to usual day-to-day activities (the "substantial adverse effect" of s4A).
 */
export const effects = [
  { code: 'fear-of-violence', label: 'Fear that violence will be used', kind: 'fear-of-violence' },
  { code: 'serious-alarm-or-distress', label: 'Serious alarm or distress', kind: 'serious-alarm-or-distress' },
  { code: 'moved-home', label: 'Moved home', kind: 'day-to-day-change' },
  { code: 'changed-job', label: 'Changed job', kind: 'day-to-day-change' },
  { code: 'changed-route', label: 'Changed route', kind: 'day-to-day-change' },
  { code: 'stopped-going-out', label: 'Stopped going out', kind: 'day-to-day-change' },
  { code: 'changed-phone', label: 'Changed phone or number', kind: 'day-to-day-change' },
  { code: 'other-change', label: 'Other change to day-to-day life', kind: 'day-to-day-change' },
] as const;
export type EffectCode = (typeof effects)[number]['code'];
export type EffectKind = (typeof effects)[number]['kind'];

/** Vulnerability and risk indicators recorded at intake. */
export const indicators = [
  { code: 'adult-at-risk', label: 'Adult at risk' },
  { code: 'child-in-household', label: 'Child in the household' },
  { code: 'disability', label: 'Disability' },
  { code: 'mental-health', label: 'Mental health' },
  { code: 'language-needs', label: 'Language needs' },
  { code: 'honour-based-abuse', label: 'Honour-based abuse concern' },
  { code: 'suspect-works-for-force', label: 'Suspect works for the force' },
  { code: 'victim-works-for-force', label: 'Victim works for the force' },
] as const;
export type IndicatorCode = (typeof indicators)[number]['code'];

/** Court orders whose breach these rules classify. */
export const orderTypes = [
  { code: 'restraining-order', label: 'Restraining order', breachOffence: 'breach-restraining-order' },
  {
    code: 'stalking-protection-order',
    label: 'Stalking protection order (full or interim)',
    breachOffence: 'breach-stalking-protection-order',
  },
] as const;
export type OrderTypeCode = (typeof orderTypes)[number]['code'];

/**
 * Other crimes committed alongside the course of conduct, grouped as the
 * principal crime rule needs them (001: stalking ranks above assaults up to
 * and including s20 OAPA 1861).
 */
export const otherCrimeKinds = [
  { code: 'assault-up-to-s20', label: 'Assault, up to and including s20 wounding or grievous bodily harm' },
  { code: 'more-serious-than-s20', label: 'A crime more serious than s20 (for example s18 or a sexual offence)' },
  { code: 'other-offence', label: 'Another offence (for example criminal damage)' },
] as const;
export type OtherCrimeKindCode = (typeof otherCrimeKinds)[number]['code'];
