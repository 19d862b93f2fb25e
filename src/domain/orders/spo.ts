/**
 * The Stalking Protection Order process (DOMAIN.md §10, West Yorkshire 004): consider an SPO
 * in every stalking case; referral (SPOR1) to the SCU; the SCU's decision; the application
 * (SPO1) for superintendent authority; the hearing; an interim or full order granted, or
 * refused. Each stage is a step with its own permission; only the authorising
 * superintendent's permission authorises.
 */
import type { Permission } from '../access/index.ts';

export const SPO_STAGES = [
  'referred',
  'scu-approved',
  'scu-declined',
  'application-prepared',
  'authorised',
  'not-authorised',
  'hearing-listed',
  'interim-granted',
  'granted',
  'refused',
  'withdrawn',
] as const;
export type SpoStage = (typeof SPO_STAGES)[number];

export const SPO_STAGE_LABELS: Readonly<Record<SpoStage, string>> = {
  referred: 'Referred to the SCU (SPOR1)',
  'scu-approved': 'SCU approved the referral',
  'scu-declined': 'SCU declined the referral',
  'application-prepared': 'Application prepared (SPO1) for authority',
  authorised: 'Authorised by the superintendent',
  'not-authorised': 'Not authorised by the superintendent',
  'hearing-listed': 'Court hearing listed',
  'interim-granted': 'Interim order granted',
  granted: 'Full order granted',
  refused: 'Refused by the court',
  withdrawn: 'Withdrawn',
};

/** The permission each stage needs. Authorising or refusing authority needs 'orders:authorise' and nothing else does. */
export const SPO_STAGE_PERMISSION: Readonly<Record<SpoStage, Permission>> = {
  referred: 'cases:write',
  'scu-approved': 'orders:manage',
  'scu-declined': 'orders:manage',
  'application-prepared': 'orders:manage',
  authorised: 'orders:authorise',
  'not-authorised': 'orders:authorise',
  'hearing-listed': 'orders:manage',
  'interim-granted': 'orders:manage',
  granted: 'orders:manage',
  refused: 'orders:manage',
  withdrawn: 'orders:manage',
};

const NEXT: Readonly<Record<SpoStage, readonly SpoStage[]>> = {
  referred: ['scu-approved', 'scu-declined', 'withdrawn'],
  'scu-approved': ['application-prepared', 'withdrawn'],
  'scu-declined': [],
  'application-prepared': ['authorised', 'not-authorised', 'withdrawn'],
  authorised: ['hearing-listed', 'withdrawn'],
  'not-authorised': ['application-prepared', 'withdrawn'],
  'hearing-listed': ['interim-granted', 'granted', 'refused', 'withdrawn'],
  'interim-granted': ['hearing-listed', 'granted', 'refused', 'withdrawn'],
  granted: [],
  refused: [],
  withdrawn: [],
};

/** The stages that may follow a stage. A declined authority may be resubmitted with a new application. */
export function nextSpoStages(stage: SpoStage): readonly SpoStage[] {
  return NEXT[stage];
}

export function isFinalSpoStage(stage: SpoStage): boolean {
  return NEXT[stage].length === 0;
}

export interface StageProblem {
  field: string;
  message: string;
}

/** Why a move from one stage to another is not allowed, or null when it is. */
export function transitionProblem(from: SpoStage, to: SpoStage): StageProblem | null {
  if (NEXT[from].includes(to)) return null;
  if (isFinalSpoStage(from)) return { field: 'stage', message: `The application is closed (${SPO_STAGE_LABELS[from].toLowerCase()}): no further stages can be recorded` };
  return { field: 'stage', message: `After "${SPO_STAGE_LABELS[from]}" the next stage must be one of: ${NEXT[from].map((s) => SPO_STAGE_LABELS[s]).join('; ')}` };
}

/** The superintendent's authority: each test answered in words. */
export interface AuthorityRecord {
  necessary?: string | undefined;
  proportionate?: string | undefined;
  justified?: string | undefined;
  humanRightsSubject?: string | undefined;
  humanRightsVictim?: string | undefined;
}

const AUTHORITY_FIELDS: ReadonlyArray<[keyof AuthorityRecord, string]> = [
  ['necessary', 'Explain why the order is necessary to protect the victim'],
  ['proportionate', 'Explain why the order is proportionate'],
  ['justified', 'Explain why the order is justified'],
  ['humanRightsSubject', 'Record how the subject’s human rights were considered'],
  ['humanRightsVictim', 'Record how the victim’s human rights were considered'],
];

/** Authority needs every test answered; refusing it needs a reason. */
export function authorityProblems(stage: 'authorised' | 'not-authorised', record: AuthorityRecord & { reason?: string | undefined }): StageProblem[] {
  if (stage === 'not-authorised') return record.reason?.trim() ? [] : [{ field: 'reason', message: 'Give the reason authority is not given' }];
  return AUTHORITY_FIELDS.filter(([field]) => !record[field]?.trim()).map(([field, message]) => ({ field, message }));
}

/** What granting an order sets off (on every grant, interim or full). */
export const GRANT_TASKS = [
  { type: 'spo-tell-victim', title: 'Tell the victim the order has been granted and what it prohibits' },
  { type: 'spo-set-flag', title: 'Set the stalking flag on the subject and a notify-if flag for the SCU' },
  { type: 'spo-update-pnc', title: 'Update PNC with the order (checklist: order recorded, terms, protected persons, expiry)' },
  { type: 'order-allocate-manager', title: 'Allocate an offender manager for the subject of the order' },
] as const;
