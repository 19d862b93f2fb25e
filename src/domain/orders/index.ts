/** Orders and offender management rules. See README.md in this folder. */
export { ORDER_TYPES, ORDER_TYPE_CODES, breachRuleFor, canonicalOrderType, isSpoType, orderTypeInfo, type OrderTypeInfo } from './order-types.ts';
export { westYorkshireOrdersPolicy, type OrdersPolicy } from './policy.ts';
export {
  GRANT_TASKS,
  SPO_STAGES,
  SPO_STAGE_LABELS,
  SPO_STAGE_PERMISSION,
  authorityProblems,
  isFinalSpoStage,
  nextSpoStages,
  transitionProblem,
  type AuthorityRecord,
  type SpoStage,
  type StageProblem,
} from './spo.ts';
export {
  NOTIFICATION_LABELS,
  RENEWAL_EVIDENCE_PROMPTS,
  TRANSFER_PACK_ITEMS,
  dueState,
  expiryOf,
  moveInDue,
  nextReviewDue,
  nextVisitDue,
  notificationDueOn,
  planFromTerms,
  renewalSubmissionDue,
  spoGrantDeadlines,
  spoTermProblem,
  termOf,
  type DueState,
  type NotificationKind,
  type PlanItem,
} from './management.ts';
export { assessBreach, type BreachAssessment } from './breaches.ts';
