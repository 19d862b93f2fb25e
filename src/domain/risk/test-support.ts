/** Builders shared by this folder's tests. Not part of the public API. */
import type { Answers, AnswerValue } from './answers.ts';
import type { ToolDefinition } from './tool.ts';

/** Answers every question: the first `yes` questions yes, the next `notKnown` not known, the rest no. */
export function answersWith(tool: ToolDefinition, yes: number, notKnown = 0): Answers {
  return Object.fromEntries(
    tool.questions.map((q, index) => {
      const value: AnswerValue = index < yes ? 'yes' : index < yes + notKnown ? 'not-known' : 'no';
      return [q.id, { value }];
    }),
  );
}

/** Answers every question with the values given by id, and no for the rest. */
export function answersFrom(tool: ToolDefinition, values: Readonly<Record<string, AnswerValue>>): Answers {
  return Object.fromEntries(tool.questions.map((q) => [q.id, { value: values[q.id] ?? 'no' }]));
}
