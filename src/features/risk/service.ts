import { z } from 'zod';
import { offence as offenceInfo, offenceCodes } from '../../domain/classification/index.ts';
import {
  ACTION_STATUSES,
  ADVICE_METHODS,
  ANSWER_VALUES,
  ASSESSMENT_SOURCES,
  ASSESSMENT_STAGES,
  DEFAULT_TOOLS,
  GOOD_ADVICE,
  REQUIREMENT_CODES,
  RISK_GRADES,
  SUPERSEDED_TOOLS,
  UNSAFE_ADVICE,
  assessmentRequirements,
  assessmentTimeliness,
  bandsFor,
  canCloseInitialInvestigation as closureRule,
  checkAdvice,
  checkAnswers,
  checkRiskDisclosures,
  endorseGrading,
  evaluateMarac,
  gradeAssessment,
  gradeRank,
  maracReferralSummary,
  parseToolDefinition,
  planReviewStatus,
  reassessmentReasons,
  requiredQuestions,
  snapshotTool,
  toRecord,
  validatePlan,
  westYorkshireRiskPolicy,
  applyRiskSettings,
  bandsFromThresholds,
  checkForceBands,
  checkPlanReviewDays,
  thresholdsOf,
  type AdviceEntry,
  type Answers,
  type AssessmentRecord,
  type AssessmentRequirement,
  type CaseRiskFacts,
  type GradeBand,
  type Grading,
  type MaracEvaluation,
  type PlanReviewStatus,
  type Reason,
  type RequirementException,
  type RiskEvent,
  type RiskGrade,
  type RiskPolicy,
  type RiskSettings,
  type StageTimeliness,
  type ToolDefinition,
} from '../../domain/risk/index.ts';
import { requirePermission, type RequestContext } from '../../platform/auth/actor.ts';
import { appendAudit, type Db } from '../../platform/audit/audit-repository.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors.ts';
import { getCase, type CaseRecord } from '../cases/repository.ts';
import { closeOpenTasksOfType, insertTasks, tasksForCase, type TaskRow } from '../tasks/repository.ts';
import * as repo from './repository.ts';
import { runUseCase } from '../../platform/db/use-case.ts';
import { caseForRead } from '../cases/access.ts';

/**
 * The default risk policy (West Yorkshire's). A force changes its score bands and plan
 * review intervals on the risk settings pages; `riskPolicyOf` applies them over this.
 */
export const RISK_POLICY: RiskPolicy = westYorkshireRiskPolicy;

const BANDS_KEY = 'bands:';
const PLAN_REVIEW_KEY = 'plan-review';

function settingsFrom(rows: readonly repo.SettingRow[]): RiskSettings {
  const bands: Record<string, GradeBand[]> = {};
  let planReviewDays: Record<RiskGrade, number> | undefined;
  for (const row of rows) {
    if (row.key.startsWith(BANDS_KEY) && Array.isArray(row.value)) bands[row.key.slice(BANDS_KEY.length)] = row.value as GradeBand[];
    if (row.key === PLAN_REVIEW_KEY && row.value && typeof row.value === 'object') planReviewDays = row.value as Record<RiskGrade, number>;
  }
  return { bands, ...(planReviewDays ? { planReviewDays } : {}) };
}

/** The force's risk policy: the default with the force's saved settings applied. */
export async function riskPolicyOf(tx: Db): Promise<RiskPolicy> {
  return applyRiskSettings(RISK_POLICY, settingsFrom(await repo.settingRows(tx)));
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RISK_TASK_TYPES = ['initial-risk-assessment', 'enhanced-risk-assessment', 'risk-reassessment', 'marac-referral'];

export type RiskOffence = CaseRiskFacts['offence'];

/* Small helpers ------------------------------------------------------------ */

/** A calendar date in UK local time, 'YYYY-MM-DD'. */
export function londonDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function addDaysTo(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

async function audit(tx: Db, ctx: RequestContext, action: 'view' | 'create' | 'update', recordType: string, recordId: string, extra: { reason?: string; details?: Record<string, unknown> } = {}) {
  await appendAudit(tx, {
    actorId: ctx.actor.id,
    actorUsername: ctx.actor.username,
    action,
    recordType,
    recordId,
    ...(extra.reason ? { reason: extra.reason } : {}),
    ...(extra.details ? { details: extra.details } : {}),
    requestId: ctx.requestId,
  });
}

/* Tools -------------------------------------------------------------------- */

export interface ToolCatalogue {
  /** The version of each tool used for new assessments: a force-loaded one replaces the built-in. */
  current: ToolDefinition[];
  /** Every version, to finish an assessment started on an older one. */
  all: ToolDefinition[];
  loaded: repo.LoadedTool[];
}

export async function toolCatalogue(tx: Db): Promise<ToolCatalogue> {
  const loaded = await repo.loadedTools(tx);
  const byId = new Map<string, ToolDefinition>(DEFAULT_TOOLS.map((t) => [t.id, t]));
  for (const l of loaded) byId.set(l.definition.id, l.definition);
  return { current: [...byId.values()], all: [...DEFAULT_TOOLS, ...SUPERSEDED_TOOLS, ...loaded.map((l) => l.definition)], loaded };
}

function findTool(catalogue: ToolCatalogue, toolId: string, version?: string): ToolDefinition | undefined {
  if (version === undefined) return catalogue.current.find((t) => t.id === toolId);
  return catalogue.all.find((t) => t.id === toolId && t.version === version);
}

/** The tool a yes answer in this tool opens (e.g. DASH question 8 opens the stalking questions). */
export function supplementToolId(tool: ToolDefinition): string | undefined {
  return tool.questions.find((q) => q.followUp?.opens.toolId)?.followUp?.opens.toolId;
}

/** Required questions not yet answered, in question order (for the messages beside each question). */
export function unansweredQuestionIds(tool: ToolDefinition, answers: Answers): string[] {
  return requiredQuestions(tool, answers)
    .filter((q) => answers[q.id] === undefined)
    .map((q) => q.id);
}

/* Case facts ---------------------------------------------------------------- */

function familyOf(code: string): RiskOffence {
  if (!offenceCodes.includes(code as never)) return 'other';
  const family = offenceInfo(code as never).family;
  if (family === 'stalking') return 'stalking';
  if (family === 'harassment' || family === 'aggravated-harassment') return 'harassment';
  return 'other';
}

/** Stalking, harassment or other, from the confirmed classification or else the rules' latest suggestion. */
export function caseOffence(record: CaseRecord, context: repo.CaseRiskContext): RiskOffence {
  if (context.reports.length > 0 && context.reports.every((r) => r.crimeDecision === 'non-crime')) return 'other';
  let codes: string[];
  if (record.offence) codes = [record.offence, ...record.alsoRecord];
  else {
    const latest = [...context.reports].reverse().find((r) => r.suggestion)?.suggestion as { principal?: string | null; alsoRecord?: string[] } | undefined;
    codes = [...(latest?.principal ? [latest.principal] : []), ...(latest?.alsoRecord ?? [])];
  }
  const families = codes.map(familyOf);
  if (families.includes('stalking')) return 'stalking';
  if (families.includes('harassment')) return 'harassment';
  return 'other';
}

function recordsOf(assessment: repo.AssessmentRow): AssessmentRecord[] {
  const main = toRecord({ ...assessment, grading: assessment.grading });
  if (!assessment.supplementTool) return [main];
  return [main, { toolId: assessment.supplementTool.id, stage: assessment.stage, completedAt: assessment.completedAt, openedToolIds: [] }];
}

function saidVeryFrightened(assessment: repo.AssessmentRow): boolean {
  const yes = (tool: ToolDefinition, answers: Answers) => tool.questions.some((q) => q.topic === 'very frightened' && answers[q.id]?.value === 'yes');
  return yes(assessment.tool, assessment.answers) || (!!assessment.supplementTool && !!assessment.supplementAnswers && yes(assessment.supplementTool, assessment.supplementAnswers));
}

function forVictim(assessments: readonly repo.AssessmentRow[], victimId: string | null): repo.AssessmentRow[] {
  return assessments.filter((a) => victimId === null || a.victimPersonId === null || a.victimPersonId === victimId);
}

function factsFor(record: CaseRecord, context: repo.CaseRiskContext, assessments: readonly repo.AssessmentRow[]): CaseRiskFacts {
  return {
    offence: caseOffence(record, context),
    domestic: record.domesticAbuse,
    incidentCount: context.occasionStarts.length,
    victimVeryFrightened:
      context.reports.some((r) => r.effects.includes('fear-of-violence') || r.effects.includes('serious-alarm-or-distress')) ||
      assessments.some(saidVeryFrightened),
    assessments: assessments.flatMap(recordsOf),
  };
}

function exceptionsFor(exceptions: readonly repo.ExceptionRow[], victimId: string | null): RequirementException[] {
  return exceptions
    .filter((x) => victimId === null || x.victimPersonId === null || x.victimPersonId === victimId)
    .map((x) => ({ requirement: x.requirement as RequirementException['requirement'], reason: x.reason }));
}

function latestGrade(assessments: readonly repo.AssessmentRow[]): RiskGrade | null {
  return [...assessments].reverse().find((a) => a.grading.finalGrade !== null)?.grading.finalGrade ?? null;
}

/** The victims to assess: the case's victims, or one unnamed entry when it has none. */
function victimsOf(context: repo.CaseRiskContext): Array<{ personId: string | null; name: string }> {
  return context.victims.length > 0 ? context.victims : [{ personId: null, name: 'The victim' }];
}

/* Closure and reassessment (for other features) ------------------------------ */

async function closureBlockers(tx: Db, record: CaseRecord): Promise<Reason[]> {
  const [context, assessments, exceptions, policy] = await Promise.all([
    repo.caseRiskContext(tx, record.id),
    repo.assessmentsOfCase(tx, record.id),
    repo.exceptionsOfCase(tx, record.id),
    riskPolicyOf(tx),
  ]);
  const victims = victimsOf(context);
  return victims.flatMap((victim) => {
    const mine = forVictim(assessments, victim.personId);
    const outcome = closureRule(factsFor(record, context, mine), exceptionsFor(exceptions, victim.personId), policy);
    if (outcome.ok) return [];
    return outcome.reasons.map((r) => (victims.length > 1 ? { ...r, message: `${victim.name}: ${r.message}` } : r));
  });
}

/**
 * Whether the initial investigation can be closed as far as risk is concerned: every
 * required assessment (initial screening and enhanced assessment for every stalking or
 * harassment crime, domestic or not) is done or has a recorded reason. Returns the
 * blocking reasons; empty when it can close.
 */
export async function canCloseInitialInvestigation(deps: Deps, ctx: RequestContext, caseId: string): Promise<{ canClose: boolean; reasons: Reason[] }> {
  requirePermission(ctx.actor, 'cases:read');
  return deps.db.transaction().execute(async (tx) => {
    const record = await getCase(tx, caseId);
    if (!record) throw new NotFoundError('There is no case with that reference.');
    const reasons = await closureBlockers(tx, record);
    return { canClose: reasons.length === 0, reasons };
  });
}

/**
 * Creates a risk reassessment task when the event calls for one under the force policy
 * (a new incident, a breach, the suspect's arrest, release or bail change, an order
 * application, escalation found). Runs in the caller's transaction. Returns the task id,
 * or undefined when the event does not call for a reassessment.
 */
export async function requestReassessment(
  tx: Db,
  ctx: RequestContext,
  input: { caseId: string; event: RiskEvent; now?: Date },
): Promise<string | undefined> {
  const policy = await riskPolicyOf(tx);
  const reasons = reassessmentReasons(input.event, policy);
  if (reasons.length === 0) return undefined;
  const record = await getCase(tx, input.caseId);
  if (!record) throw new NotFoundError('There is no case with that reference.');
  const now = input.now ?? new Date();
  const [taskId] = await insertTasks(tx, [
    {
      type: 'risk-reassessment',
      title: `Reassess the risk: ${reasons.map((r) => r.message).join(' ')}`,
      caseId: input.caseId,
      ownerTeam: record.ownerTeam ?? 'response',
      dueAt: new Date(now.getTime() + policy.timelinessTargetHours.enhanced * HOUR),
      details: { event: input.event.kind, reasons },
      createdBy: ctx.actor.id,
    },
  ]);
  await audit(tx, ctx, 'create', 'task', taskId!, { details: { caseId: input.caseId, type: 'risk-reassessment', event: input.event.kind } });
  return taskId;
}

/* The overview --------------------------------------------------------------- */

export interface VictimRisk {
  personId: string | null;
  name: string;
  requirements: AssessmentRequirement[];
  gaps: Reason[];
  blocking: Reason[];
  /** Reasons recorded for not completing a requirement, by requirement code. */
  excused: Record<string, string>;
  timeliness: StageTimeliness[];
  currentGrade: RiskGrade | null;
  /** This victim's risk management plan, with whether its review is due. */
  plan: PlanWithReview | null;
}

export type PlanWithReview = repo.PlanRow & { review: PlanReviewStatus };

export interface RiskOverview {
  caseRecord: CaseRecord;
  offence: RiskOffence;
  suspectName: string | null;
  reportedAt: Date | null;
  victims: VictimRisk[];
  /** True when nothing about risk stops the initial investigation closing. */
  canClose: boolean;
  assessments: repo.AssessmentRow[];
  referrals: repo.ReferralRow[];
  exceptions: repo.ExceptionRow[];
  /** Every plan on the case, one per victim. */
  plans: PlanWithReview[];
  /** The force policy in force (default settings with the force's changes). */
  policy: RiskPolicy;
  advice: repo.AdviceRow[];
  goodAdviceNotGiven: AdviceEntry[];
  currentGrade: RiskGrade | null;
  tools: ToolDefinition[];
  riskTasks: TaskRow[];
  accessReason?: string;
}

function highest(grades: Array<RiskGrade | null>): RiskGrade | null {
  return grades.reduce<RiskGrade | null>((top, g) => (g !== null && (top === null || gradeRank(g) > gradeRank(top)) ? g : top), null);
}

async function buildOverview(tx: Db, deps: Deps, record: CaseRecord): Promise<Omit<RiskOverview, 'accessReason'>> {
  const [context, assessments, exceptions, referrals, storedPlans, advice, catalogue, tasks, policy] = await Promise.all([
    repo.caseRiskContext(tx, record.id),
    repo.assessmentsOfCase(tx, record.id),
    repo.exceptionsOfCase(tx, record.id),
    repo.referralsOfCase(tx, record.id),
    repo.plansOfCase(tx, record.id),
    repo.adviceOfCase(tx, record.id),
    toolCatalogue(tx),
    tasksForCase(tx, record.id),
    riskPolicyOf(tx),
  ]);
  const plans: PlanWithReview[] = storedPlans.map((p) => ({ ...p, review: planReviewStatus(p, policy, deps.clock) }));
  const reportedAt = context.reports[0]?.reportedAt ?? null;
  const victims: VictimRisk[] = victimsOf(context).map((victim) => {
    const mine = forVictim(assessments, victim.personId);
    const facts = factsFor(record, context, mine);
    const required = assessmentRequirements(facts, policy);
    const closure = closureRule(facts, exceptionsFor(exceptions, victim.personId), policy);
    return {
      ...victim,
      requirements: [...required.requirements],
      gaps: [...required.gaps],
      blocking: closure.ok ? [] : [...closure.reasons],
      excused: Object.fromEntries(exceptionsFor(exceptions, victim.personId).map((x) => [x.requirement, x.reason])),
      timeliness: reportedAt ? assessmentTimeliness(reportedAt, facts.assessments, policy, deps.clock) : [],
      currentGrade: latestGrade(mine),
      plan: plans.find((p) => p.victimPersonId === victim.personId) ?? null,
    };
  });
  const adviceCheck = checkAdvice(advice.map((a) => ({ ...(a.adviceId ? { adviceId: a.adviceId } : {}), text: a.text, method: a.method, givenOn: a.givenOn })));
  return {
    caseRecord: record,
    offence: caseOffence(record, context),
    suspectName: context.suspectName,
    reportedAt,
    victims,
    canClose: victims.every((v) => v.blocking.length === 0),
    assessments,
    referrals,
    exceptions,
    plans,
    policy,
    advice,
    goodAdviceNotGiven: [...adviceCheck.goodAdviceNotGiven],
    currentGrade: highest(victims.map((v) => v.currentGrade)),
    tools: catalogue.current,
    riskTasks: tasks.filter((t) => RISK_TASK_TYPES.includes(t.type)),
  };
}

/** Everything about risk on a case: assessments and grade history, requirements, timeliness, MARAC, plan and advice. Audited. */
export async function viewRisk(deps: Deps, ctx: RequestContext, caseId: string, reason?: string): Promise<RiskOverview> {
  requirePermission(ctx.actor, 'cases:read');
  return runUseCase(deps, async (tx) => {
    const opened = await caseForRead(tx, ctx, caseId, reason);
    const overview = await buildOverview(tx, deps, opened.record);
    await audit(tx, ctx, 'view', 'case-risk', caseId, { ...(opened.reason ? { reason: opened.reason } : {}) });
    return { ...overview, ...(opened.reason ? { accessReason: opened.reason } : {}) };
  });
}

export interface AssessmentView {
  caseRecord: CaseRecord;
  assessment: repo.AssessmentRow;
  suspectName: string | null;
  victimName: string | null;
  referral: repo.ReferralRow | undefined;
  accessReason?: string;
}

export async function viewAssessment(deps: Deps, ctx: RequestContext, caseId: string, assessmentId: string, reason?: string): Promise<AssessmentView> {
  requirePermission(ctx.actor, 'cases:read');
  return runUseCase(deps, async (tx) => {
    const opened = await caseForRead(tx, ctx, caseId, reason);
    const assessment = await repo.getAssessment(tx, caseId, assessmentId);
    if (!assessment) throw new NotFoundError('There is no risk assessment with that reference on this case.');
    const context = await repo.caseRiskContext(tx, caseId);
    const referral = (await repo.referralsOfCase(tx, caseId)).find((r) => r.assessmentId === assessmentId);
    await audit(tx, ctx, 'view', 'risk-assessment', assessmentId, { ...(opened.reason ? { reason: opened.reason } : {}), details: { caseId } });
    return {
      caseRecord: opened.record,
      assessment,
      suspectName: context.suspectName,
      victimName: context.victims.find((v) => v.personId === assessment.victimPersonId)?.name ?? null,
      referral,
      ...(opened.reason ? { accessReason: opened.reason } : {}),
    };
  });
}

export interface QuestionnaireView {
  caseRecord: CaseRecord;
  tool: ToolDefinition;
  supplement: ToolDefinition | null;
  victims: Array<{ personId: string; name: string }>;
  suspectName: string | null;
  accessReason?: string;
}

/** What the questionnaire page needs: the tool (its current version, or the version named) and any tool it opens. */
export async function questionnaire(deps: Deps, ctx: RequestContext, caseId: string, toolId: string, version: string | undefined, reason?: string): Promise<QuestionnaireView> {
  requirePermission(ctx.actor, 'risk:assess');
  return runUseCase(deps, async (tx) => {
    const opened = await caseForRead(tx, ctx, caseId, reason);
    const catalogue = await toolCatalogue(tx);
    const tool = findTool(catalogue, toolId, version);
    if (!tool) throw new ValidationError([{ field: 'toolId', message: 'Choose a risk assessment tool from the list' }]);
    const supplementId = supplementToolId(tool);
    const context = await repo.caseRiskContext(tx, caseId);
    await audit(tx, ctx, 'view', 'case-risk', caseId, { ...(opened.reason ? { reason: opened.reason } : {}), details: { questionnaire: tool.id } });
    return {
      caseRecord: opened.record,
      tool,
      supplement: supplementId ? (findTool(catalogue, supplementId) ?? null) : null,
      victims: context.victims,
      suspectName: context.suspectName,
      ...(opened.reason ? { accessReason: opened.reason } : {}),
    };
  });
}

/* Completing an assessment ------------------------------------------------------ */

const note = z.string().trim().max(2000, 'A note must be 2,000 characters or fewer').optional();
const answersInput = z.record(z.string().min(1), z.object({ value: z.enum(ANSWER_VALUES, 'Answer yes, no or not known'), note }));

export const assessmentInput = z.object({
  toolId: z.string().trim().min(1, 'Choose a risk assessment tool'),
  toolVersion: z.string().trim().min(1).optional(),
  stage: z.enum(ASSESSMENT_STAGES, 'Choose initial screening or enhanced assessment'),
  victimPersonId: z.uuid('Choose the victim').optional(),
  source: z.enum(ASSESSMENT_SOURCES, 'Say where the answers came from').default('victim'),
  sourceNote: z.string().trim().max(4000, 'The explanation must be 4,000 characters or fewer').optional(),
  answers: answersInput,
  supplementAnswers: answersInput.optional(),
  judgement: z
    .object({
      grade: z.enum(RISK_GRADES, 'Choose standard, medium or high'),
      rationale: z.string().trim().max(4000, 'The rationale must be 4,000 characters or fewer').default(''),
    })
    .optional(),
});
export type AssessmentInput = z.infer<typeof assessmentInput>;

function cleanAnswers(answers: AssessmentInput['answers']): Answers {
  return Object.fromEntries(Object.entries(answers).map(([id, a]) => [id, { value: a.value, ...(a.note ? { note: a.note } : {}) }]));
}

/** Turns a rule's refusal into field errors the form and the API can place. */
function answerErrors(reasons: readonly Reason[], tool: ToolDefinition, answers: Answers, prefix: 'answers' | 'supplementAnswers'): FieldError[] {
  return reasons.map((r) => {
    if (r.code === 'missing-answers') return { field: `${prefix}.${unansweredQuestionIds(tool, answers)[0] ?? ''}`, message: r.message };
    if (r.code === 'judgement-rationale-missing') return { field: 'judgement.rationale', message: r.message };
    if (r.code.startsWith('judgement-')) return { field: 'judgement.grade', message: r.message };
    return { field: prefix, message: r.message };
  });
}

export interface CompletedAssessment {
  id: string;
  grading: Grading;
  marac: { referralRequired: boolean; criteriaMet: Reason[]; taskId: string | null };
}

/**
 * Completes an assessment: validates the answers against the tool version (and the stalking
 * questions it opened), grades it with any professional judgement (raise only), saves it with
 * a frozen copy of the tool, closes the assessment tasks it satisfies, and evaluates MARAC,
 * creating a referral task with a prefilled summary when a criterion is met. Nothing is
 * saved when anything is refused.
 */
export async function completeAssessment(deps: Deps, ctx: RequestContext, caseId: string, input: AssessmentInput, reason?: string): Promise<CompletedAssessment> {
  requirePermission(ctx.actor, 'risk:assess');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    const opened = await caseForRead(tx, ctx, caseId, reason);
    const record = opened.record;
    const catalogue = await toolCatalogue(tx);
    const tool = findTool(catalogue, input.toolId, input.toolVersion);
    if (!tool) throw new ValidationError([{ field: 'toolId', message: `There is no risk assessment tool "${input.toolId}"${input.toolVersion ? ` version ${input.toolVersion}` : ''}` }]);
    const context = await repo.caseRiskContext(tx, caseId);
    const errors: FieldError[] = [];

    let victimPersonId: string | null = input.victimPersonId ?? null;
    if (victimPersonId === null && context.victims.length === 1) victimPersonId = context.victims[0]!.personId;
    if (victimPersonId === null && context.victims.length > 1) errors.push({ field: 'victimPersonId', message: 'Choose which victim the assessment is for' });
    if (victimPersonId !== null && !context.victims.some((v) => v.personId === victimPersonId)) {
      errors.push({ field: 'victimPersonId', message: 'Choose a victim on this case' });
    }
    if (input.source === 'police-information-and-observation' && !input.sourceNote) {
      errors.push({
        field: 'sourceNote',
        message: 'Say why the victim would not engage and which police information and officer observation the answers come from',
      });
    }

    const answers = cleanAnswers(input.answers);
    const policy = await riskPolicyOf(tx);
    const graded = gradeAssessment(tool, answers, { bands: bandsFor(tool, policy), ...(input.judgement ? { judgement: input.judgement } : {}) });
    if (!graded.ok) errors.push(...answerErrors(graded.reasons, tool, answers, 'answers'));

    // The stalking questions: required once opened (DASH question 8 yes), kept whenever answered.
    const supplementId = supplementToolId(tool);
    const supplement = supplementId ? findTool(catalogue, supplementId) : undefined;
    const supplementAnswers = input.supplementAnswers ? cleanAnswers(input.supplementAnswers) : {};
    const opened8 = graded.ok ? graded.value.openedToolIds.length > 0 : tool.questions.some((q) => q.followUp?.opens.toolId && answers[q.id]?.value === 'yes');
    const keepSupplement = !!supplement && (opened8 || Object.keys(supplementAnswers).length > 0);
    if (keepSupplement) {
      const problems = checkAnswers(supplement, supplementAnswers);
      if (problems.length > 0) {
        const opener = tool.questions.find((q) => q.followUp?.opens.toolId === supplement.id);
        const why = opened8 && opener ? `Question ${opener.number} was answered yes, so the ${supplement.name} must be answered. ` : '';
        errors.push(...answerErrors(problems.map((p) => ({ ...p, message: `${why}${p.message}` })), supplement, supplementAnswers, 'supplementAnswers'));
      }
    }
    if (errors.length > 0 || !graded.ok) throw new ValidationError(errors);

    const grading = graded.value;
    const id = await repo.insertAssessment(tx, {
      caseId,
      victimPersonId,
      stage: input.stage,
      source: input.source,
      sourceNote: input.sourceNote ?? null,
      tool: snapshotTool(tool),
      answers,
      supplementTool: keepSupplement ? snapshotTool(supplement) : null,
      supplementAnswers: keepSupplement ? supplementAnswers : null,
      grading,
      completedAt: now,
      completedBy: ctx.actor.id,
    });
    await audit(tx, ctx, 'create', 'risk-assessment', id, {
      ...(opened.reason ? { reason: opened.reason } : {}),
      details: { caseId, toolId: tool.id, toolVersion: tool.version, stage: input.stage, source: input.source, score: grading.score, bandGrade: grading.bandGrade, finalGrade: grading.finalGrade, judgement: grading.judgement?.raised ?? false },
    });

    // Close the work this assessment does, and ask for the enhanced assessment if it is still needed.
    const done = { outcome: `Risk assessment completed (${tool.name}, ${input.stage})`, by: ctx.actor.id, at: now };
    if (input.stage === 'initial') await closeOpenTasksOfType(tx, { caseId, type: 'initial-risk-assessment' }, done);
    if (input.stage === 'enhanced') await closeOpenTasksOfType(tx, { caseId, type: 'enhanced-risk-assessment' }, done);
    await closeOpenTasksOfType(tx, { caseId, type: 'risk-reassessment' }, done);
    await askForEnhanced(tx, ctx, policy, record, context, victimPersonId, now);

    const marac = await considerMarac(tx, deps, ctx, {
      record,
      context,
      assessmentId: id,
      victimPersonId,
      tool,
      answers,
      grading,
      supplement: keepSupplement ? { tool: supplement, answers: supplementAnswers } : undefined,
    });
    return { id, grading, marac };
  });
}

async function askForEnhanced(tx: Db, ctx: RequestContext, policy: RiskPolicy, record: CaseRecord, context: repo.CaseRiskContext, victimPersonId: string | null, now: Date) {
  const assessments = forVictim(await repo.assessmentsOfCase(tx, record.id), victimPersonId);
  const required = assessmentRequirements(factsFor(record, context, assessments), policy);
  const enhanced = required.requirements.find((r) => r.code === 'enhanced-assessment');
  if (!enhanced || enhanced.satisfied || (await repo.hasOpenTaskOfType(tx, record.id, 'enhanced-risk-assessment'))) return;
  const reportedAt = context.reports[0]?.reportedAt ?? now;
  const target = new Date(reportedAt.getTime() + policy.timelinessTargetHours.enhanced * HOUR);
  const [taskId] = await insertTasks(tx, [
    {
      type: 'enhanced-risk-assessment',
      title: 'Complete the enhanced risk assessment (DASH) with the victim, or from police information if they will not engage',
      caseId: record.id,
      ownerTeam: record.ownerTeam ?? 'response',
      dueAt: target.getTime() > now.getTime() ? target : new Date(now.getTime() + 4 * HOUR),
      details: { why: enhanced.why, victimPersonId },
      createdBy: ctx.actor.id,
    },
  ]);
  await audit(tx, ctx, 'create', 'task', taskId!, { details: { caseId: record.id, type: 'enhanced-risk-assessment' } });
}

interface MaracCandidate {
  record: CaseRecord;
  context: repo.CaseRiskContext;
  assessmentId: string;
  victimPersonId: string | null;
  tool: ToolDefinition;
  answers: Answers;
  grading: Grading;
  supplement: { tool: ToolDefinition; answers: Answers } | undefined;
}

/** Evaluates the MARAC criteria and, when one is met and no referral task is open, creates the referral task with its summary. */
async function considerMarac(tx: Db, deps: Deps, ctx: RequestContext, c: MaracCandidate): Promise<CompletedAssessment['marac']> {
  const lastReferral = c.victimPersonId ? await repo.lastReferralOn(tx, c.victimPersonId) : undefined;
  const evaluation: MaracEvaluation = evaluateMarac(
    { grading: c.grading, incidentDates: c.context.occasionStarts.map(londonDate), ...(lastReferral ? { lastMaracReferralOn: lastReferral } : {}) },
    await riskPolicyOf(tx),
    deps.clock,
  );
  const criteriaMet = evaluation.criteriaMet.map((m) => ({ code: m.code, message: m.message }));
  if (!evaluation.referralRequired || (await repo.hasOpenTaskOfType(tx, c.record.id, 'marac-referral'))) {
    return { referralRequired: evaluation.referralRequired, criteriaMet, taskId: null };
  }
  const summary = maracReferralSummary({ tool: c.tool, answers: c.answers, grading: c.grading, evaluation, ...(c.supplement ? { stalkingQuestions: c.supplement } : {}) });
  const now = deps.clock.now();
  const [taskId] = await insertTasks(tx, [
    {
      type: 'marac-referral',
      title: 'Refer the victim to MARAC: the summary is prefilled from the risk assessment',
      caseId: c.record.id,
      ownerTeam: c.record.domesticAbuse ? 'da-team' : (c.record.ownerTeam ?? 'scu'),
      dueAt: new Date(now.getTime() + DAY),
      details: { summary, criteria: criteriaMet, assessmentId: c.assessmentId, victimPersonId: c.victimPersonId },
      createdBy: ctx.actor.id,
    },
  ]);
  const referralId = await repo.insertReferral(tx, {
    caseId: c.record.id,
    victimPersonId: c.victimPersonId,
    assessmentId: c.assessmentId,
    criteria: criteriaMet,
    summary,
    taskId: taskId ?? null,
    referredOn: londonDate(now),
    by: ctx.actor.id,
  });
  await audit(tx, ctx, 'create', 'marac-referral', referralId, { details: { caseId: c.record.id, assessmentId: c.assessmentId, criteria: criteriaMet.map((m) => m.code), taskId } });
  return { referralRequired: true, criteriaMet, taskId: taskId ?? null };
}

/* Endorsement -------------------------------------------------------------------- */

export const endorsementInput = z.object({
  grade: z.enum(RISK_GRADES, 'Choose the grade you endorse'),
  rationale: z.string().trim().max(4000, 'The rationale must be 4,000 characters or fewer').optional().transform((v) => v || undefined),
  version: z.coerce.number().int().positive(),
});

/** A detective sergeant confirms or raises the grading (never lowers it). Raising to high can itself meet a MARAC criterion. */
export async function endorseAssessment(deps: Deps, ctx: RequestContext, caseId: string, assessmentId: string, input: z.infer<typeof endorsementInput>, reason?: string): Promise<CompletedAssessment> {
  requirePermission(ctx.actor, 'risk:endorse');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    const opened = await caseForRead(tx, ctx, caseId, reason);
    const assessment = await repo.getAssessment(tx, caseId, assessmentId);
    if (!assessment) throw new NotFoundError('There is no risk assessment with that reference on this case.');
    if (assessment.endorsedByName !== null || assessment.grading.endorsement) throw new ConflictError('This grading has already been endorsed.');
    const outcome = endorseGrading(assessment.grading, { endorsedBy: ctx.actor.displayName, grade: input.grade, ...(input.rationale ? { rationale: input.rationale } : {}) });
    if (!outcome.ok) {
      throw new ValidationError(outcome.reasons.map((r) => ({ field: r.code === 'endorsement-rationale-missing' ? 'rationale' : 'grade', message: r.message })));
    }
    if (!(await repo.endorseAssessment(tx, assessmentId, input.version, { grading: outcome.value, by: ctx.actor.id, at: now }))) {
      throw new ConflictError('Someone else changed this assessment while you were looking at it. Reload it and endorse again.');
    }
    await audit(tx, ctx, 'update', 'risk-assessment', assessmentId, {
      ...(opened.reason ? { reason: opened.reason } : {}),
      details: { caseId, endorsed: true, from: assessment.grading.finalGrade, to: outcome.value.finalGrade },
    });
    const marac = await considerMarac(tx, deps, ctx, {
      record: opened.record,
      context: await repo.caseRiskContext(tx, caseId),
      assessmentId,
      victimPersonId: assessment.victimPersonId,
      tool: assessment.tool,
      answers: assessment.answers,
      grading: outcome.value,
      supplement: assessment.supplementTool && assessment.supplementAnswers ? { tool: assessment.supplementTool, answers: assessment.supplementAnswers } : undefined,
    });
    return { id: assessmentId, grading: outcome.value, marac };
  });
}

/* Requirement exceptions ------------------------------------------------------------ */

export const exceptionInput = z.object({
  victimPersonId: z.uuid('Choose the victim').optional(),
  requirement: z.enum(REQUIREMENT_CODES, 'Choose the assessment that will not be completed'),
  reason: z.string().trim().min(10, 'Say why the assessment will not be completed (at least 10 characters)').max(4000, 'The reason must be 4,000 characters or fewer'),
});

/** Records why a required assessment will not be completed, so the initial investigation can close. */
export async function recordException(deps: Deps, ctx: RequestContext, caseId: string, input: z.infer<typeof exceptionInput>, reason?: string): Promise<string> {
  requirePermission(ctx.actor, 'risk:assess');
  return runUseCase(deps, async (tx) => {
    const opened = await caseForRead(tx, ctx, caseId, reason);
    const id = await repo.insertException(tx, { caseId, victimPersonId: input.victimPersonId ?? null, requirement: input.requirement, reason: input.reason, by: ctx.actor.id, at: deps.clock.now() });
    await audit(tx, ctx, 'create', 'risk-requirement-exception', id, { ...(opened.reason ? { reason: opened.reason } : {}), details: { caseId, requirement: input.requirement } });
    return id;
  });
}

/* The risk management plan ---------------------------------------------------------- */

const dateText = z.string().trim().max(10).default('');
export const planInput = z.object({
  /** The victim the plan is for; may be left out when the case has one victim (or none recorded). */
  victimPersonId: z.uuid('Choose the victim').optional(),
  version: z.coerce.number().int().positive().optional(),
  reviewedOn: z.string().trim().max(10).optional(),
  reviewDate: dateText,
  actions: z
    .array(
      z.object({
        category: z.string().trim().max(20).default(''),
        description: z.string().trim().max(2000, 'A description must be 2,000 characters or fewer').default(''),
        owner: z.string().trim().max(200, 'An owner must be 200 characters or fewer').default(''),
        reviewDate: dateText,
        dueDate: z.string().trim().max(10).optional().transform((v) => v || undefined),
        status: z.enum(ACTION_STATUSES, 'Choose the action’s status').default('planned'),
      }),
    )
    .max(100),
  disclosures: z
    .array(
      z.object({
        information: z.string().trim().max(2000, 'The information must be 2,000 characters or fewer').default(''),
        told: z.boolean(),
        toldOn: z.string().trim().max(10).optional().transform((v) => v || undefined),
        reasonNotTold: z.string().trim().max(2000).optional().transform((v) => v || undefined),
      }),
    )
    .max(50)
    .default([]),
});
export type PlanInput = z.infer<typeof planInput>;

const PLAN_FIELDS: Record<string, string> = {
  'action-category-invalid': 'category',
  'action-description-missing': 'description',
  'action-owner-missing': 'owner',
  'action-review-date-missing': 'reviewDate',
  'action-due-date-invalid': 'dueDate',
  'disclosure-information-missing': 'information',
  'disclosure-date-missing': 'toldOn',
  'disclosure-reason-missing': 'reasonNotTold',
};

function planErrors(reasons: readonly Reason[]): FieldError[] {
  return reasons.map((r) => {
    const item = /^(Action|Risk information) (\d+)/.exec(r.message);
    if (item && PLAN_FIELDS[r.code]) {
      const list = item[1] === 'Action' ? 'actions' : 'disclosures';
      return { field: `${list}.${Number(item[2]) - 1}.${PLAN_FIELDS[r.code]}`, message: r.message };
    }
    if (r.code === 'plan-no-actions') return { field: 'actions', message: r.message };
    if (r.code === 'plan-date-missing') return { field: 'reviewedOn', message: r.message };
    return { field: 'reviewDate', message: r.message };
  });
}

/** The latest review date the policy allows for a plan at this grade, made or reviewed on the given day. */
export function latestReviewDate(policy: RiskPolicy, grade: RiskGrade, reviewedOn: string): string {
  return addDaysTo(reviewedOn, policy.planReview.maxIntervalDays[grade]);
}

/** The victim a plan is for: the one named, else the case's only victim, else none when the case has no victim recorded. */
function planVictim(context: repo.CaseRiskContext, victimPersonId: string | undefined): { personId: string | null; name: string } {
  if (victimPersonId !== undefined) {
    const victim = context.victims.find((v) => v.personId === victimPersonId);
    if (!victim) throw new ValidationError([{ field: 'victimPersonId', message: 'Choose a victim on this case' }]);
    return victim;
  }
  if (context.victims.length > 1) throw new ValidationError([{ field: 'victimPersonId', message: 'Choose which victim the plan is for: each victim has their own plan' }]);
  return context.victims[0] ?? { personId: null, name: 'The victim' };
}

/**
 * Creates or replaces one victim's risk management plan (RARA actions, review date within
 * the force's interval for that victim's current grade, what the victim has been told).
 * Each victim on a case has their own plan. A save based on an out-of-date version is
 * refused with a conflict.
 */
export async function savePlan(deps: Deps, ctx: RequestContext, caseId: string, input: PlanInput, reason?: string): Promise<repo.PlanRow> {
  requirePermission(ctx.actor, 'risk:assess');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    const opened = await caseForRead(tx, ctx, caseId, reason);
    const context = await repo.caseRiskContext(tx, caseId);
    const victim = planVictim(context, input.victimPersonId);
    const assessments = forVictim(await repo.assessmentsOfCase(tx, caseId), victim.personId);
    if (assessments.length === 0) {
      const whose = context.victims.length > 1 ? ` for ${victim.name}` : '';
      throw new ValidationError([{ field: 'actions', message: `Complete a risk assessment${whose} before making the risk management plan` }]);
    }
    const policy = await riskPolicyOf(tx);
    const riskGrade = latestGrade(assessments) ?? 'standard';
    const actions = input.actions as repo.StoredAction[];
    const plan = { riskGrade, reviewedOn: input.reviewedOn || londonDate(now), reviewDate: input.reviewDate, actions };
    const checked = validatePlan(plan, policy);
    const problems = [...(checked.ok ? [] : checked.reasons), ...checkRiskDisclosures(input.disclosures)];
    if (problems.length > 0) throw new ValidationError(planErrors(problems));

    const change: repo.PlanChange = { ...plan, victimPersonId: victim.personId, disclosures: input.disclosures, by: ctx.actor.id, at: now };
    const existing = await repo.planFor(tx, caseId, victim.personId);
    let planId: string;
    if (!existing) {
      if (input.version !== undefined) throw new ConflictError('The plan you edited no longer exists. Reload the page.');
      const inserted = await repo.insertPlan(tx, caseId, change);
      if (!inserted) throw new ConflictError('Someone else made a plan for this victim while you were writing yours. Reload it and add your changes.');
      planId = inserted;
    } else {
      if (input.version === undefined || !(await repo.updatePlan(tx, existing.id, input.version, change))) {
        throw new ConflictError(`Someone else changed this plan (last saved by ${existing.updatedByName ?? 'another user'}) while you were editing it. Check their changes and save again.`, [
          { field: 'actions', yours: actions.length, theirs: existing.actions.length },
          { field: 'reviewDate', yours: input.reviewDate, theirs: existing.reviewDate },
        ]);
      }
      planId = existing.id;
    }
    await audit(tx, ctx, existing ? 'update' : 'create', 'risk-plan', planId, {
      ...(opened.reason ? { reason: opened.reason } : {}),
      details: { caseId, victimPersonId: victim.personId, riskGrade, actions: actions.length, reviewDate: plan.reviewDate, disclosures: input.disclosures.length },
    });
    return (await repo.planFor(tx, caseId, victim.personId))!;
  });
}

export interface VictimPlanView {
  caseId: string;
  victimPersonId: string;
  currentGrade: RiskGrade | null;
  plan: PlanWithReview | null;
  /** The latest review date the force allows for a plan made today at the victim's grade. */
  latestReviewDate: string;
}

/** One victim's plan on a case (for the API). Audited. */
export async function viewVictimPlan(deps: Deps, ctx: RequestContext, caseId: string, victimPersonId: string, reason?: string): Promise<VictimPlanView> {
  requirePermission(ctx.actor, 'cases:read');
  return runUseCase(deps, async (tx) => {
    const opened = await caseForRead(tx, ctx, caseId, reason);
    const context = await repo.caseRiskContext(tx, caseId);
    if (!context.victims.some((v) => v.personId === victimPersonId)) throw new NotFoundError('That person is not a victim on this case.');
    const [stored, assessments, policy] = await Promise.all([repo.planFor(tx, caseId, victimPersonId), repo.assessmentsOfCase(tx, caseId), riskPolicyOf(tx)]);
    const currentGrade = latestGrade(forVictim(assessments, victimPersonId));
    await audit(tx, ctx, 'view', 'risk-plan', stored?.id ?? caseId, { ...(opened.reason ? { reason: opened.reason } : {}), details: { caseId, victimPersonId } });
    return {
      caseId,
      victimPersonId,
      currentGrade,
      plan: stored ? { ...stored, review: planReviewStatus(stored, policy, deps.clock) } : null,
      latestReviewDate: latestReviewDate(policy, currentGrade ?? 'standard', londonDate(deps.clock.now())),
    };
  });
}

/* Safety advice ------------------------------------------------------------------------ */

export const ADVICE_CATALOGUE = [...GOOD_ADVICE, ...UNSAFE_ADVICE];

export const adviceInput = z.object({
  adviceId: z.string().trim().max(60).optional().transform((v) => v || undefined),
  text: z.string().trim().max(2000, 'The advice must be 2,000 characters or fewer').default(''),
  method: z.enum(ADVICE_METHODS, 'Say how the advice was given: in person, leaflet, email or phone'),
  givenOn: z.string().trim().max(10).default(''),
  confirmUnsafe: z.preprocess((v) => v === true || v === 'true' || v === 'yes', z.boolean()).default(false),
});

/** Unsafe advice not yet confirmed: the warnings are shown beside the advice and a confirmation asked for. */
export class UnsafeAdviceError extends ValidationError {}

/**
 * Records safety advice given to the victim and how. Advice the inspectors found unsafe is
 * refused with the reason unless the officer confirms it was given (it is then kept with its
 * warning, so supervisors see it).
 */
export async function recordAdvice(deps: Deps, ctx: RequestContext, caseId: string, input: z.infer<typeof adviceInput>, reason?: string): Promise<string> {
  requirePermission(ctx.actor, 'risk:assess');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    const opened = await caseForRead(tx, ctx, caseId, reason);
    if (input.adviceId && !ADVICE_CATALOGUE.some((a) => a.id === input.adviceId)) throw new ValidationError([{ field: 'adviceId', message: 'Choose advice from the list' }]);
    const text = input.text || ADVICE_CATALOGUE.find((a) => a.id === input.adviceId)?.label || '';
    const item = { ...(input.adviceId ? { adviceId: input.adviceId } : {}), text, method: input.method, givenOn: input.givenOn };
    const { warnings } = checkAdvice([item]);
    const incomplete = warnings.filter((w) => !w.code.startsWith('unsafe-advice-'));
    if (incomplete.length > 0) {
      throw new ValidationError(incomplete.map((w) => ({ field: w.code === 'advice-date-missing' ? 'givenOn' : w.code === 'advice-method-missing' ? 'method' : 'text', message: w.message.replace(/^Advice 1/, 'The advice') })));
    }
    const unsafe = warnings.filter((w) => w.code.startsWith('unsafe-advice-')).map((w) => ({ code: w.code, message: w.message.replace(/^Advice 1/, 'This advice') }));
    if (unsafe.length > 0 && !input.confirmUnsafe) {
      throw new UnsafeAdviceError(unsafe.map((w) => ({ field: 'text', message: w.message })));
    }
    const id = await repo.insertAdvice(tx, { caseId, adviceId: input.adviceId ?? null, text, method: input.method, givenOn: input.givenOn, warnings: unsafe, by: ctx.actor.id, at: now });
    await audit(tx, ctx, 'create', 'risk-advice', id, { ...(opened.reason ? { reason: opened.reason } : {}), details: { caseId, method: input.method, unsafe: unsafe.map((w) => w.code) } });
    return id;
  });
}

/* Force-loaded tools ---------------------------------------------------------------------- */

export const toolInput = z.object({
  definition: z.union([z.string().trim().min(1, 'Paste the tool definition (JSON)'), z.record(z.string(), z.unknown())], 'Paste the tool definition (JSON)'),
});

export async function listTools(deps: Deps, ctx: RequestContext): Promise<ToolCatalogue> {
  if (!ctx.actor.permissions.has('admin:policy')) requirePermission(ctx.actor, 'cases:read');
  return deps.db.transaction().execute((tx) => toolCatalogue(tx));
}

/** Loads a force's own questionnaire from JSON after validating it (plain-English errors naming the field). */
export async function loadTool(deps: Deps, ctx: RequestContext, input: z.infer<typeof toolInput>): Promise<ToolDefinition> {
  requirePermission(ctx.actor, 'admin:policy');
  return deps.db.transaction().execute(async (tx) => {
    const catalogue = await toolCatalogue(tx);
    const parsed = parseToolDefinition(input.definition, { knownToolIds: catalogue.current.map((t) => t.id) });
    if (!parsed.ok) throw new ValidationError(parsed.errors.map((e) => ({ field: 'definition', message: e.message })));
    const tool = parsed.tool;
    if (catalogue.all.some((t) => t.id === tool.id && t.version === tool.version) || (await repo.toolVersionExists(tx, tool.id, tool.version))) {
      throw new ValidationError([{ field: 'definition', message: `version: version "${tool.version}" of the tool "${tool.id}" is already loaded; give the new wording a new version` }]);
    }
    const id = await repo.insertTool(tx, tool, ctx.actor.id, deps.clock.now());
    await audit(tx, ctx, 'create', 'risk-tool', id, { details: { toolId: tool.id, version: tool.version, questions: tool.questions.length } });
    return tool;
  });
}

/* Force risk settings ------------------------------------------------------------------------ */

export interface BandsSetting {
  tool: ToolDefinition;
  /** The bands grading uses now. */
  bands: GradeBand[];
  /** Where medium and high start in them, as the settings form shows it. */
  thresholds: { medium?: number; high?: number };
  /** The bands that apply when the force sets none: the default policy's, or else the tool's own. */
  defaultBands: GradeBand[];
  setByForce: boolean;
  /** 0 while the force has never saved this setting. */
  version: number;
  updatedAt: Date | null;
  updatedByName: string | null;
}

export interface PlanReviewSetting {
  days: Record<RiskGrade, number>;
  defaultDays: Record<RiskGrade, number>;
  setByForce: boolean;
  version: number;
  updatedAt: Date | null;
  updatedByName: string | null;
}

export interface RiskSettingsView {
  policyName: string;
  /** Each tool in use that is scored by counting yes answers. */
  bands: BandsSetting[];
  planReview: PlanReviewSetting;
}

function defaultBandsOf(tool: ToolDefinition): GradeBand[] {
  return [...(bandsFor(tool, RISK_POLICY) ?? [])];
}

async function settingsView(tx: Db): Promise<RiskSettingsView> {
  const [rows, catalogue] = await Promise.all([repo.settingRows(tx), toolCatalogue(tx)]);
  const policy = applyRiskSettings(RISK_POLICY, settingsFrom(rows));
  const row = (key: string) => rows.find((r) => r.key === key);
  const bands = catalogue.current
    .filter((tool) => tool.scoring.method === 'count-yes')
    .map((tool): BandsSetting => {
      const saved = row(`${BANDS_KEY}${tool.id}`);
      return {
        tool,
        bands: [...(bandsFor(tool, policy) ?? [])],
        thresholds: thresholdsOf(bandsFor(tool, policy) ?? []),
        defaultBands: defaultBandsOf(tool),
        setByForce: !!saved,
        version: saved?.version ?? 0,
        updatedAt: saved?.updatedAt ?? null,
        updatedByName: saved?.updatedByName ?? null,
      };
    });
  const saved = row(PLAN_REVIEW_KEY);
  return {
    policyName: RISK_POLICY.name,
    bands,
    planReview: {
      days: { ...policy.planReview.maxIntervalDays },
      defaultDays: { ...RISK_POLICY.planReview.maxIntervalDays },
      setByForce: !!saved,
      version: saved?.version ?? 0,
      updatedAt: saved?.updatedAt ?? null,
      updatedByName: saved?.updatedByName ?? null,
    },
  };
}

/** The force's risk settings: score bands per tool and plan review intervals, with the defaults beside them. */
export async function viewRiskSettings(deps: Deps, ctx: RequestContext): Promise<RiskSettingsView> {
  requirePermission(ctx.actor, 'admin:policy');
  return runUseCase(deps, (tx) => settingsView(tx));
}

const gradeBandInput = z.object({
  grade: z.enum(RISK_GRADES, 'Each band needs a grade: standard, medium or high'),
  min: z.number('Each band needs a minimum score (a whole number)').int('A band’s minimum score must be a whole number').nonnegative('A band’s minimum score must be 0 or more'),
  max: z.number('A band’s maximum score must be a whole number').int('A band’s maximum score must be a whole number').nonnegative('A band’s maximum score must be 0 or more').optional(),
});

const settingVersion = z.coerce.number('Send the version of the setting you read (0 if it has never been saved)').int().nonnegative();

export const bandsSettingInput = z.object({
  toolId: z.string().trim().min(1, 'Choose the tool the bands are for'),
  bands: z.array(gradeBandInput).min(1, 'Give at least one band').max(3, 'There are at most three bands: standard, medium and high'),
  version: settingVersion,
});

/** The settings form's version of the bands: the score at which medium (optional) and high start. */
export interface BandThresholdsForm {
  toolId: string;
  medium?: unknown;
  high?: unknown;
  version: number;
}

export const planReviewSettingInput = z.object({
  maxIntervalDays: z.object({
    standard: z.number('Enter the days for a standard-risk plan as a number'),
    medium: z.number('Enter the days for a medium-risk plan as a number'),
    high: z.number('Enter the days for a high-risk plan as a number'),
  }),
  version: settingVersion,
});

async function saveSetting(tx: Db, ctx: RequestContext, key: string, version: number, value: unknown, at: Date, before: unknown, what: string) {
  const saved = version === 0 ? await repo.insertSetting(tx, key, value, ctx.actor.id, at) : await repo.updateSetting(tx, key, version, value, ctx.actor.id, at);
  if (!saved) {
    throw new ConflictError(`Someone else changed the ${what} while you were editing them. Reload the page to see their change, then make yours again.`);
  }
  await audit(tx, ctx, 'update', 'risk-settings', key, { details: { key, from: before, to: value } });
}

/**
 * Sets a tool's score bands for the force, from whole bands (the API) or from the form's
 * thresholds. Refused with clear reasons when the bands would leave a score without a grade,
 * could never be reached, or are not rising; refused as a conflict when based on an
 * out-of-date version. Grading uses them from the next assessment.
 */
export async function saveBands(deps: Deps, ctx: RequestContext, input: z.infer<typeof bandsSettingInput> | BandThresholdsForm): Promise<RiskSettingsView> {
  requirePermission(ctx.actor, 'admin:policy');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    const view = await settingsView(tx);
    const catalogue = await toolCatalogue(tx);
    const tool = catalogue.current.find((t) => t.id === input.toolId);
    if (!tool) throw new ValidationError([{ field: 'toolId', message: `There is no risk assessment tool "${input.toolId}"` }]);
    let bands: GradeBand[];
    if ('bands' in input) {
      const problems = checkForceBands(tool, input.bands);
      if (problems.length > 0) throw new ValidationError(problems.map((p) => ({ field: p.field.replace(/\[(\d+)\]/g, '.$1'), message: p.message })));
      bands = input.bands.map((b) => (b.max === undefined ? { grade: b.grade, min: b.min } : { grade: b.grade, min: b.min, max: b.max }));
    } else {
      const made = tool.scoring.method === 'count-yes' ? bandsFromThresholds(tool, input) : { ok: false as const, reasons: checkForceBands(tool, []) };
      if (!made.ok) throw new ValidationError(made.reasons.map((p) => ({ field: p.field, message: p.message })));
      bands = made.value;
    }
    const current = view.bands.find((b) => b.tool.id === tool.id);
    await saveSetting(tx, ctx, `${BANDS_KEY}${tool.id}`, input.version, bands, now, current?.bands ?? null, `score bands for ${tool.name}`);
    return settingsView(tx);
  });
}

/**
 * Sets the longest time between plan reviews for each risk grade. Refused with clear reasons
 * when a value is not a whole number of days from 1 to 365 or a higher-risk plan would be
 * reviewed less often than a lower-risk one; refused as a conflict when out of date.
 */
export async function savePlanReviewDays(deps: Deps, ctx: RequestContext, input: { maxIntervalDays: Partial<Record<RiskGrade, unknown>>; version: number }): Promise<RiskSettingsView> {
  requirePermission(ctx.actor, 'admin:policy');
  const now = deps.clock.now();
  return runUseCase(deps, async (tx) => {
    const view = await settingsView(tx);
    const checked = checkPlanReviewDays(input.maxIntervalDays);
    if (!checked.ok) throw new ValidationError(checked.reasons.map((p) => ({ field: `maxIntervalDays.${p.field}`, message: p.message })));
    await saveSetting(tx, ctx, PLAN_REVIEW_KEY, input.version, checked.value, now, view.planReview.days, 'plan review intervals');
    return settingsView(tx);
  });
}
