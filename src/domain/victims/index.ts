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
export {
  EMPTY_WITHDRAWAL,
  EVIDENCE_LED_DECISIONS,
  EVIDENCE_LED_DECISION_LABELS,
  checkWithdrawal,
  mergeWithdrawal,
  outcome16FromWithdrawal,
  sameWithdrawal,
} from './withdrawal.ts';
export type { EvidenceLedDecision, Outcome16Given, WithdrawalProblem, WithdrawalRecord } from './withdrawal.ts';
export {
  EMPTY_COURT_SUPPORT,
  SPECIAL_MEASURES,
  SPECIAL_MEASURES_NEEDS,
  SPECIAL_MEASURES_NEED_CODES,
  SPECIAL_MEASURE_CODES,
  checkCourtSupport,
  personalStatementState,
} from './court-support.ts';
export type { CourtSupportProblem, CourtSupportRecord, SpecialMeasure, SpecialMeasuresNeed } from './court-support.ts';
