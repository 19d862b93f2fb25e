import { z } from 'zod';
import { plural, type Reason } from './reason.ts';
import type { ToolDefinition, ToolQuestion } from './tool.ts';

export const ANSWER_VALUES = ['yes', 'no', 'not-known'] as const;

export type AnswerValue = (typeof ANSWER_VALUES)[number];

/** How each answer is shown to people. */
export const ANSWER_LABELS: Readonly<Record<AnswerValue, string>> = { yes: 'Yes', no: 'No', 'not-known': 'Not known' };

/** An answer to one question, with an optional note (e.g. the victim's own words). */
export interface Answer {
  readonly value: AnswerValue;
  readonly note?: string;
}

/** Answers keyed by question id. */
export type Answers = Readonly<Record<string, Answer>>;

/** Schema for answers arriving from a form or API. */
export const answersSchema = z.record(
  z.string().min(1),
  z.strictObject({ value: z.enum(ANSWER_VALUES), note: z.string().optional() }),
);

/** Tools and questions opened because a question with a follow-up was answered yes. */
export interface OpenedFollowUps {
  readonly toolIds: readonly string[];
  readonly questionIds: readonly string[];
}

/** Which follow-ups the answers open, e.g. DASH question 8 yes opens the stalking questions. */
export function openedFollowUps(tool: ToolDefinition, answers: Answers): OpenedFollowUps {
  const opened = tool.questions.filter((q) => q.followUp && answers[q.id]?.value === q.followUp.onAnswer);
  return {
    toolIds: opened.flatMap((q) => (q.followUp?.opens.toolId ? [q.followUp.opens.toolId] : [])),
    questionIds: opened.flatMap((q) => q.followUp?.opens.questionIds ?? []),
  };
}

function conditionalQuestionIds(tool: ToolDefinition): Set<string> {
  return new Set(tool.questions.flatMap((q) => q.followUp?.opens.questionIds ?? []));
}

/**
 * Questions that must be answered: every required question, except that a question opened
 * by a follow-up is only required once its follow-up has been opened.
 */
export function requiredQuestions(tool: ToolDefinition, answers: Answers): ToolQuestion[] {
  const conditional = conditionalQuestionIds(tool);
  const opened = new Set(openedFollowUps(tool, answers).questionIds);
  return tool.questions.filter((q) => q.required !== false && (!conditional.has(q.id) || opened.has(q.id)));
}

/** Question ids answered yes, in question order. */
export function yesQuestionIds(tool: ToolDefinition, answers: Answers): string[] {
  return tool.questions.filter((q) => answers[q.id]?.value === 'yes').map((q) => q.id);
}

/**
 * Problems that stop the answers being saved: answers to questions the tool version does not
 * have, and required questions left unanswered. Empty when the answers are complete.
 */
export function checkAnswers(tool: ToolDefinition, answers: Answers): Reason[] {
  const known = new Set(tool.questions.map((q) => q.id));
  const unknown: Reason[] = Object.keys(answers)
    .filter((id) => !known.has(id))
    .map((id) => ({
      code: 'unknown-question',
      message: `There is an answer for question "${id}", which is not in ${tool.name} version ${tool.version}.`,
    }));
  const missing = requiredQuestions(tool, answers).filter((q) => answers[q.id] === undefined);
  if (missing.length === 0) return unknown;
  return [
    ...unknown,
    {
      code: 'missing-answers',
      message: `${plural(missing.length, 'required question')} ${missing.length === 1 ? 'has' : 'have'} not been answered: ${missing
        .map((q) => `${q.number} (${q.topic})`)
        .join(', ')}. Answer "not known" if the answer is not known.`,
    },
  ];
}
