/** Victims' Code rules for Vigil: entitlement, notification duties, referrals and the safety pack. See README.md. */
export { ageOn, deriveEntitlement, effectiveEntitlement, westYorkshireEntitlementPolicy } from './entitlement.ts';
export type { DerivedEntitlement, EffectiveEntitlement, EntitlementFacts, EntitlementPolicy, EntitlementReason, ManualRaise } from './entitlement.ts';
export { NOTIFIABLE_EVENTS, dutiesForEvent, eventLabel, isBailEvent, notifiableEventCodes, previousWorkingDay } from './events.ts';
export type { DutyInput, NotifiableEvent, VictimDuty } from './events.ts';
export {
  DEFAULT_SUPPORT_SERVICES,
  REFERRAL_STATUSES,
  REFERRAL_STATUS_LABELS,
  checkReferralChange,
  findService,
  needsConsent,
  requiredOffers,
} from './referrals.ts';
export type { ReferralChange, ReferralProblem, ReferralStatus, RequiredOffer, ServiceKind, SupportService } from './referrals.ts';
export { buildSafetyPack } from './safety-pack.ts';
export type { PackSection, SafetyPack, SafetyPackInput } from './safety-pack.ts';
