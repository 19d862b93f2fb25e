import { checkAnswers, openedFollowUps, yesQuestionIds, type Answers } from './answers.ts';
import { isHigherGrade, type RiskGrade } from './grades.ts';
import type { RiskPolicy } from './policy.ts';
import { accept, isBlank, plural, refuse, type Outcome, type Reason } from './reason.ts';
import type { GradeBand, ToolDefinition, ToolKind } from './tool.ts';

/** An officer's or supervisor's own view of the risk, with the reason for it. */
export interface ProfessionalJudgement {
  readonly grade: RiskGrade;
  readonly rationale: string;
}

/** A recorded judgement, noting whether it raised the grade the score gave. */
export interface RecordedJudgement extends ProfessionalJudgement {
  readonly raised: boolean;
}

/** A supervisor's (detective sergeant's) endorsement of a grading. */
export interface Endorsement {
  readonly endorsedBy: string;
  readonly grade: RiskGrade;
  /** Required when the endorsement raises the grade. */
  readonly rationale?: string;
}

/** The result of grading a completed questionnaire. */
export interface Grading {
  readonly toolId: string;
  readonly toolVersion: string;
  readonly toolKind: ToolKind;
  /** Number of yes answers. "Not known" never counts. */
  readonly score: number;
  readonly questionCount: number;
  readonly notKnownCount: number;
  readonly yesQuestionIds: readonly string[];
  /** High-risk factor questions answered yes. */
  readonly highRiskYesQuestionIds: readonly string[];
  /** Grade from the score bands; null for tools without a numeric threshold (e.g. S-DASH). */
  readonly bandGrade: RiskGrade | null;
  /** Grade after professional judgement; null when an unscored tool has no judgement yet. */
  readonly finalGrade: RiskGrade | null;
  readonly basis: 'score' | 'professional-judgement' | 'none';
  readonly judgement?: RecordedJudgement;
  readonly endorsement?: Endorsement;
  /** Tools the answers opened, e.g. the stalking questions after DASH question 8. */
  readonly openedToolIds: readonly string[];
}

/** Options for grading. `bands` override the tool's own bands (see `bandsFor`). */
export interface GradeOptions {
  readonly judgement?: ProfessionalJudgement;
  readonly bands?: readonly GradeBand[];
}

function toolBands(tool: ToolDefinition): readonly GradeBand[] | undefined {
  return tool.scoring.method === 'count-yes' ? tool.scoring.bands : undefined;
}

/** The bands to use for a tool: the force policy's, if it sets any, otherwise the tool's own. */
export function bandsFor(tool: ToolDefinition, policy: RiskPolicy): readonly GradeBand[] | undefined {
  return policy.bands[tool.id] ?? toolBands(tool);
}

/** The grade a score falls in. Bands must be valid (see `checkBands`). */
export function gradeForScore(score: number, bands: readonly GradeBand[]): RiskGrade {
  const band = bands.find((b) => score >= b.min && (b.max === undefined || score <= b.max));
  if (!band) throw new Error(`No band covers a score of ${score}; check the bands with checkBands`);
  return band.grade;
}

function scoreDescription(score: number, grade: RiskGrade): string {
  return `${plural(score, 'yes answer')} grade${score === 1 ? 's' : ''} ${grade}`;
}

/** Reasons a judgement cannot be applied to a grading, if any. */
function judgementProblems(grading: Grading, judgement: ProfessionalJudgement): Reason[] {
  if (isBlank(judgement.rationale)) {
    return [{ code: 'judgement-rationale-missing', message: `Professional judgement needs a rationale: say why the risk is ${judgement.grade}.` }];
  }
  if (grading.bandGrade !== null && isHigherGrade(grading.bandGrade, judgement.grade)) {
    return [{
      code: 'judgement-cannot-lower',
      message: `${scoreDescription(grading.score, grading.bandGrade)}; professional judgement can raise a grading but not lower it.`,
    }];
  }
  return [];
}

/** Applies professional judgement: it may raise the grade the score gives, never lower it. */
export function applyJudgement(grading: Grading, judgement: ProfessionalJudgement): Outcome<Grading> {
  const problems = judgementProblems(grading, judgement);
  if (problems.length > 0) return refuse(...problems);
  const raised = grading.bandGrade === null || isHigherGrade(judgement.grade, grading.bandGrade);
  return accept({
    ...grading,
    finalGrade: judgement.grade,
    basis: raised ? 'professional-judgement' : grading.basis,
    judgement: { grade: judgement.grade, rationale: judgement.rationale.trim(), raised },
  });
}

/**
 * Grades answers to a tool: the score (yes answers), the band grade, and the final grade
 * after any professional judgement. Refused, with reasons, when answers are for questions
 * the tool version does not have, required questions are unanswered, or the judgement would
 * lower the grade or has no rationale.
 */
export function gradeAssessment(tool: ToolDefinition, answers: Answers, options: GradeOptions = {}): Outcome<Grading> {
  const answerProblems = checkAnswers(tool, answers);
  if (answerProblems.length > 0) return refuse(...answerProblems);
  const yes = yesQuestionIds(tool, answers);
  const bands = options.bands ?? toolBands(tool);
  const bandGrade = bands ? gradeForScore(yes.length, bands) : null;
  const highRisk = new Set(tool.questions.filter((q) => q.highRisk).map((q) => q.id));
  const grading: Grading = {
    toolId: tool.id,
    toolVersion: tool.version,
    toolKind: tool.kind,
    score: yes.length,
    questionCount: tool.questions.length,
    notKnownCount: Object.values(answers).filter((a) => a.value === 'not-known').length,
    yesQuestionIds: yes,
    highRiskYesQuestionIds: yes.filter((id) => highRisk.has(id)),
    bandGrade,
    finalGrade: bandGrade,
    basis: bandGrade === null ? 'none' : 'score',
    openedToolIds: openedFollowUps(tool, answers).toolIds,
  };
  return options.judgement ? applyJudgement(grading, options.judgement) : accept(grading);
}

/**
 * A detective sergeant endorses the grading (DOMAIN.md §5). They may confirm it or raise it
 * with a rationale, never lower it.
 */
export function endorseGrading(grading: Grading, endorsement: Endorsement): Outcome<Grading> {
  if (isBlank(endorsement.endorsedBy)) {
    return refuse({ code: 'endorser-missing', message: 'Say who is endorsing the grading.' });
  }
  const current = grading.finalGrade;
  if (current !== null && isHigherGrade(current, endorsement.grade)) {
    return refuse({
      code: 'endorsement-cannot-lower',
      message: `The grading is ${current}; an endorsement can confirm or raise a grading but not lower it.`,
    });
  }
  if (current === endorsement.grade) return accept({ ...grading, endorsement });
  if (isBlank(endorsement.rationale)) {
    return refuse({ code: 'endorsement-rationale-missing', message: `Raising the grading to ${endorsement.grade} needs a rationale: say why.` });
  }
  return accept({ ...grading, finalGrade: endorsement.grade, basis: 'professional-judgement', endorsement });
}
