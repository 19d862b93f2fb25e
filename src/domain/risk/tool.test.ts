import { describe, expect, it } from 'vitest';
import { DASH_2009, DASH_STALKING_QUESTIONS, DEFAULT_TOOLS, SDASH, STALKING_QUESTIONS_TOOL_ID } from './default-tools.ts';
import { gradeAssessment } from './grading.ts';
import { answersWith } from './test-support.ts';
import { checkBands, parseToolDefinition, snapshotTool, type ToolDefinition } from './tool.ts';

const knownToolIds = DEFAULT_TOOLS.map((t) => t.id);

interface QuestionDraft {
  [field: string]: unknown;
  id: string;
  number: number;
  text: string;
  followUp?: { onAnswer: string; opens: { [field: string]: unknown } };
}
interface BandDraft { grade: string; min: number; max?: number }
interface ToolDraft {
  [field: string]: unknown;
  kind: string;
  questions: QuestionDraft[];
  scoring: { method: string; bands?: BandDraft[] };
}

/** A small force tool in the shape an administrator would upload. */
function forceTool(): ToolDraft {
  return {
    id: 'dial',
    version: '2015.1',
    name: 'DIAL (Staffordshire)',
    kind: 'full',
    questions: [
      { id: 'q1', number: 1, text: 'Has the suspect threatened you?', topic: 'threats', highRisk: true },
      { id: 'q2', number: 2, text: 'Has the suspect followed you?', topic: 'following', followUp: { onAnswer: 'yes', opens: { questionIds: ['q3'] } } },
      { id: 'q3', number: 3, text: 'How often does the suspect follow you?', topic: 'following frequency' },
      { id: 'q4', number: 4, text: 'Are you very frightened?', topic: 'fear' },
    ],
    scoring: { method: 'count-yes', bands: [{ grade: 'standard', min: 0, max: 1 }, { grade: 'medium', min: 2, max: 2 }, { grade: 'high', min: 3 }] },
  };
}

function question(tool: ToolDraft, index: number): QuestionDraft {
  const found = tool.questions[index];
  if (!found) throw new Error(`no question ${index}`);
  return found;
}

function band(tool: ToolDraft, index: number): BandDraft {
  const found = tool.scoring.bands?.[index];
  if (!found) throw new Error(`no band ${index}`);
  return found;
}

function opens(tool: ToolDraft, index: number): { [field: string]: unknown } {
  const found = question(tool, index).followUp?.opens;
  if (!found) throw new Error(`no follow-up on question ${index}`);
  return found;
}

function withChange(change: (tool: ToolDraft) => void): ToolDraft {
  const tool = forceTool();
  change(tool);
  return tool;
}

function errorsOf(input: unknown): string[] {
  const result = parseToolDefinition(input, { knownToolIds });
  return result.ok ? [] : result.errors.map((e) => e.message);
}

describe('default tools', () => {
  it.each(DEFAULT_TOOLS.map((t) => [t.id, t] as const))('%s passes its own validation', (_id, tool) => {
    expect(parseToolDefinition(JSON.stringify(tool), { knownToolIds })).toEqual({ ok: true, tool });
  });

  it('DASH has 27 questions numbered 1 to 27, with 1–11 verified wording and 12–27 marked for the force to replace', () => {
    expect(DASH_2009.questions.map((q) => q.number)).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    expect(DASH_2009.questions.slice(0, 11).every((q) => q.wordingVerified === undefined)).toBe(true);
    expect(DASH_2009.questions.slice(11).every((q) => q.wordingVerified === false)).toBe(true);
  });

  it('DASH question 8 is the stalking question, a high-risk factor, and opens the stalking questions on yes', () => {
    const q8 = DASH_2009.questions[7];
    expect(q8?.text).toContain('constantly text, call, contact, follow, stalk or harass');
    expect(q8?.highRisk).toBe(true);
    expect(q8?.followUp).toEqual({ onAnswer: 'yes', opens: { toolId: STALKING_QUESTIONS_TOOL_ID } });
  });

  it('S-DASH and the stalking supplement have the same 11 questions and no numeric threshold', () => {
    expect(SDASH.questions).toHaveLength(11);
    expect(DASH_STALKING_QUESTIONS.questions).toEqual(SDASH.questions);
    expect(SDASH.scoring.method).toBe('none');
    expect(SDASH.kind).toBe('screening');
  });

  it('DASH marks high-risk factors as data', () => {
    const highRisk = DASH_2009.questions.filter((q) => q.highRisk).map((q) => q.topic);
    expect(highRisk).toContain('threats to kill');
    expect(highRisk).toContain('strangling, choking, suffocating or drowning');
    expect(highRisk).not.toContain('injury');
  });
});

describe('parseToolDefinition', () => {
  it('accepts a valid force tool given as JSON text', () => {
    const result = parseToolDefinition(JSON.stringify(forceTool()), { knownToolIds });
    expect(result.ok).toBe(true);
  });

  it.each<[string, (tool: ToolDraft) => void, string]>([
    ['duplicate question id', (t) => { question(t, 3).id = 'q3'; }, 'questions[3].id: duplicate question id "q3"'],
    ['duplicate question number', (t) => { question(t, 1).number = 1; }, 'questions[1].number: duplicate question number 1'],
    ['missing name', (t) => { delete t.name; }, 'name: is required'],
    ['blank question text', (t) => { question(t, 0).text = '  '; }, 'questions[0].text: must not be blank'],
    ['number not whole', (t) => { question(t, 0).number = 1.5; }, 'questions[0].number: must be a whole number'],
    ['unknown kind', (t) => { t.kind = 'long'; }, 'kind: must be one of: "screening", "full", "stalking-supplement"'],
    ['misspelt field', (t) => { question(t, 0).hightRisk = true; }, 'questions[0]: unknown field(s) "hightRisk"; check the spelling'],
    ['no questions', (t) => { t.questions = []; }, 'questions: must have at least 1 item(s)'],
    ['unknown scoring method', (t) => { t.scoring = { method: 'sum' }; }, 'scoring.method: must be "count-yes" (with bands) or "none" (with guidance)'],
    ['follow-up to a missing question', (t) => { opens(t, 1).questionIds = ['q9']; }, 'questions[1].followUp.opens.questionIds[0]: no question with id "q9" in this tool'],
    ['follow-up to a missing tool', (t) => { question(t, 1).followUp = { onAnswer: 'yes', opens: { toolId: 'scarf' } }; }, 'questions[1].followUp.opens.toolId: no tool with id "scarf" is loaded'],
    ['follow-up to itself', (t) => { opens(t, 1).questionIds = ['q2']; }, 'questions[1].followUp.opens.questionIds[0]: a question cannot open itself'],
    ['follow-up with no target', (t) => { question(t, 1).followUp = { onAnswer: 'yes', opens: {} }; }, 'questions[1].followUp.opens: give either "toolId" or "questionIds" (exactly one)'],
    ['bands not starting at 0', (t) => { band(t, 0).min = 1; }, 'scoring.bands[0].min: the first band must start at 0 so every score has a grade'],
    ['bands with a gap', (t) => { band(t, 1).min = 3; band(t, 1).max = 3; band(t, 2).min = 4; }, 'scoring.bands[1].min: leaves a gap after the previous band, which ends at 1; this band should start at 2'],
    ['overlapping bands', (t) => { band(t, 1).min = 1; }, 'scoring.bands[1].min: overlaps the previous band, which ends at 1'],
    ['open-ended band in the middle', (t) => { delete band(t, 1).max; }, 'scoring.bands[1].max: only the last band can be open-ended'],
    ['grades not rising', (t) => { band(t, 2).grade = 'medium'; }, 'scoring.bands[2].grade: must be a higher grade than the previous band ("medium")'],
    ['top band too low', (t) => { band(t, 2).max = 3; }, 'scoring.bands[2].max: the highest band ends at 3 but the tool has 4 questions, so higher scores would have no grade; leave out max on the last band'],
    ['max below min', (t) => { band(t, 1).max = 1; band(t, 2).min = 2; }, 'scoring.bands[1].max: must not be less than min (2)'],
  ])('refuses a tool with %s, naming the field', (_case, change, message) => {
    expect(errorsOf(withChange(change))).toContain(message);
  });

  it('refuses text that is not JSON with a plain message', () => {
    expect(errorsOf('{ "id": ')[0]).toMatch(/^The tool definition is not valid JSON/);
  });

  it('gives every error a stable code and path', () => {
    const result = parseToolDefinition(withChange((t) => { question(t, 3).id = 'q1'; }), { knownToolIds });
    expect(result.ok ? [] : result.errors).toEqual([
      { code: 'duplicate-question-id', path: 'questions[3].id', message: 'questions[3].id: duplicate question id "q1"' },
    ]);
  });

  it('a force tool loaded from JSON can be graded end to end', () => {
    const result = parseToolDefinition(JSON.stringify(forceTool()), { knownToolIds });
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    const graded = gradeAssessment(result.tool, answersWith(result.tool, 3));
    expect(graded.ok && graded.value.finalGrade).toBe('high');
  });
});

describe('checkBands', () => {
  it('accepts the default DASH bands', () => {
    expect(DASH_2009.scoring.method === 'count-yes' && checkBands(DASH_2009.scoring.bands, 27)).toEqual([]);
  });
});

describe('snapshotTool', () => {
  it('keeps the wording and version used even if the tool is later changed', () => {
    const tool: ToolDefinition = structuredClone(DASH_2009);
    const snapshot = snapshotTool(tool);
    tool.version = '2030';
    (tool.questions[0] as { text: string }).text = 'Changed wording';
    expect(snapshot.version).toBe(DASH_2009.version);
    expect(snapshot.questions[0]?.text).toBe(DASH_2009.questions[0]?.text);
  });

  it('cannot be changed itself', () => {
    const snapshot = snapshotTool(DASH_2009);
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(Object.isFrozen(snapshot.questions[7]?.followUp?.opens)).toBe(true);
  });
});
