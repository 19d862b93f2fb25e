import { z } from 'zod';
import { RISK_GRADES, gradeRank } from './grades.ts';

/** What a questionnaire is for. A screening tool is never a full risk assessment. */
export const TOOL_KINDS = ['screening', 'full', 'stalking-supplement'] as const;

const text = z.string().trim().min(1);

const followUpSchema = z.strictObject({
  /** Only a yes answer opens further questions. */
  onAnswer: z.literal('yes'),
  /** Either another tool (e.g. the stalking questions) or questions in this tool. */
  opens: z.strictObject({
    toolId: text.optional(),
    questionIds: z.array(text).min(1).optional(),
  }),
});

const questionSchema = z.strictObject({
  id: text,
  number: z.number().int().positive(),
  text,
  help: text.optional(),
  /** A factor research links to serious harm; shown in summaries and referrals. */
  highRisk: z.boolean().optional(),
  /** Short label used in summaries, e.g. "threats to kill". */
  topic: text,
  /** False when the wording is a placeholder the force should replace. Absent means verified. */
  wordingVerified: z.boolean().optional(),
  /** False when the question may be left unanswered. Absent means required. */
  required: z.boolean().optional(),
  followUp: followUpSchema.optional(),
});

const gradeBandSchema = z.strictObject({
  grade: z.enum(RISK_GRADES),
  min: z.number().int().nonnegative(),
  /** Absent on the top band, which then covers every higher score. */
  max: z.number().int().nonnegative().optional(),
});

const scoringSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('count-yes'), bands: z.array(gradeBandSchema).min(1) }),
  /** No numeric threshold (e.g. S-DASH): the guidance says how to read the answers. */
  z.strictObject({ method: z.literal('none'), guidance: text }),
]);

/** Schema for a questionnaire definition, whether built in or loaded by a force. */
export const toolDefinitionSchema = z.strictObject({
  id: text,
  version: text,
  name: text,
  kind: z.enum(TOOL_KINDS),
  description: text.optional(),
  /** Where the wording comes from, for the record. */
  source: text.optional(),
  questions: z.array(questionSchema).min(1),
  scoring: scoringSchema,
});

export type ToolKind = (typeof TOOL_KINDS)[number];
export type ToolDefinition = z.infer<typeof toolDefinitionSchema>;
export type ToolQuestion = ToolDefinition['questions'][number];
export type FollowUp = NonNullable<ToolQuestion['followUp']>;
export type GradeBand = z.infer<typeof gradeBandSchema>;

/** One problem found in a tool definition, located by its path, e.g. "questions[3].id". */
export interface ToolDefinitionError {
  readonly code: string;
  readonly path: string;
  /** The full plain-English message, starting with the path. */
  readonly message: string;
}

export type ToolParseResult =
  | { readonly ok: true; readonly tool: ToolDefinition }
  | { readonly ok: false; readonly errors: readonly ToolDefinitionError[] };

function error(code: string, path: string, detail: string): ToolDefinitionError {
  return { code, path, message: path === '' ? detail : `${path}: ${detail}` };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function describeType(expected: string): string {
  const names: Record<string, string> = {
    string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false',
    array: 'a list', object: 'an object',
  };
  return names[expected] ?? expected;
}

/** Turns a zod issue into a plain-English sentence (without the path). */
function plainIssue(issue: z.core.$ZodIssue): { code: string; detail: string } {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { code: 'required', detail: 'is required' }
        : { code: 'wrong-type', detail: `must be ${describeType(issue.expected)}` };
    case 'too_small':
      if (issue.origin === 'string') return { code: 'blank', detail: 'must not be blank' };
      if (issue.origin === 'array') return { code: 'too-few', detail: `must have at least ${issue.minimum} item(s)` };
      return { code: 'too-small', detail: `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}` };
    case 'invalid_value':
      return { code: 'not-allowed', detail: `must be one of: ${issue.values.map((v) => `"${String(v)}"`).join(', ')}` };
    case 'unrecognized_keys':
      return { code: 'unknown-field', detail: `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling` };
    case 'invalid_union': // the only union in the schema is the scoring method
      return { code: 'not-allowed', detail: 'must be "count-yes" (with bands) or "none" (with guidance)' };
    default:
      return { code: 'invalid', detail: issue.message };
  }
}

function schemaErrors(issues: readonly z.core.$ZodIssue[]): ToolDefinitionError[] {
  return issues.map((issue) => {
    const { code, detail } = plainIssue(issue);
    return error(code, formatPath(issue.path), detail);
  });
}

function duplicateErrors(tool: ToolDefinition): ToolDefinitionError[] {
  const errors: ToolDefinitionError[] = [];
  const ids = new Set<string>();
  const numbers = new Set<number>();
  tool.questions.forEach((question, index) => {
    if (ids.has(question.id)) {
      errors.push(error('duplicate-question-id', `questions[${index}].id`, `duplicate question id "${question.id}"`));
    }
    if (numbers.has(question.number)) {
      errors.push(error('duplicate-question-number', `questions[${index}].number`, `duplicate question number ${question.number}`));
    }
    ids.add(question.id);
    numbers.add(question.number);
  });
  return errors;
}

function followUpErrors(tool: ToolDefinition, knownToolIds: readonly string[]): ToolDefinitionError[] {
  const errors: ToolDefinitionError[] = [];
  const questionIds = new Set(tool.questions.map((q) => q.id));
  tool.questions.forEach((question, index) => {
    const opens = question.followUp?.opens;
    if (!opens) return;
    const path = `questions[${index}].followUp.opens`;
    if ((opens.toolId === undefined) === (opens.questionIds === undefined)) {
      errors.push(error('follow-up-target', path, 'give either "toolId" or "questionIds" (exactly one)'));
      return;
    }
    if (opens.toolId === tool.id) {
      errors.push(error('follow-up-opens-itself', `${path}.toolId`, 'a tool cannot open itself'));
    } else if (opens.toolId !== undefined && !knownToolIds.includes(opens.toolId)) {
      errors.push(error('unknown-follow-up-tool', `${path}.toolId`, `no tool with id "${opens.toolId}" is loaded`));
    }
    opens.questionIds?.forEach((target, targetIndex) => {
      const targetPath = `${path}.questionIds[${targetIndex}]`;
      if (target === question.id) {
        errors.push(error('follow-up-opens-itself', targetPath, 'a question cannot open itself'));
      } else if (!questionIds.has(target)) {
        errors.push(error('unknown-follow-up-question', targetPath, `no question with id "${target}" in this tool`));
      }
    });
  });
  return errors;
}

/**
 * Checks score bands: they must start at 0, run in order without gaps or overlaps, rise in
 * grade, and cover every possible score. `path` locates the bands in error messages.
 */
export function checkBands(bands: readonly GradeBand[], questionCount: number, path = 'scoring.bands'): ToolDefinitionError[] {
  const errors: ToolDefinitionError[] = [];
  bands.forEach((band, index) => {
    const at = `${path}[${index}]`;
    const previous = index > 0 ? bands[index - 1] : undefined;
    if (band.max !== undefined && band.max < band.min) {
      errors.push(error('band-max-below-min', `${at}.max`, `must not be less than min (${band.min})`));
    }
    if (previous === undefined) {
      if (band.min !== 0) errors.push(error('band-gap', `${at}.min`, 'the first band must start at 0 so every score has a grade'));
      return;
    }
    if (previous.max === undefined) {
      errors.push(error('band-open-ended', `${path}[${index - 1}].max`, 'only the last band can be open-ended'));
    } else if (band.min <= previous.max) {
      errors.push(error('band-overlap', `${at}.min`, `overlaps the previous band, which ends at ${previous.max}`));
    } else if (band.min > previous.max + 1) {
      errors.push(error('band-gap', `${at}.min`, `leaves a gap after the previous band, which ends at ${previous.max}; this band should start at ${previous.max + 1}`));
    }
    if (gradeRank(band.grade) <= gradeRank(previous.grade)) {
      errors.push(error('band-grade-order', `${at}.grade`, `must be a higher grade than the previous band ("${previous.grade}")`));
    }
  });
  const last = bands.at(-1);
  if (last?.max !== undefined && last.max < questionCount) {
    errors.push(error('band-gap', `${path}[${bands.length - 1}].max`, `the highest band ends at ${last.max} but the tool has ${questionCount} questions, so higher scores would have no grade; leave out max on the last band`));
  }
  return errors;
}

/** Checks a schema-valid tool for internal consistency. */
function consistencyErrors(tool: ToolDefinition, knownToolIds: readonly string[]): ToolDefinitionError[] {
  return [
    ...duplicateErrors(tool),
    ...followUpErrors(tool, knownToolIds),
    ...(tool.scoring.method === 'count-yes' ? checkBands(tool.scoring.bands, tool.questions.length) : []),
  ];
}

function readJson(input: unknown): { ok: true; value: unknown } | { ok: false; error: ToolDefinitionError } {
  if (typeof input !== 'string') return { ok: true, value: input };
  try {
    return { ok: true, value: JSON.parse(input) as unknown };
  } catch (cause) {
    return { ok: false, error: error('not-json', '', `The tool definition is not valid JSON (${(cause as Error).message}).`) };
  }
}

/**
 * Validates a questionnaire definition (for example a force's own DIAL or SCARF) given as
 * a JSON string or parsed object. Errors are plain English and name the field, e.g.
 * 'questions[3].id: duplicate question id "q4"'. `knownToolIds` lists tools a follow-up may open.
 */
export function parseToolDefinition(input: unknown, options: { knownToolIds?: readonly string[] } = {}): ToolParseResult {
  const json = readJson(input);
  if (!json.ok) return { ok: false, errors: [json.error] };
  const parsed = toolDefinitionSchema.safeParse(json.value, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: schemaErrors(parsed.error.issues) };
  const errors = consistencyErrors(parsed.data, options.knownToolIds ?? []);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, tool: parsed.data };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/**
 * An immutable copy of a tool, to store with an assessment so it always keeps the exact
 * wording and version it was completed against, whatever later happens to the tool.
 */
export function snapshotTool(tool: ToolDefinition): Readonly<ToolDefinition> {
  return deepFreeze(structuredClone(tool));
}

/** Finds a question by id. */
export function findQuestion(tool: ToolDefinition, questionId: string): ToolQuestion | undefined {
  return tool.questions.find((q) => q.id === questionId);
}
