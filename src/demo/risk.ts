import type { Kysely, Transaction } from 'kysely';
import {
  DASH_2009,
  DASH_STALKING_QUESTIONS,
  SDASH,
  bandsFor,
  evaluateMarac,
  gradeAssessment,
  maracReferralSummary,
  snapshotTool,
  westYorkshireRiskPolicy,
  type Answers,
  type ToolDefinition,
} from '../domain/risk/index.ts';
import type { Database } from '../platform/db/schema.ts';
import { insertTasks } from '../features/tasks/repository.ts';
import * as repo from '../features/risk/repository.ts';
import { londonDate } from '../features/risk/service.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface SeedRiskOptions {
  /** The seeded generator shared by the demo data. */
  random: () => number;
  /** Demo user ids by username (role code). */
  users: ReadonlyMap<string, string>;
  progress?: (step: string, done: number, total: number) => void;
}

/** Answers every question: `yes` of them yes (chosen by the generator, question 8 first when asked), the rest no. */
function answersFor(tool: ToolDefinition, yes: number, random: () => number, first: readonly string[] = []): Answers {
  const ids = tool.questions.map((q) => q.id);
  const rest = ids.filter((id) => !first.includes(id)).sort(() => random() - 0.5);
  const chosen = new Set([...first, ...rest].slice(0, yes));
  return Object.fromEntries(ids.map((id) => [id, { value: chosen.has(id) ? ('yes' as const) : ('no' as const) }]));
}

/**
 * Risk assessments on a few demo cases (the first open ones by reference): an S-DASH
 * screening and a DASH with the stalking questions, graded standard, medium (raised to high
 * by judgement and endorsed) and high (with its MARAC referral task and summary), and a risk
 * management plan on the high-risk case. Does nothing when there are no cases yet.
 */
export async function seedRisk(tx: Db, options: SeedRiskOptions): Promise<void> {
  const progress = options.progress ?? (() => undefined);
  const officer = options.users.get('attending-officer') ?? null;
  const sergeant = options.users.get('detective-sergeant') ?? null;
  const cases = await tx
    .selectFrom('cases')
    .select(['id', 'domestic_abuse', 'owner_team'])
    .where('status', '=', 'open')
    .where('restricted', '=', false)
    .orderBy('reference')
    .limit(3)
    .execute();
  const yesCounts = [4, 11, 15];
  for (const [index, kase] of cases.entries()) {
    const context = await repo.caseRiskContext(tx, kase.id);
    const victimPersonId = context.victims[0]?.personId ?? null;
    const reportedAt = context.reports[0]?.reportedAt ?? new Date();
    const at = (hours: number) => new Date(reportedAt.getTime() + hours * 3_600_000);

    const screening = answersFor(SDASH, 3 + index, options.random);
    const sdashGrading = gradeAssessment(SDASH, screening);
    if (sdashGrading.ok) {
      await repo.insertAssessment(tx, {
        caseId: kase.id, victimPersonId, stage: 'initial', source: 'victim', sourceNote: null,
        tool: snapshotTool(SDASH), answers: screening, supplementTool: null, supplementAnswers: null,
        grading: sdashGrading.value, completedAt: at(2), completedBy: officer,
      });
    }

    const yes = yesCounts[index] ?? 4;
    const answers = answersFor(DASH_2009, yes, options.random, ['q8']);
    const stalking = answersFor(DASH_STALKING_QUESTIONS, Math.min(yes, 6), options.random);
    const judgement = index === 1 ? { grade: 'high' as const, rationale: 'Visits are more frequent and he has found her new workplace.' } : undefined;
    const graded = gradeAssessment(DASH_2009, answers, { bands: bandsFor(DASH_2009, westYorkshireRiskPolicy), ...(judgement ? { judgement } : {}) });
    if (!graded.ok) continue;
    const grading = index === 1 && sergeant ? { ...graded.value, endorsement: { endorsedBy: 'Detective sergeant (demo)', grade: graded.value.finalGrade ?? 'high' } } : graded.value;
    const assessmentId = await repo.insertAssessment(tx, {
      caseId: kase.id, victimPersonId, stage: 'enhanced', source: 'victim', sourceNote: null,
      tool: snapshotTool(DASH_2009), answers, supplementTool: snapshotTool(DASH_STALKING_QUESTIONS), supplementAnswers: stalking,
      grading, completedAt: at(20), completedBy: officer,
    });
    if (grading.endorsement && sergeant) {
      await tx.updateTable('risk_assessments').set({ endorsed_by: sergeant, endorsed_at: at(26) }).where('id', '=', assessmentId).execute();
    }
    await tx
      .updateTable('tasks')
      .set({ status: 'done', outcome: 'Risk assessment completed (demo)', completed_by: officer, completed_at: at(20) })
      .where('case_id', '=', kase.id)
      .where('type', 'in', ['initial-risk-assessment', 'risk-reassessment'])
      .where('status', '=', 'open')
      .execute();

    const clock = { now: () => at(20) };
    const evaluation = evaluateMarac({ grading, incidentDates: context.occasionStarts.map(londonDate) }, westYorkshireRiskPolicy, clock);
    if (evaluation.referralRequired) {
      const summary = maracReferralSummary({ tool: DASH_2009, answers, grading, evaluation, stalkingQuestions: { tool: DASH_STALKING_QUESTIONS, answers: stalking } });
      const criteria = evaluation.criteriaMet.map((c) => ({ code: c.code, message: c.message }));
      const [taskId] = await insertTasks(tx, [{
        type: 'marac-referral',
        title: 'Refer the victim to MARAC: the summary is prefilled from the risk assessment',
        caseId: kase.id,
        ownerTeam: kase.domestic_abuse ? 'da-team' : (kase.owner_team ?? 'scu'),
        dueAt: at(44),
        details: { summary, criteria, assessmentId, victimPersonId },
        createdBy: officer,
      }]);
      await repo.insertReferral(tx, { caseId: kase.id, victimPersonId, assessmentId, criteria, summary, taskId: taskId ?? null, referredOn: londonDate(at(20)), by: officer ?? '' });
    }

    if (grading.finalGrade === 'high' && officer) {
      const day = londonDate(at(24));
      const plus = (days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      await repo.insertPlan(tx, kase.id, {
        victimPersonId,
        riskGrade: 'high',
        reviewedOn: day,
        reviewDate: plus(7),
        actions: [
          { category: 'remove', description: 'Arrest the suspect for stalking', owner: 'Response team', reviewDate: plus(2), status: 'in-progress' },
          { category: 'reduce', description: 'Apply for a stalking protection order', owner: 'Stalking coordination unit', reviewDate: plus(7), status: 'planned' },
          { category: 'reduce', description: 'Fit a video doorbell and a personal alarm', owner: 'Crime prevention officer', reviewDate: plus(5), status: 'planned' },
        ],
        disclosures: [{ information: 'The suspect knows her new address', told: true, toldOn: day }],
        by: officer,
        at: at(24),
      });
      await repo.insertAdvice(tx, { caseId: kase.id, adviceId: 'keep-diary', text: 'Keep a diary of every incident', method: 'leaflet', givenOn: day, warnings: [], by: officer, at: at(24) });
    }
    progress('Demo risk assessments', index + 1, cases.length);
  }
}
