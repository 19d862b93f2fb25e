import { bandsFor, DASH_2009, gradeAssessment, SDASH, snapshotTool, westYorkshireRiskPolicy, type Answers, type ToolDefinition } from '../../../src/domain/risk/index.ts';
import { between, chance, DAY, HOUR, isoDate, plus, type CaseDraft, type Random, type SynthContext } from '../context.ts';
import type { TableSpec } from '../loader.ts';
import type { SynthGroup } from './types.ts';

const assessments: TableSpec = {
  name: 'risk_assessments',
  columns: [
    ['id', 'uuid'], ['case_id', 'uuid'], ['victim_person_id', 'uuid'], ['stage', 'text'], ['source', 'text'], ['tool_id', 'text'], ['tool_version', 'text'],
    ['tool', 'jsonb'], ['answers', 'jsonb'], ['grading', 'jsonb'], ['score', 'integer'], ['band_grade', 'text'], ['final_grade', 'text'],
    ['completed_at', 'timestamptz'], ['completed_by', 'uuid'], ['endorsed_by', 'uuid'], ['endorsed_at', 'timestamptz'], ['created_at', 'timestamptz'],
  ],
};
const plans: TableSpec = {
  name: 'risk_plans',
  columns: [['id', 'uuid'], ['case_id', 'uuid'], ['risk_grade', 'text'], ['reviewed_on', 'date'], ['review_date', 'date'], ['actions', 'jsonb'], ['disclosures', 'jsonb'], ['created_by', 'uuid'], ['updated_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
};

function answersFor(tool: ToolDefinition, yes: number, random: Random): Answers {
  const ids = tool.questions.map((q) => q.id);
  const chosen = new Set(ids.filter(() => random() < yes / ids.length));
  return Object.fromEntries(ids.map((id) => [id, { value: chosen.has(id) ? ('yes' as const) : ('no' as const) }]));
}

/**
 * Risk: an S-DASH screening for most cases (fewer for non-domestic victims, as inspectors
 * found), a full DASH graded by the app's own rules for a quarter, and a risk management
 * plan for high-risk open cases. Tool snapshots are the real tools, serialised once.
 */
export function makeRiskGroup(): SynthGroup {
  const sdashJson = JSON.stringify(snapshotTool(SDASH));
  const dashJson = JSON.stringify(snapshotTool(DASH_2009));
  const bands = bandsFor(DASH_2009, westYorkshireRiskPolicy);
  return {
    name: 'risk',
    tables: [assessments, plans],
    emit(ctx: SynthContext, kase: CaseDraft) {
      const { random, people, users, asOf, loader } = ctx;
      const officer = users.get('attending-officer') ?? null;
      const sergeant = users.get('detective-sergeant') ?? null;
      const victim = people.ids[kase.victims[0]!];
      const first = kase.reports[0]!.reportedAt;
      if (!chance(random, kase.domesticAbuse ? 0.85 : 0.45)) return;
      const screenedAt = plus(first, between(random, 1, 48) * HOUR);
      if (screenedAt > asOf) return;
      const screening = answersFor(SDASH, between(random, 1, 8), random);
      const sdash = gradeAssessment(SDASH, screening);
      if (sdash.ok) {
        loader.add(assessments, [ctx.uuid(), kase.id, victim, 'initial', 'victim', SDASH.id, SDASH.version, sdashJson, screening, sdash.value, sdash.value.score, sdash.value.bandGrade ?? null, sdash.value.finalGrade ?? null, screenedAt, officer, null, null, screenedAt]);
      }
      if (!chance(random, kase.domesticAbuse ? 0.45 : 0.2)) return;
      const assessedAt = plus(screenedAt, between(random, 2, 96) * HOUR);
      if (assessedAt > asOf) return;
      const answers = answersFor(DASH_2009, between(random, 2, 18), random);
      const graded = gradeAssessment(DASH_2009, answers, { bands });
      if (!graded.ok) return;
      const grade = graded.value.finalGrade ?? 'standard';
      const endorsed = grade === 'high' && chance(random, 0.8);
      loader.add(assessments, [
        ctx.uuid(), kase.id, victim, 'enhanced', 'victim', DASH_2009.id, DASH_2009.version, dashJson, answers, graded.value, graded.value.score,
        graded.value.bandGrade ?? null, grade, assessedAt, officer, endorsed ? sergeant : null, endorsed ? plus(assessedAt, 6 * HOUR) : null, assessedAt,
      ]);
      if (grade === 'high') {
        const day = isoDate(plus(assessedAt, DAY));
        const reviewDate = isoDate(plus(assessedAt, between(random, 5, 40) * DAY));
        const actions = [
          { category: 'remove', description: 'Arrest the suspect', owner: 'Response team', reviewDate, status: kase.status === 'finalised' ? 'done' : 'in-progress' },
          { category: 'reduce', description: 'Fit a video doorbell and a personal alarm', owner: 'Crime prevention officer', reviewDate, status: 'planned' },
        ];
        loader.add(plans, [ctx.uuid(), kase.id, 'high', day, reviewDate, actions, [], officer, officer, plus(assessedAt, DAY), plus(assessedAt, DAY)]);
      }
    },
  };
}
