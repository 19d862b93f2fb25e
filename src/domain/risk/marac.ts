import type { Clock } from '../clock.ts';
import { ANSWER_LABELS, type Answers } from './answers.ts';
import { addMonths, formatDate, today, type LocalDate } from './dates.ts';
import type { Grading } from './grading.ts';
import type { RiskPolicy } from './policy.ts';
import { plural, type Reason } from './reason.ts';
import { findQuestion, type ToolDefinition } from './tool.ts';

/** What the MARAC criteria are evaluated on. */
export interface MaracInput {
  readonly grading: Grading;
  /** Dates of incidents against the victim, including the current one. */
  readonly incidentDates: readonly LocalDate[];
  readonly lastMaracReferralOn?: LocalDate;
}

export type MaracCriterion = 'visible-high-risk' | 'potential-escalation' | 'professional-judgement' | 'repeat';

export interface MaracEvaluation {
  readonly referralRequired: boolean;
  /** Each criterion met, with code = the criterion and a plain-English reason. */
  readonly criteriaMet: readonly (Reason & { readonly code: MaracCriterion })[];
  /** Incidents within the escalation window, oldest first. */
  readonly incidentsInWindow: readonly LocalDate[];
  readonly windowMonths: number;
}

function visibleHighRisk(grading: Grading, policy: RiskPolicy): string | undefined {
  const { visibleHighRiskScore, visibleHighRiskToolIds } = policy.marac;
  if (!visibleHighRiskToolIds.includes(grading.toolId) || grading.score < visibleHighRiskScore) return undefined;
  return `Visible high risk: ${plural(grading.score, 'yes answer')} (the threshold is ${visibleHighRiskScore}).`;
}

function professionalJudgement(grading: Grading): string | undefined {
  if (grading.finalGrade !== 'high' || grading.basis !== 'professional-judgement') return undefined;
  const rationale = grading.endorsement?.rationale ?? grading.judgement?.rationale;
  return `Professional judgement: the risk is graded high${rationale ? ` because ${rationale}` : ''}.`;
}

function potentialEscalation(incidents: readonly LocalDate[], policy: RiskPolicy): string | undefined {
  const { escalationIncidents, escalationWindowMonths } = policy.marac;
  if (incidents.length < escalationIncidents) return undefined;
  return `Potential escalation: ${plural(incidents.length, 'incident')} in the last ${escalationWindowMonths} months (the threshold is ${escalationIncidents}).`;
}

function repeat(input: MaracInput, policy: RiskPolicy): string | undefined {
  const referral = input.lastMaracReferralOn;
  if (referral === undefined) return undefined;
  const windowEnd = addMonths(referral, policy.marac.repeatWindowMonths);
  const repeats = input.incidentDates.filter((d) => d > referral && d <= windowEnd).sort();
  const latest = repeats.at(-1);
  if (latest === undefined) return undefined;
  return `Repeat: an incident on ${formatDate(latest)} is within ${policy.marac.repeatWindowMonths} months of the last MARAC referral on ${formatDate(referral)}.`;
}

/**
 * Evaluates the SafeLives MARAC referral criteria: visible high risk, potential escalation,
 * professional judgement and repeat. A referral is required when any criterion is met.
 */
export function evaluateMarac(input: MaracInput, policy: RiskPolicy, clock: Clock): MaracEvaluation {
  const now = today(clock);
  const windowStart = addMonths(now, -policy.marac.escalationWindowMonths);
  const incidentsInWindow = input.incidentDates.filter((d) => d >= windowStart && d <= now).sort();
  const candidates: [MaracCriterion, string | undefined][] = [
    ['visible-high-risk', visibleHighRisk(input.grading, policy)],
    ['potential-escalation', potentialEscalation(incidentsInWindow, policy)],
    ['professional-judgement', professionalJudgement(input.grading)],
    ['repeat', repeat(input, policy)],
  ];
  const criteriaMet = candidates.flatMap(([code, message]) => (message ? [{ code, message }] : []));
  return { referralRequired: criteriaMet.length > 0, criteriaMet, incidentsInWindow, windowMonths: policy.marac.escalationWindowMonths };
}

/** What the referral summary is built from. */
export interface MaracSummaryInput {
  /** The tool as used (the assessment's snapshot). */
  readonly tool: ToolDefinition;
  readonly answers: Answers;
  readonly grading: Grading;
  readonly evaluation: MaracEvaluation;
  readonly stalkingQuestions?: { readonly tool: ToolDefinition; readonly answers: Answers };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function answerLine(tool: ToolDefinition, answers: Answers, questionId: string): string {
  const question = findQuestion(tool, questionId);
  const answer = answers[questionId];
  const label = answer ? ANSWER_LABELS[answer.value] : 'Not answered';
  const note = answer?.note?.trim() ? ` (${answer.note.trim()})` : '';
  return `- ${question?.number ?? questionId}. ${question?.text ?? ''} — ${label}${note}`;
}

function gradingLines({ tool, grading }: MaracSummaryInput): string[] {
  const notKnown = grading.notKnownCount > 0 ? ` (${grading.notKnownCount} not known)` : '';
  return [
    `Risk grading: ${capitalise(grading.finalGrade ?? 'not graded')} (${tool.name}, version ${tool.version}).`,
    `Score: ${plural(grading.score, 'yes answer')} out of ${grading.questionCount} questions${notKnown}.` +
      (grading.bandGrade ? ` Grade by score: ${grading.bandGrade}.` : ''),
    ...(grading.judgement ? [`Professional judgement: ${grading.judgement.grade}. Rationale: ${grading.judgement.rationale}`] : []),
    ...(grading.endorsement ? [`Endorsed as ${grading.endorsement.grade} by ${grading.endorsement.endorsedBy}.`] : []),
  ];
}

function section(title: string, lines: readonly string[], empty: string): string[] {
  return ['', title, ...(lines.length > 0 ? lines : [empty])];
}

/**
 * Prefilled plain-English text for the MARAC referral task: grading and score, criteria met,
 * high-risk factors answered yes, incidents in the last 12 months and the stalking answers.
 */
export function maracReferralSummary(input: MaracSummaryInput): string {
  const { tool, answers, grading, evaluation, stalkingQuestions } = input;
  const incidents = evaluation.incidentsInWindow;
  return [
    'MARAC referral',
    ...gradingLines(input),
    ...section('MARAC criteria met:', evaluation.criteriaMet.map((c) => `- ${c.message}`), '- None.'),
    ...section('High-risk factors answered yes:', grading.highRiskYesQuestionIds.map((id) => answerLine(tool, answers, id)), '- None.'),
    '',
    `Incidents in the last ${evaluation.windowMonths} months: ${incidents.length}` +
      (incidents.length > 0 ? ` (${incidents.map(formatDate).join(', ')}).` : '.'),
    ...(stalkingQuestions === undefined && grading.openedToolIds.length > 0
      ? ['', 'The stalking questions were opened by a yes answer but have not been completed.']
      : []),
    ...(stalkingQuestions
      ? section(
          `${stalkingQuestions.tool.name}:`,
          stalkingQuestions.tool.questions.map((q) => answerLine(stalkingQuestions.tool, stalkingQuestions.answers, q.id)),
          '- None.',
        )
      : []),
  ].join('\n');
}
