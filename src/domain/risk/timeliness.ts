import type { Clock } from '../clock.ts';
import { ASSESSMENT_STAGES, type AssessmentRecord, type AssessmentStage } from './assessment.ts';
import type { RiskPolicy } from './policy.ts';

const MS_PER_HOUR = 3_600_000;

/** How quickly one assessment stage was (or is being) completed against the force target. */
export interface StageTimeliness {
  readonly stage: AssessmentStage;
  readonly targetHours: number;
  readonly dueBy: Date;
  readonly completedAt?: Date;
  /** Hours from report to completion. */
  readonly hoursTaken?: number;
  /** on-time / late once completed; due / overdue while not. */
  readonly status: 'on-time' | 'late' | 'due' | 'overdue';
}

function firstCompleted(assessments: readonly AssessmentRecord[], stage: AssessmentStage): Date | undefined {
  return assessments
    .filter((a) => a.stage === stage)
    .map((a) => a.completedAt)
    .sort((a, b) => a.getTime() - b.getTime())[0];
}

/** Time from report to each assessment stage against the force's targets, for the case and dashboards. */
export function assessmentTimeliness(
  reportedAt: Date,
  assessments: readonly AssessmentRecord[],
  policy: RiskPolicy,
  clock: Clock,
): StageTimeliness[] {
  return ASSESSMENT_STAGES.map((stage) => {
    const targetHours = policy.timelinessTargetHours[stage];
    const dueBy = new Date(reportedAt.getTime() + targetHours * MS_PER_HOUR);
    const completedAt = firstCompleted(assessments, stage);
    if (completedAt === undefined) {
      return { stage, targetHours, dueBy, status: clock.now() <= dueBy ? 'due' : 'overdue' };
    }
    const hoursTaken = (completedAt.getTime() - reportedAt.getTime()) / MS_PER_HOUR;
    return { stage, targetHours, dueBy, completedAt, hoursTaken, status: hoursTaken <= targetHours ? 'on-time' : 'late' };
  });
}
