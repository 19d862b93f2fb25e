import { z } from 'zod';
import { isTeam, type Permission } from '../../domain/access/index.ts';
import { endOfLondonDay, isLocalDate, londonDateOf } from '../../domain/calendar/index.ts';
import { insertWarningNotice } from '../people/history-repository.ts';
import {
  LINES_OF_ENQUIRY,
  OUTCOME_TYPES,
  S2B_TRANSITIONS,
  SUSPECT_ACTIONS,
  TEAM_CODES,
  finalisationTasks,
  fromClassificationOffence,
  isActionPermitted,
  isStalking,
  linesOfEnquiry,
  outcomeType,
  prosecutionFileGaps,
  recommendAllocation,
  s2bState,
  supervisionDue,
  overdueReviews,
  transitionS2b,
  validateAllocationDecision,
  validateFinalisation,
  validateSuspectAction,
  validateTriage,
  westYorkshireInvestigationPolicy,
  type AllocationFacts,
  type AllocationRecommendation,
  type EnquiryFacts,
  type FinalisationInput,
  type Issue,
  type OffenceCode,
  type RiskGrade,
  type S2bEvent,
  type S2bState,
  type SupervisionDue,
  type SuspectAction,
  type SuspectActionInput,
  type TeamCode,
} from '../../domain/investigation/index.ts';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type AuditAction, type Db } from '../../platform/audit/audit-repository.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors.ts';
import type { Deps } from '../../platform/deps.ts';
import * as cases from '../cases/repository.ts';
import { insertPoliceAction, occasionsOfCase } from '../conduct/repository.ts';
import { closeOpenTasksOfType, closeTask, getTask, insertTasks, tasksForCase, type TaskRow } from '../tasks/repository.ts';
import { clearOutcome } from '../victims/repository.ts';
import { keepWithdrawalFromFinalisation, recordNotifiableEvent, withdrawalForFinalisation, type WithdrawalForFinalisation } from '../victims/service.ts';
import * as repo from './repository.ts';
import { runUseCase } from '../../platform/db/use-case.ts';
import { caseForChange, caseForRead } from '../cases/access.ts';

/** The force policy in use. West Yorkshire is the default (DOMAIN.md §7–9); a force sets its own as data. */
export const POLICY = westYorkshireInvestigationPolicy;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------
// Plumbing

type Outcome<T> = { value: T } | { error: unknown };

async function audit(tx: Db, ctx: RequestContext, action: AuditAction, recordType: string, recordId: string | undefined, details: Record<string, unknown> = {}, reason?: string): Promise<void> {
  await appendAudit(tx, {
    actorId: ctx.actor.id,
    actorUsername: ctx.actor.username,
    action,
    recordType,
    ...(recordId ? { recordId } : {}),
    details,
    ...(reason ? { reason } : {}),
    requestId: ctx.requestId,
  });
}

function requireAny(ctx: RequestContext, permissions: readonly Permission[]): void {
  if (!permissions.some((p) => ctx.actor.permissions.has(p))) throw new ForbiddenError();
}

function checkVersion(record: cases.CaseRecord, version: number | undefined): void {
  if (version !== undefined && version !== record.version) {
    throw new ConflictError('Someone else changed this case since you opened it. Reload the page to see the changes, then try again.', [
      { field: 'version', yours: version, theirs: record.version },
    ]);
  }
}

function refuse(issues: readonly Issue[] | readonly FieldError[]): never {
  throw new ValidationError(issues.map((i) => ({ field: i.field, message: i.message })));
}

// ---------------------------------------------------------------------------
// Facts about the case that the rules need

/** The offence the rules reason about: the confirmed classification, else the latest suggestion; stalking recorded alongside counts. */
export function offenceOf(record: cases.CaseRecord, reports: cases.CaseReportSummary[]): OffenceCode | null {
  const suggested = [...reports].reverse().find((r) => r.suggestion)?.suggestion?.principal;
  const principal = record.offence ?? (typeof suggested === 'string' ? suggested : null);
  const mapped = principal ? fromClassificationOffence(principal) : undefined;
  const alongside = record.alsoRecord.map(fromClassificationOffence).filter((o): o is OffenceCode => o !== undefined);
  if (mapped && isStalking(mapped, POLICY.stalkingOffences)) return mapped;
  const stalkingAlongside = alongside.find((o) => isStalking(o, POLICY.stalkingOffences));
  return stalkingAlongside ?? mapped ?? null;
}

/** The offence used where a rule needs one and the case is not classified yet: treated as harassment, not stalking. */
function offenceForRules(offence: OffenceCode | null): OffenceCode {
  return offence ?? 's2';
}

export const ALLOCATION_FLAGS = [
  'domesticAbuse',
  'intimateOrExPartner',
  'adultAtRisk',
  'honourBasedAbuse',
  'coerciveControlPersonallyConnected',
  'prolongedCourseOfConduct',
  'significantCumulativeImpact',
  'escalating',
] as const;
export type AllocationFlagName = (typeof ALLOCATION_FLAGS)[number];
export type FactFlags = Record<AllocationFlagName, boolean>;

/** The facts as Vigil reads them from the case; the sergeant confirms or corrects them when triaging. */
function derivedFlags(record: cases.CaseRecord, reports: cases.CaseReportSummary[]): FactFlags {
  const relationships = reports.map((r) => r.relationship);
  const indicators = reports.flatMap((r) => r.indicators);
  const partner = relationships.some((r) => r === 'current-intimate-partner' || r === 'ex-intimate-partner');
  const personallyConnected = partner || relationships.includes('family');
  const coercive = [record.offence, ...record.alsoRecord].includes('controlling-or-coercive-behaviour');
  return {
    domesticAbuse: record.domesticAbuse,
    intimateOrExPartner: partner,
    adultAtRisk: indicators.includes('adult-at-risk'),
    honourBasedAbuse: indicators.includes('honour-based-abuse'),
    coerciveControlPersonallyConnected: coercive && personallyConnected,
    prolongedCourseOfConduct: false,
    significantCumulativeImpact: false,
    escalating: false,
  };
}

function allocationFacts(offence: OffenceCode, flags: FactFlags, riskGrade: RiskGrade): AllocationFacts {
  return {
    offence,
    domesticAbuse: flags.domesticAbuse,
    intimateOrExPartner: flags.intimateOrExPartner,
    adultAtRisk: flags.adultAtRisk,
    honourBasedAbuse: flags.honourBasedAbuse,
    coerciveControlPersonallyConnected: flags.coerciveControlPersonallyConnected,
    escalation: {
      prolongedCourseOfConduct: flags.prolongedCourseOfConduct,
      significantCumulativeImpact: flags.significantCumulativeImpact,
      escalating: flags.escalating,
    },
    riskGrade,
  };
}

export const ENQUIRY_FLAGS = [
  'digitalContact',
  'socialMedia',
  'recordedCalls',
  'incidentsInPublicPlaces',
  'thirdPartiesHoldMaterial',
  'suspectIdentified',
  'suspectDescribed',
  'witnesses',
  'childProtectionConcern',
] as const;
export type EnquiryFlagName = (typeof ENQUIRY_FLAGS)[number];

async function derivedEnquiryFlags(tx: Db, record: cases.CaseRecord, reports: cases.CaseReportSummary[]): Promise<Record<EnquiryFlagName, boolean>> {
  const occasions = await occasionsOfCase(tx, record.id);
  const channels = new Set(occasions.flatMap((o) => o.channels));
  return {
    digitalContact: ['text', 'phone-call', 'email', 'tracking-device-or-app'].some((c) => channels.has(c)),
    socialMedia: channels.has('social-media'),
    recordedCalls: false,
    incidentsInPublicPlaces: channels.has('in-person'),
    thirdPartiesHoldMaterial: channels.has('through-third-parties'),
    suspectIdentified: record.suspectPersonId !== null,
    suspectDescribed: record.suspectPersonId !== null,
    witnesses: false,
    childProtectionConcern: reports.some((r) => r.indicators.includes('child-in-household')),
  };
}

// ---------------------------------------------------------------------------
// Reading: the investigation page, the finalisation page, the prosecution file and the API

export interface S2bView {
  events: repo.S2bRow[];
  state: S2bState | 'none';
  next: readonly S2bState[];
  eligible: boolean;
}

export interface InvestigationView {
  record: cases.CaseRecord;
  parties: cases.PartyName[];
  offence: OffenceCode | null;
  stalking: boolean;
  riskGrade: RiskGrade | null;
  flags: FactFlags;
  recommendation: AllocationRecommendation | null;
  allocations: repo.AllocationRow[];
  officers: repo.OfficerCandidate[];
  enquiryFlags: Record<EnquiryFlagName, boolean>;
  plan: TaskRow[];
  s2b: S2bView;
  suspectActions: repo.SuspectActionRow[];
  log: repo.LogRow[];
  supervision: SupervisionDue & { lastReviewAt: Date | null; riskGradeUsed: RiskGrade };
  finalisations: repo.FinalisationRow[];
  investigatingTeam: TeamCode | null;
  prosecutionFile: repo.ProsecutionFileRow | null;
  prosecutionGaps: Issue[];
  riskAssessments: number;
  /** The victim's withdrawal record in victim care, which finalisation with outcome 16 uses. */
  withdrawal: { recorded: boolean; personId: string | null; outcome16: WithdrawalForFinalisation['outcome16'] };
  now: Date;
}

const OFFICER_ROLES = ['investigator', 'detective-sergeant', 'stalking-coordination-unit'] as const;

function asTeamCode(team: string | null | undefined): TeamCode | null {
  return team && (TEAM_CODES as readonly string[]).includes(team) ? (team as TeamCode) : null;
}

function fileForRules(file: repo.ProsecutionFileRow | null) {
  return {
    dashAttached: file?.dashAttached ?? false,
    screeningToolAttached: file?.screeningToolAttached ?? false,
    victimPersonalStatement: file?.victimPersonalStatement ?? 'not-offered',
    ...(file?.restrainingOrderWanted === null || file === null ? {} : { restrainingOrderWanted: file.restrainingOrderWanted }),
    restrainingOrderTerms: file?.restrainingOrderTerms ?? [],
    specialMeasuresAssessed: file?.specialMeasuresAssessed ?? false,
    ...(file?.courseOfConductSummary ? { courseOfConductSummary: file.courseOfConductSummary } : {}),
    ...(file?.bailOrRemandRecommendation ? { bailOrRemandRecommendation: file.bailOrRemandRecommendation } : {}),
  } as const;
}

async function loadView(tx: Db, record: cases.CaseRecord, now: Date, clock: Deps['clock']): Promise<InvestigationView> {
  const [parties, reports, riskGrade, allocations, officers, tasks, s2bEvents, suspectActions, log, finalisations, file, riskAssessments, withdrawal] = await Promise.all([
    cases.partiesOfCase(tx, record.id),
    cases.reportsOfCase(tx, record.id),
    repo.latestRiskGrade(tx, record.id),
    repo.allocationsOfCase(tx, record.id),
    repo.officerCandidates(tx, OFFICER_ROLES),
    tasksForCase(tx, record.id),
    repo.s2bEventsOfCase(tx, record.id),
    repo.suspectActionsOfCase(tx, record.id),
    repo.logOfCase(tx, record.id),
    repo.finalisationsOfCase(tx, record.id),
    repo.getProsecutionFile(tx, record.id),
    repo.riskAssessmentCount(tx, record.id),
    withdrawalForFinalisation(tx, record.id, undefined),
  ]);
  const offence = offenceOf(record, reports);
  const current = allocations[0];
  const flags = current ? ({ ...derivedFlags(record, reports), ...(current.facts.flags as Partial<FactFlags>) } as FactFlags) : derivedFlags(record, reports);
  const grade = riskGrade ?? 'standard';
  const recommendation = offence ? recommendAllocation(allocationFacts(offence, flags, grade), POLICY) : null;
  const lastReview = log.find((l) => l.entryType === 'supervisor-review');
  const supervision = supervisionDue({ recordedOn: londonDateOf(record.createdAt), ...(lastReview ? { lastReviewOn: londonDateOf(lastReview.at) } : {}), riskGrade: grade }, clock, POLICY);
  const state = s2bState({ events: s2bEvents.map(toS2bEvent) });
  return {
    record,
    parties,
    offence,
    stalking: offence !== null && isStalking(offence, POLICY.stalkingOffences),
    riskGrade,
    flags,
    recommendation,
    allocations,
    officers,
    enquiryFlags: await derivedEnquiryFlags(tx, record, reports),
    plan: tasks.filter((t) => t.type === repo.LINE_OF_ENQUIRY_TASK),
    s2b: { events: s2bEvents, state, next: S2B_TRANSITIONS[state], eligible: offence !== null && POLICY.enquiries.s2bOffences.includes(offence) },
    suspectActions,
    log,
    supervision: { ...supervision, lastReviewAt: lastReview?.at ?? null, riskGradeUsed: grade },
    finalisations,
    investigatingTeam: asTeamCode(current?.investigatingTeam) ?? asTeamCode(record.ownerTeam),
    prosecutionFile: file ?? null,
    prosecutionGaps: prosecutionFileGaps(fileForRules(file ?? null)),
    riskAssessments,
    withdrawal: { recorded: withdrawal.existing !== null, personId: withdrawal.personId, outcome16: withdrawal.outcome16 },
    now,
  };
}

/** Everything about the investigation of a case. Audited as a view; restricted cases need a named user and a reason. */
export async function viewInvestigation(deps: Deps, ctx: RequestContext, caseId: string, reason?: string, area = 'investigation'): Promise<InvestigationView> {
  requirePermission(ctx.actor, 'cases:read');
  const outcome = await deps.db.transaction().execute(async (tx): Promise<Outcome<InvestigationView>> => {
    try {
      const { record, reason: given } = await caseForRead(tx, ctx, caseId, reason);
      const view = await loadView(tx, record, deps.clock.now(), deps.clock);
      await audit(tx, ctx, 'view', 'case-investigation', record.id, { area }, given);
      return { value: view };
    } catch (error) {
      return { error };
    }
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}

// ---------------------------------------------------------------------------
// Input helpers

const text = (max: number, label: string) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`).nullish().transform((v) => v || undefined)).optional();

const yesNo = z.preprocess((v) => (v === 'yes' || v === 'true' || v === true ? true : v === 'no' || v === 'false' || v === false || v === '' ? false : v), z.boolean({ message: 'Choose yes or no' }));
const optionalYesNo = z.preprocess(
  (v) => (v === 'yes' || v === 'true' || v === true ? true : v === 'no' || v === 'false' || v === false ? false : v === '' || v === undefined || v === null ? undefined : v),
  z.boolean({ message: 'Choose yes or no' }).optional(),
);
const version = z.coerce.number({ message: 'The version must be a number' }).int().positive().optional();
const localDate = (label: string) => z.string({ message: `Enter ${label}` }).trim().refine(isLocalDate, `Enter ${label} as a real date`);
const lines = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : v === undefined || v === null ? [] : v),
  z.array(z.string().trim().min(1).max(500, 'Each line must be 500 characters or fewer')).max(50, 'Give 50 items or fewer'),
);

/** An instant: ISO 8601 with an offset. */
const instant = (label: string) =>
  z.preprocess(
    (v) => (v instanceof Date ? v.toISOString() : v),
    z
      .string({ message: `Enter ${label}` })
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, `Enter ${label} as a date and time`)
      .refine((s) => !Number.isNaN(new Date(s).getTime()), `Enter ${label} as a real date and time`)
      .transform((s) => new Date(s)),
  );

function notInFuture(at: Date, now: Date, field: string): void {
  if (at.getTime() > now.getTime() + 5 * 60_000) throw new ValidationError([{ field, message: 'The date and time cannot be in the future' }]);
}

// ---------------------------------------------------------------------------
// Allocation and triage

const triageDimension = z
  .object({
    level: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['low', 'medium', 'high'], 'Choose low, medium or high').optional()),
    text: text(4000, 'The explanation'),
  })
  .optional();

const flagsInput = z.object(Object.fromEntries(ALLOCATION_FLAGS.map((f) => [f, yesNo.default(false)])) as Record<AllocationFlagName, z.ZodDefault<typeof yesNo>>);

export const allocationInput = z.object({
  facts: flagsInput.optional(),
  triage: z.object({ threat: triageDimension, risk: triageDimension, harm: triageDimension, complexity: triageDimension }).default({}),
  rationale: text(8000, 'The rationale'),
  investigatingTeam: z.enum(TEAM_CODES as [TeamCode, ...TeamCode[]], 'Choose the team that will investigate'),
  officerUserId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid('Choose the officer from the list').optional()),
  overrideReason: text(4000, 'The reason'),
  version,
});
export type AllocationInput = z.infer<typeof allocationInput>;

export interface AllocationResult {
  allocationId: string;
  recommendation: AllocationRecommendation;
  reassignment: boolean;
  scuLiaisonTaskId: string | null;
  prompts: string[];
}

/**
 * The detective sergeant's triage and allocation: the policy recommends a team and a
 * reviewing sergeant from the facts; the triage needs threat, risk, harm and complexity
 * with a rationale; a forbidden team is refused naming the rule; another team than the
 * recommended one needs a reason. High risk creates an SCU liaison task. Every decision
 * is kept, so reassignments have a history.
 */
export async function allocate(deps: Deps, ctx: RequestContext, caseId: string, input: AllocationInput): Promise<AllocationResult> {
  requirePermission(ctx.actor, 'allocation:triage');
  const now = deps.clock.now();
  return runUseCase(deps, (tx) => allocateIn(tx, ctx, caseId, input, now));
}

/** The work of allocate inside the caller's transaction (the caller checks the permission). */
export async function allocateIn(tx: Db, ctx: RequestContext, caseId: string, input: AllocationInput, now: Date): Promise<AllocationResult> {
  const record = await caseForChange(tx, ctx, caseId, 'investigation');
  checkVersion(record, input.version);
  if (record.status === 'finalised') throw new ConflictError('This case is finalised. Reopen it before allocating it again.');
  const reports = await cases.reportsOfCase(tx, caseId);
  const offence = offenceOf(record, reports);
  if (!offence) refuse([{ field: 'investigatingTeam', message: 'The case has no classification yet. Record the crime decision before allocating it.' }]);
  const flags = input.facts ?? derivedFlags(record, reports);
  const riskGrade = (await repo.latestRiskGrade(tx, caseId)) ?? 'standard';
  const facts = allocationFacts(offence, flags, riskGrade);
  const recommendation = recommendAllocation(facts, POLICY);
  const errors: FieldError[] = validateTriage({ ...input.triage, ...(input.rationale ? { rationale: input.rationale } : {}) }).errors.map((e) => ({
    field: e.field === 'rationale' ? 'rationale' : `triage.${e.field}`,
    message: e.message,
  }));
  errors.push(...validateAllocationDecision(recommendation, { investigatingTeam: input.investigatingTeam, ...(input.overrideReason ? { overrideReason: input.overrideReason } : {}) }).errors);
  if (input.officerUserId) {
    const officers = await repo.officerCandidates(tx, OFFICER_ROLES);
    if (!officers.some((o) => o.id === input.officerUserId)) errors.push({ field: 'officerUserId', message: 'Choose the officer from the list' });
  }
  if (errors.length > 0) refuse(errors);

  const previous = (await repo.allocationsOfCase(tx, caseId))[0];
  const reassignment = previous !== undefined && (previous.investigatingTeam !== input.investigatingTeam || previous.officerUserId !== (input.officerUserId ?? null));
  const allocationId = await repo.insertAllocation(tx, {
    caseId,
    facts: { ...facts, flags },
    recommendation,
    triage: input.triage,
    rationale: input.rationale!,
    investigatingTeam: input.investigatingTeam,
    officerUserId: input.officerUserId ?? null,
    overrideReason: input.investigatingTeam !== recommendation.investigatingTeam ? (input.overrideReason ?? null) : null,
    by: ctx.actor.id,
    at: now,
  });
  // Teams without a row of their own (the non-specialist investigation teams) leave the case to the named officer.
  const ownerTeam = isTeam(input.investigatingTeam) ? input.investigatingTeam : null;
  if (!(await cases.setAllocation(tx, caseId, record.version, { ownerTeam, ownerUserId: input.officerUserId ?? null, at: now }))) {
    throw new ConflictError('Someone else changed this case since you opened it. Reload the page and try again.');
  }
  await closeOpenTasksOfType(tx, { caseId, type: 'allocation-triage' }, { outcome: `Allocated to ${input.investigatingTeam}`, by: ctx.actor.id, at: now });

  let scuLiaisonTaskId: string | null = null;
  const openTasks = await tasksForCase(tx, caseId);
  if (recommendation.scuLiaisonRequired && !openTasks.some((t) => t.type === 'scu-liaison' && t.status === 'open')) {
    [scuLiaisonTaskId = null] = await insertTasks(tx, [
      {
        type: 'scu-liaison',
        title: 'Liaise with the Stalking Coordination Unit: high-risk stalking',
        caseId,
        ownerTeam: 'scu',
        dueAt: new Date(now.getTime() + DAY),
        details: { allocationId, why: recommendation.reasons.find((r) => r.code.includes('scu'))?.text ?? 'The risk is high.' },
        createdBy: ctx.actor.id,
      },
    ]);
  }
  const prompts = recommendation.considerReclassifyToS4A
    ? ['There is evidence of a prolonged course of conduct, significant cumulative impact or escalation: consider reclassifying the offence as s4A.']
    : [];
  const triageText = (['threat', 'risk', 'harm', 'complexity'] as const)
    .map((d) => `${d[0]!.toUpperCase()}${d.slice(1)}: ${input.triage[d]?.level} (${input.triage[d]?.text})`)
    .join('. ');
  await repo.insertLogEntry(tx, { caseId, entryType: 'triage', text: `${triageText}. Rationale: ${input.rationale}`, details: { allocationId, riskGrade }, by: ctx.actor.id, at: now });
  await repo.insertLogEntry(tx, {
    caseId,
    entryType: 'allocation',
    text: `${reassignment ? 'Reallocated' : 'Allocated'} to ${input.investigatingTeam}${input.overrideReason && input.investigatingTeam !== recommendation.investigatingTeam ? ` against the recommendation (${recommendation.investigatingTeam}): ${input.overrideReason}` : ''}.`,
    details: { allocationId, recommended: recommendation.investigatingTeam, reviewingSergeantTeam: recommendation.reviewingSergeantTeam, previous: previous?.investigatingTeam ?? null },
    by: ctx.actor.id,
    at: now,
  });
  await audit(tx, ctx, 'update', 'case', caseId, {
    allocationId,
    investigatingTeam: input.investigatingTeam,
    recommended: recommendation.investigatingTeam,
    override: input.investigatingTeam !== recommendation.investigatingTeam,
    reassignment,
    scuLiaisonTaskId,
  });
  return { allocationId, recommendation, reassignment, scuLiaisonTaskId, prompts };
}

// ---------------------------------------------------------------------------
// Investigation plan: lines of enquiry as tasks

const enquiryFlagsInput = z.object(Object.fromEntries(ENQUIRY_FLAGS.map((f) => [f, yesNo.default(false)])) as Record<EnquiryFlagName, z.ZodDefault<typeof yesNo>>);
export const planInput = z.object({ facts: enquiryFlagsInput.optional() });
export type PlanInput = z.infer<typeof planInput>;

/** Adds the lines of enquiry the facts call for, each a task with owner, due date and state; lines already on the plan are kept as they are. */
export async function generatePlan(deps: Deps, ctx: RequestContext, caseId: string, input: PlanInput): Promise<{ created: Array<{ taskId: string; code: string; title: string; dueAt: Date }> }> {
  requirePermission(ctx.actor, 'investigation:manage');
  const now = deps.clock.now();
  return runUseCase(deps, (tx) => generatePlanIn(tx, ctx, caseId, input, now));
}

/** The work of generatePlan inside the caller's transaction (the caller checks the permission). */
export async function generatePlanIn(tx: Db, ctx: RequestContext, caseId: string, input: PlanInput, now: Date): Promise<{ created: Array<{ taskId: string; code: string; title: string; dueAt: Date }> }> {
  const record = await caseForChange(tx, ctx, caseId, 'investigation');
  if (record.status === 'finalised') throw new ConflictError('This case is finalised. Reopen it before adding to the plan.');
  const reports = await cases.reportsOfCase(tx, caseId);
  const flags = input.facts ?? (await derivedEnquiryFlags(tx, record, reports));
  const facts: EnquiryFacts = { offence: offenceForRules(offenceOf(record, reports)), domesticAbuse: record.domesticAbuse, ...flags };
  const existing = new Set(await repo.enquiryCodesOfCase(tx, caseId));
  const wanted = linesOfEnquiry(facts, POLICY).filter((l) => !existing.has(l.code));
  const ownerTeam = record.ownerTeam ?? ctx.actor.teams[0] ?? null;
  const ids = await insertTasks(
    tx,
    wanted.map((l) => ({
      type: repo.LINE_OF_ENQUIRY_TASK,
      title: l.title,
      caseId,
      ownerUserId: record.ownerUserId ?? ctx.actor.id,
      ownerTeam,
      dueAt: new Date(now.getTime() + l.defaultDueDays * DAY),
      details: { code: l.code, why: l.why },
      createdBy: ctx.actor.id,
    })),
  );
  const created = wanted.map((l, i) => ({ taskId: ids[i]!, code: l.code, title: l.title, dueAt: new Date(now.getTime() + l.defaultDueDays * DAY) }));
  if (created.length > 0) {
    await repo.insertLogEntry(tx, { caseId, entryType: 'plan', text: `Investigation plan: ${created.map((c) => c.title).join('; ')}.`, details: { facts, codes: created.map((c) => c.code) }, by: ctx.actor.id, at: now });
  }
  await audit(tx, ctx, 'update', 'investigation-plan', caseId, { created: created.map((c) => c.code) });
  return { created };
}

export const enquiryUpdateInput = z.object({
  state: z.enum(['done', 'not-needed'], 'Choose whether the enquiry is done or not needed'),
  note: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ message: 'Say what was found or why the enquiry is not needed' }).min(3, 'Say what was found or why the enquiry is not needed').max(4000, 'The note must be 4,000 characters or fewer')),
  version: z.coerce.number({ message: 'The version must be a number' }).int().positive(),
});
export type EnquiryUpdateInput = z.infer<typeof enquiryUpdateInput>;

/** Closes a line of enquiry as done or not needed, with what was found or why. */
export async function updateEnquiry(deps: Deps, ctx: RequestContext, caseId: string, taskId: string, input: EnquiryUpdateInput): Promise<void> {
  requirePermission(ctx.actor, 'investigation:manage');
  const now = deps.clock.now();
  await runUseCase(deps, async (tx) => {
    await caseForChange(tx, ctx, caseId, 'investigation');
    const task = await getTask(tx, taskId);
    if (!task || task.caseId !== caseId || task.type !== repo.LINE_OF_ENQUIRY_TASK) throw new NotFoundError('There is no such line of enquiry on this case.');
    const outcome = `${input.state === 'done' ? 'Done' : 'Not needed'}: ${input.note}`;
    if (!(await closeTask(tx, taskId, input.version, { status: input.state === 'done' ? 'done' : 'cancelled', outcome, by: ctx.actor.id, at: now }))) {
      throw new ConflictError('This line of enquiry has already been closed or changed by someone else. Reload the page to see it.');
    }
    await audit(tx, ctx, 'update', 'task', taskId, { caseId, state: input.state, code: task.details.code });
  });
}

// ---------------------------------------------------------------------------
// The s2B search warrant decision

export const S2B_STATES = ['considered', 'applied', 'granted', 'refused', 'executed', 'result', 'not-used'] as const;

export const s2bInput = z.object({
  state: z.enum(S2B_STATES, 'Choose the step to record'),
  on: localDate('the date'),
  text: text(4000, 'The details'),
  evidenceFound: optionalYesNo,
});
export type S2bInput = z.infer<typeof s2bInput>;

function toS2bEvent(row: { state: repo.S2bRow['state']; on: string; text?: string | null; evidenceFound?: boolean | null }): S2bEvent {
  const t = row.text ?? '';
  switch (row.state) {
    case 'applied':
      return { state: 'applied', on: row.on, grounds: t };
    case 'refused':
      return { state: 'refused', on: row.on, reason: t };
    case 'result':
      return { state: 'result', on: row.on, evidenceFound: row.evidenceFound ?? false, summary: t };
    case 'not-used':
      return { state: 'not-used', on: row.on, reason: t };
    default:
      return { state: row.state, on: row.on };
  }
}

/** Records the next step of the s2B decision; out-of-order or incomplete steps are refused. */
export async function recordS2b(deps: Deps, ctx: RequestContext, caseId: string, input: S2bInput): Promise<{ eventId: string; state: S2bState }> {
  requirePermission(ctx.actor, 'investigation:manage');
  const now = deps.clock.now();
  if (input.on > londonDateOf(now)) refuse([{ field: 'on', message: 'The date cannot be in the future' }]);
  return runUseCase(deps, (tx) => recordS2bIn(tx, ctx, caseId, input, now));
}

/** The work of recordS2b inside the caller's transaction (the caller checks the permission). */
export async function recordS2bIn(tx: Db, ctx: RequestContext, caseId: string, input: S2bInput, now: Date): Promise<{ eventId: string; state: S2bState }> {
  const record = await caseForChange(tx, ctx, caseId, 'investigation');
  const reports = await cases.reportsOfCase(tx, caseId);
  const offence = offenceOf(record, reports);
  if (input.state === 'applied' && !(offence && POLICY.enquiries.s2bOffences.includes(offence))) {
    refuse([{ field: 'state', message: 'A search warrant under s2B can only be sought for stalking.' }]);
  }
  if (input.state === 'result' && input.evidenceFound === undefined) refuse([{ field: 'evidenceFound', message: 'Say whether the search found evidence' }]);
  const events = (await repo.s2bEventsOfCase(tx, caseId)).map(toS2bEvent);
  const event = toS2bEvent({ state: input.state, on: input.on, text: input.text ?? null, evidenceFound: input.evidenceFound ?? null });
  const step = transitionS2b({ events }, event);
  if (!step.ok) refuse(step.errors.map((e) => ({ field: ['grounds', 'reason', 'summary'].includes(e.field) ? 'text' : e.field, message: e.message })));
  const eventId = await repo.insertS2bEvent(tx, { caseId, state: input.state, on: input.on, text: input.text ?? null, evidenceFound: input.evidenceFound ?? null, by: ctx.actor.id, at: now });
  if (input.state === 'applied' || input.state === 'not-used') {
    await repo.closeOpenEnquiry(tx, caseId, 's2b-warrant', { outcome: input.state === 'applied' ? 'Warrant applied for' : `Not used: ${input.text}`, by: ctx.actor.id, at: now });
  }
  await repo.insertLogEntry(tx, { caseId, entryType: 's2b', text: `s2B search warrant ${input.state} on ${input.on}${input.text ? `: ${input.text}` : ''}`, details: { eventId, state: input.state }, by: ctx.actor.id, at: now });
  await audit(tx, ctx, 'create', 's2b-decision', eventId, { caseId, state: input.state });
  return { eventId, state: input.state };
}

// ---------------------------------------------------------------------------
// Suspect actions

export const SUSPECT_ACTION_CODES = Object.keys(SUSPECT_ACTIONS) as [SuspectAction, ...SuspectAction[]];

export const suspectActionInput = z.object({
  action: z.enum(SUSPECT_ACTION_CODES, 'Choose the action'),
  occurredAt: instant('when it happened'),
  rationale: text(4000, 'The rationale'),
  conditions: lines.default([]),
  bailUntil: z.preprocess((v) => (v === '' || v === null ? undefined : v), localDate('the bail date').optional()),
  victimConsulted: optionalYesNo,
  victimConsultationNote: text(4000, 'What the victim said'),
  historic: yesNo.default(false),
  /** For a historic harassment warning: which notice it was. */
  warningKind: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(['PIN', 'HN1'], 'Choose PIN or HN1').optional()),
});
export type SuspectActionRecordInput = z.infer<typeof suspectActionInput>;

const POLICE_ACTION_KIND = {
  arrest: 'arrest',
  'voluntary-attendance': 'voluntary-interview',
  bail: 'bail',
  'released-under-investigation': 'released-under-investigation',
  charge: 'charge',
  remand: 'remand',
} as const;

const VICTIM_EVENT = {
  arrest: 'arrest',
  bail: 'bail',
  'released-under-investigation': 'released-under-investigation',
  charge: 'charge',
} as const;

export interface SuspectActionResult {
  actionId: string;
  warnings: Issue[];
  victimTaskIds: string[];
}

/**
 * Records an action against the suspect. Words of advice and mediation are refused for
 * stalking with the reason; harassment warnings (PIN/HN1) are never issued and can only
 * be recorded as history; voluntary attendance needs a rationale; bail needs the
 * victim's consultation. The action appears on the case timeline, and the victims get
 * their "tell the victim" tasks.
 */
export async function recordSuspectAction(deps: Deps, ctx: RequestContext, caseId: string, input: SuspectActionRecordInput): Promise<SuspectActionResult> {
  requirePermission(ctx.actor, 'investigation:manage');
  const now = deps.clock.now();
  notInFuture(input.occurredAt, now, 'occurredAt');
  return runUseCase(deps, (tx) => recordSuspectActionIn(tx, ctx, caseId, input, now));
}

/** The work of recordSuspectAction inside the caller's transaction (the caller checks the permission). */
export async function recordSuspectActionIn(tx: Db, ctx: RequestContext, caseId: string, input: SuspectActionRecordInput, now: Date): Promise<SuspectActionResult> {
  const record = await caseForChange(tx, ctx, caseId, 'investigation');
  const offence = offenceForRules(offenceOf(record, await cases.reportsOfCase(tx, caseId)));
  const historicWarning = input.action === 'harassment-warning' && input.historic;
  let warnings: Issue[] = [];
  if (!historicWarning) {
    const consultation = input.victimConsulted === undefined && !input.victimConsultationNote ? undefined : { consulted: input.victimConsulted ?? false, note: input.victimConsultationNote ?? '' };
    const domainInput = (
      input.action === 'bail'
        ? { action: 'bail', conditions: input.conditions, ...(consultation ? { victimConsultation: consultation } : {}) }
        : input.action === 'voluntary-attendance' || input.action === 'released-under-investigation'
          ? { action: input.action, ...(input.rationale ? { rationale: input.rationale } : {}) }
          : { action: input.action }
    ) as SuspectActionInput;
    const result = validateSuspectAction(domainInput, offence, POLICY);
    if (!result.ok) refuse(result.errors.map((e) => ({ field: e.field === 'victimConsultation' ? 'victimConsultationNote' : e.field, message: e.message })));
    warnings = [...result.warnings];
  }
  const kind = (POLICE_ACTION_KIND as Record<string, (typeof POLICE_ACTION_KIND)[keyof typeof POLICE_ACTION_KIND]>)[input.action];
  const policeActionId = kind
    ? await insertPoliceAction(tx, {
        caseId,
        personId: record.suspectPersonId,
        kind,
        occurredAt: input.occurredAt,
        bailUntil: input.action === 'bail' ? (input.bailUntil ?? null) : null,
        conditions: input.conditions.length > 0 ? input.conditions.join('; ') : null,
        notes: input.rationale ?? null,
        by: ctx.actor.id,
      })
    : null;
  const actionId = await repo.insertSuspectAction(tx, {
    caseId,
    personId: record.suspectPersonId,
    action: input.action,
    historic: historicWarning,
    occurredAt: input.occurredAt,
    rationale: input.rationale ?? null,
    conditions: input.conditions,
    bailUntil: input.bailUntil ?? null,
    victimConsulted: input.victimConsulted ?? null,
    victimConsultationNote: input.victimConsultationNote ?? null,
    policeActionId,
    by: ctx.actor.id,
    at: now,
  });
  // A historic warning joins the suspect's warning notices, so the history panel shows it
  // to the next officer who deals with them.
  if (historicWarning && record.suspectPersonId) {
    await insertWarningNotice(tx, { personId: record.suspectPersonId, kind: input.warningKind ?? 'PIN', issuedOn: londonDateOf(input.occurredAt), notes: input.rationale ?? null });
  }
  const event = (VICTIM_EVENT as Record<string, (typeof VICTIM_EVENT)[keyof typeof VICTIM_EVENT]>)[input.action];
  const victimTaskIds = event
    ? (await recordNotifiableEvent(tx, ctx, { caseId, event, at: input.occurredAt, victimConsulted: input.victimConsulted ?? null, bailUntil: input.bailUntil ?? null })).duties.map((d) => d.taskId)
    : [];
  const title = SUSPECT_ACTIONS[input.action].title;
  await repo.insertLogEntry(tx, {
    caseId,
    entryType: 'suspect-action',
    text: `${historicWarning ? 'Historic (recorded as history only): ' : ''}${title}${input.rationale ? `. Rationale: ${input.rationale}` : ''}${input.conditions.length ? `. Conditions: ${input.conditions.join('; ')}` : ''}`,
    details: { actionId, action: input.action },
    by: ctx.actor.id,
    at: now,
  });
  await audit(tx, ctx, 'create', 'suspect-action', actionId, { caseId, action: input.action, historic: historicWarning });
  return { actionId, warnings, victimTaskIds };
}

/** Whether each action can be offered on this case, with the reason when it cannot. */
export function actionPermissions(offence: OffenceCode | null): Array<{ action: SuspectAction; title: string; permitted: boolean; reason: string | null }> {
  return SUSPECT_ACTION_CODES.map((action) => {
    const p = isActionPermitted(action, offenceForRules(offence), POLICY);
    return { action, title: SUSPECT_ACTIONS[action].title, permitted: p.permitted, reason: p.permitted ? null : p.reason.text };
  });
}

// ---------------------------------------------------------------------------
// Investigation log

export const USER_LOG_TYPES = ['note', 'supervisor-review', 'spoc-advice', 'scu-review'] as const;
export const LOG_PERMISSIONS: readonly Permission[] = ['investigation:manage', 'allocation:triage', 'cases:write'];

export const logInput = z.object({
  entryType: z.enum(USER_LOG_TYPES, 'Choose the type of entry'),
  text: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ message: 'Write the entry' }).min(5, 'Write the entry (at least 5 characters)').max(8000, 'The entry must be 8,000 characters or fewer')),
  riskGradeEndorsed: yesNo.default(false),
  planEndorsed: yesNo.default(false),
});
export type LogInput = z.infer<typeof logInput>;

/** Who may write each type of entry: supervisor reviews by sergeants or the SCU; advice by stalking champions (SPOCs); SCU reviews by the SCU. */
function logTypeRefusal(ctx: RequestContext, type: LogInput['entryType']): string | null {
  const roles = ctx.actor.roles;
  if (type === 'supervisor-review' && !ctx.actor.permissions.has('allocation:triage')) return 'Only a detective sergeant or the stalking coordination unit can record a supervisor review.';
  if (type === 'spoc-advice' && !roles.includes('stalking-champion')) return 'Only a stalking champion (SPOC) can record their advice as SPOC advice. Record it as a note instead.';
  if (type === 'scu-review' && !roles.includes('stalking-coordination-unit')) return 'Only the stalking coordination unit can record an SCU review.';
  return null;
}

/** Adds a dated entry to the investigation log. A supervisor review can endorse the risk grade and the plan. */
export async function addLogEntry(deps: Deps, ctx: RequestContext, caseId: string, input: LogInput): Promise<{ entryId: string }> {
  requireAny(ctx, LOG_PERMISSIONS);
  const refusal = logTypeRefusal(ctx, input.entryType);
  if (refusal) refuse([{ field: 'entryType', message: refusal }]);
  const now = deps.clock.now();
  return runUseCase(deps, (tx) => addLogEntryIn(tx, ctx, caseId, input, now));
}

/** The work of addLogEntry inside the caller's transaction (the caller checks the permission). */
export async function addLogEntryIn(tx: Db, ctx: RequestContext, caseId: string, input: LogInput, now: Date): Promise<{ entryId: string }> {
  await caseForChange(tx, ctx, caseId, 'investigation');
  const details = input.entryType === 'supervisor-review' ? { riskGradeEndorsed: input.riskGradeEndorsed, planEndorsed: input.planEndorsed, riskGrade: await repo.latestRiskGrade(tx, caseId) } : {};
  const entryId = await repo.insertLogEntry(tx, { caseId, entryType: input.entryType, text: input.text, details, by: ctx.actor.id, at: now });
  await audit(tx, ctx, 'create', 'investigation-log', entryId, { caseId, entryType: input.entryType });
  return { entryId };
}

// ---------------------------------------------------------------------------
// Supervision: overdue reviews

export interface OverdueReview {
  caseId: string;
  reference: string;
  ownerTeam: string | null;
  riskGrade: RiskGrade;
  lastReviewAt: Date | null;
  due: SupervisionDue;
}

/** Open cases whose supervisory review is overdue for their risk grade, most overdue first. */
export async function overdueReviewList(deps: Deps, ctx: RequestContext): Promise<OverdueReview[]> {
  requirePermission(ctx.actor, 'allocation:triage');
  return deps.db.transaction().execute(async (tx) => {
    const rows = await repo.openCasesForSupervision(tx);
    const states = rows.map((r) => ({
      ...r,
      recordedOn: londonDateOf(r.createdAt),
      riskGrade: r.riskGrade ?? ('standard' as RiskGrade),
      ...(r.lastReviewAt ? { lastReviewOn: londonDateOf(r.lastReviewAt) } : {}),
    }));
    const overdue = overdueReviews(states, deps.clock, POLICY).map(({ case: c, due }) => ({
      caseId: c.caseId,
      reference: c.reference,
      ownerTeam: c.ownerTeam,
      riskGrade: c.riskGrade,
      lastReviewAt: c.lastReviewAt,
      due,
    }));
    await audit(tx, ctx, 'view', 'supervision-overdue-list', undefined, { count: overdue.length });
    return overdue;
  });
}

// ---------------------------------------------------------------------------
// Finalisation

const outcomeChoice = z.preprocess(
  (v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v === '' ? undefined : v),
  z.union([z.number().int('Choose an outcome type from the list'), z.enum(['words-of-advice', 'nfa'])], { message: 'Choose the outcome' }),
);

export const finalisationInput = z.object({
  outcome: outcomeChoice,
  rationale: text(8000, 'The rationale'),
  investigationDone: yesNo.default(false),
  victimUsesSupportServices: yesNo.default(false),
  outcome16: z
    .object({
      victimReasons: text(8000, 'The victim’s reasons'),
      statementOfReasons: yesNo.default(false),
      specialistSupportOffered: yesNo.default(false),
      evidenceLedConsidered: yesNo.default(false),
      followUpContactDate: z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v), z.string().max(20).optional()),
    })
    .optional(),
  version,
});
export type FinalisationRequest = z.infer<typeof finalisationInput>;

export interface FinalisationResult {
  finalisationId: string;
  outcomeCode: number;
  warnings: Issue[];
  taskIds: string[];
}

/**
 * Finalises a case under DOMAIN.md §8 and records the outcome where the victims
 * feature reads it (so the victim-wish check, P12, keeps working). Every rule is checked
 * before anything is saved: a refusal lists every problem, each by its field.
 */
export async function finalise(deps: Deps, ctx: RequestContext, caseId: string, input: FinalisationRequest): Promise<FinalisationResult> {
  requirePermission(ctx.actor, 'outcome:finalise');
  const now = deps.clock.now();
  return runUseCase(deps, (tx) => finaliseIn(tx, ctx, caseId, input, now));
}

/** The work of finalise inside the caller's transaction (the caller checks the permission). */
export async function finaliseIn(tx: Db, ctx: RequestContext, caseId: string, input: FinalisationRequest, now: Date): Promise<FinalisationResult> {
  const record = await caseForChange(tx, ctx, caseId, 'investigation');
  checkVersion(record, input.version);
  if (record.status === 'finalised') throw new ConflictError('This case is already finalised. Reopen it, with a reason, before finalising it again.');
  const reports = await cases.reportsOfCase(tx, caseId);
  const allocation = (await repo.allocationsOfCase(tx, caseId))[0];
  const investigatingTeam = asTeamCode(allocation?.investigatingTeam) ?? asTeamCode(record.ownerTeam);
  const usesSupport = input.victimUsesSupportServices || (await repo.victimUsesSupportServices(tx, caseId));
  // Outcome 16 is checked against the victim's withdrawal record in victim care (the one record, with anything given here added to it).
  const withdrawal = input.outcome === 16 ? await withdrawalForFinalisation(tx, caseId, input.outcome16) : null;
  const rules: FinalisationInput = {
    offence: offenceForRules(offenceOf(record, reports)),
    outcome: input.outcome,
    ...(input.rationale ? { rationale: input.rationale } : {}),
    investigationDone: input.investigationDone,
    suspectNamed: record.suspectPersonId !== null,
    investigatingTeam,
    finaliserRoles: ctx.actor.roles,
    ...(withdrawal ? { outcome16: withdrawal.outcome16 } : input.outcome16 ? { outcome16: input.outcome16 } : {}),
    victimUsesSupportServices: usesSupport,
  };
  const result = validateFinalisation(rules, POLICY);
  if (!result.ok) refuse(result.errors);
  const outcomeCode = input.outcome as number;
  const kept = withdrawal ? await keepWithdrawalFromFinalisation(tx, ctx, caseId, withdrawal, now) : null;
  const finalisationId = await repo.insertFinalisation(tx, {
    caseId,
    outcomeCode,
    rationale: input.rationale ?? null,
    investigationDone: input.investigationDone,
    suspectNamed: rules.suspectNamed,
    investigatingTeam,
    outcome16: kept ? { withdrawalId: kept.withdrawalId, personId: withdrawal!.personId } : null,
    victimUsesSupportServices: usesSupport,
    warnings: [...result.warnings],
    by: ctx.actor.id,
    at: now,
  });
  if (!(await cases.setCaseStatus(tx, caseId, record.version, { status: 'finalised', at: now }))) {
    throw new ConflictError('Someone else changed this case since you opened it. Reload the page and try again.');
  }
  // The victims feature records the outcome (victim_case_outcomes) and a "tell the victim" task per victim, due under the Victims' Code.
  const told = await recordNotifiableEvent(tx, ctx, { caseId, event: 'outcome', at: now, outcomeCode, notes: `Finalised as outcome ${outcomeCode}` });
  // The domain's own "tell the victim" task is needed only when no victim on the case got one from the victims feature.
  // The follow-up contact task belongs to the withdrawal record, which keeps it in step with the agreed date.
  const others = finalisationTasks(rules).filter((t) => (t.code !== 'tell-victim-outcome' || told.duties.length === 0) && (t.code !== 'victim-follow-up-contact' || !kept));
  const ownerTeam = record.ownerTeam ?? ctx.actor.teams[0] ?? null;
  const otherIds = await insertTasks(
    tx,
    others.map((t) => ({
      type: t.code,
      title: t.title,
      caseId,
      ownerUserId: record.ownerUserId ?? ctx.actor.id,
      ownerTeam,
      dueAt: t.dueOn ? endOfLondonDay(t.dueOn) : new Date(now.getTime() + 5 * DAY),
      details: { why: t.why, finalisationId, outcomeCode },
      createdBy: ctx.actor.id,
    })),
  );
  const taskIds = [...told.duties.map((d) => d.taskId), ...otherIds, ...(kept?.followUpTaskId ? [kept.followUpTaskId] : [])];
  await repo.setFinalisationTasks(tx, finalisationId, taskIds);
  const title = outcomeType(outcomeCode)?.title ?? '';
  await repo.insertLogEntry(tx, {
    caseId,
    entryType: 'finalisation',
    text: `Finalised: outcome ${outcomeCode} (${title}).${input.rationale ? ` Rationale: ${input.rationale}` : ''}`,
    details: { finalisationId, outcomeCode, warnings: result.warnings.map((w) => w.code) },
    by: ctx.actor.id,
    at: now,
  });
  await audit(tx, ctx, 'update', 'case', caseId, { finalised: true, finalisationId, outcomeCode, tasks: taskIds.length });
  return { finalisationId, outcomeCode, warnings: [...result.warnings], taskIds };
}

export const reopenInput = z.object({
  reason: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ message: 'Give the reason for reopening the case' }).min(10, 'Give the reason for reopening the case (at least 10 characters)').max(4000, 'The reason must be 4,000 characters or fewer')),
  version,
});
export type ReopenInput = z.infer<typeof reopenInput>;

/** Reopens a finalised case with a reason. The finalisation stays on record; the outcome is withdrawn; any "reopen or justify" task is done. */
export async function reopen(deps: Deps, ctx: RequestContext, caseId: string, input: ReopenInput): Promise<{ reopened: true }> {
  requirePermission(ctx.actor, 'outcome:finalise');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    const record = await caseForChange(tx, ctx, caseId, 'investigation');
    checkVersion(record, input.version);
    if (record.status !== 'finalised') throw new ConflictError('This case is open: there is nothing to reopen.');
    const latest = (await repo.finalisationsOfCase(tx, caseId))[0];
    if (latest) await repo.markReopened(tx, latest.id, { by: ctx.actor.id, at: now, reason: input.reason });
    if (!(await cases.setCaseStatus(tx, caseId, record.version, { status: 'open', at: now }))) {
      throw new ConflictError('Someone else changed this case since you opened it. Reload the page and try again.');
    }
    await clearOutcome(tx, caseId);
    await closeOpenTasksOfType(tx, { caseId, type: 'reopen-or-justify' }, { outcome: `Reopened: ${input.reason}`, by: ctx.actor.id, at: now });
    await repo.insertLogEntry(tx, { caseId, entryType: 'reopening', text: `Reopened: ${input.reason}`, details: { finalisationId: latest?.id ?? null }, by: ctx.actor.id, at: now });
    await audit(tx, ctx, 'update', 'case', caseId, { reopened: true, finalisationId: latest?.id ?? null });
    return { reopened: true as const };
  });
}

export const OUTCOMES = OUTCOME_TYPES;

// ---------------------------------------------------------------------------
// Prosecution file

export const prosecutionFileInput = z.object({
  dashAttached: yesNo.default(false),
  screeningToolAttached: yesNo.default(false),
  victimPersonalStatement: z.enum(['taken', 'offered-declined', 'not-offered'], 'Choose whether a victim personal statement was taken or offered').default('not-offered'),
  restrainingOrderWanted: z.preprocess((v) => (v === 'not-asked' || v === '' ? undefined : v), optionalYesNo),
  restrainingOrderTerms: lines.default([]),
  specialMeasuresAssessed: yesNo.default(false),
  specialMeasuresNotes: text(4000, 'Special measures notes'),
  courseOfConductSummary: text(8000, 'The course of conduct summary'),
  bailOrRemandRecommendation: text(4000, 'The recommendation'),
  version,
});
export type ProsecutionFileInput = z.infer<typeof prosecutionFileInput>;

/** Saves the prosecution file checklist and returns what it still lacks under the national stalking protocol. */
export async function saveProsecutionFile(deps: Deps, ctx: RequestContext, caseId: string, input: ProsecutionFileInput): Promise<{ gaps: Issue[]; version: number }> {
  requirePermission(ctx.actor, 'investigation:manage');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    await caseForChange(tx, ctx, caseId, 'investigation');
    const existing = await repo.getProsecutionFile(tx, caseId);
    if (existing && input.version !== undefined && input.version !== existing.version) {
      throw new ConflictError('Someone else changed this prosecution file since you opened it. Reload the page to see their changes.', [{ field: 'version', yours: input.version, theirs: existing.version }]);
    }
    const change: repo.ProsecutionFileChange = {
      dashAttached: input.dashAttached,
      screeningToolAttached: input.screeningToolAttached,
      victimPersonalStatement: input.victimPersonalStatement,
      restrainingOrderWanted: input.restrainingOrderWanted ?? null,
      restrainingOrderTerms: input.restrainingOrderWanted ? input.restrainingOrderTerms : [],
      specialMeasuresAssessed: input.specialMeasuresAssessed,
      specialMeasuresNotes: input.specialMeasuresNotes ?? null,
      courseOfConductSummary: input.courseOfConductSummary ?? null,
      bailOrRemandRecommendation: input.bailOrRemandRecommendation ?? null,
    };
    if (!(await repo.saveProsecutionFile(tx, caseId, existing ? existing.version : null, change, ctx.actor.id, now))) {
      throw new ConflictError('Someone else changed this prosecution file since you opened it. Reload the page to see their changes.');
    }
    const gaps = prosecutionFileGaps(fileForRules({ ...change, updatedByName: null, updatedAt: now, version: 0 }));
    await audit(tx, ctx, existing ? 'update' : 'create', 'prosecution-file', caseId, { gaps: gaps.map((g) => g.field) });
    return { gaps, version: (existing?.version ?? 0) + 1 };
  });
}

export { LINES_OF_ENQUIRY };
