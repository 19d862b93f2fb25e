import type { GradeBand, ToolDefinition, ToolQuestion } from './tool.ts';

/**
 * Built-in questionnaires (DOMAIN.md §5). "(name)" in question text stands for the
 * suspect's name, which the form fills in.
 *
 * Wording of DASH questions 1–11 was checked against a public copy of the ACPO/CAADA
 * police DASH (2009) form (see the README for the source); the form's bracketed guidance
 * is kept as each question's help and "(name)" stands for "(name of abuser(s))". Wording of
 * questions 12–27 and of the stalking questions is written from the topics in DOMAIN.md
 * and marked `wordingVerified: false` so a force can load its own. The high-risk markers
 * are Vigil's defaults (factors research links to serious harm: separation, pregnancy,
 * escalation, stalking, control and jealousy, weapons, threats to kill, strangulation,
 * sexual abuse, suicide threats, breaches, criminal history): a force can change them.
 */

export const DASH_TOOL_ID = 'dash-2009';
export const STALKING_QUESTIONS_TOOL_ID = 'dash-2009-stalking';
export const SDASH_TOOL_ID = 'sdash';

/** Local practice: 0–9 standard, 10–13 medium, 14+ high. Only the 14 threshold is national. */
export const DEFAULT_DASH_BANDS: readonly GradeBand[] = [
  { grade: 'standard', min: 0, max: 9 },
  { grade: 'medium', min: 10, max: 13 },
  { grade: 'high', min: 14 },
];

type QuestionData = Omit<ToolQuestion, 'number' | 'id'>;

function numbered(prefix: string, questions: readonly QuestionData[]): ToolQuestion[] {
  return questions.map((question, index) => ({ id: `${prefix}${index + 1}`, number: index + 1, ...question }));
}

const unverified = { wordingVerified: false } as const;

const DASH_QUESTIONS: readonly QuestionData[] = [
  { topic: 'injury', text: 'Has the current incident resulted in injury?', help: 'Please state what and whether this is the first injury.' },
  { topic: 'very frightened', text: 'Are you very frightened?', help: 'Record the victim’s own words.' },
  {
    topic: 'what the victim fears',
    text: 'What are you afraid of? Is it further injury or violence?',
    help: 'Please give an indication of what you think (name) might do and to whom: self, children, other.',
  },
  {
    topic: 'isolation',
    text: 'Do you feel isolated from family/friends, i.e. does (name) try to stop you from seeing friends/family/Dr or others?',
    help: 'If yes and concerns are raised, consider asking the honour-based violence and forced marriage questions.',
  },
  { topic: 'depression or suicidal thoughts', text: 'Are you feeling depressed or having suicidal thoughts?' },
  { topic: 'separation', text: 'Have you separated or tried to separate from (name) within the past year?', highRisk: true },
  { topic: 'conflict over child contact', text: 'Is there conflict over child contact?', help: 'Please state what.' },
  {
    topic: 'stalking or harassment',
    text: 'Does (name) constantly text, call, contact, follow, stalk or harass you?',
    help: 'Please expand to identify what, and whether you believe that this is done deliberately to intimidate you. Consider the context and behaviour of what is being done. A yes answer opens the stalking questions.',
    highRisk: true,
    followUp: { onAnswer: 'yes', opens: { toolId: STALKING_QUESTIONS_TOOL_ID } },
  },
  { topic: 'pregnancy or recent birth', text: 'Are you currently pregnant or have you recently had a baby (in the past 18 months)?', highRisk: true },
  {
    topic: 'children or dependants in the household',
    text: 'Are there any children, step-children that aren’t (name)’s in the household? Or are there other dependants in the household (i.e. older relative)?',
  },
  { topic: 'hurt the children or dependants', text: 'Has (name) ever hurt the children/dependants?' },
  { topic: 'threats to hurt or kill children or dependants', text: 'Has (name) ever threatened to hurt or kill the children or dependants?', ...unverified },
  { topic: 'abuse happening more often', text: 'Is the abuse happening more often?', highRisk: true, ...unverified },
  { topic: 'abuse getting worse', text: 'Is the abuse getting worse?', highRisk: true, ...unverified },
  { topic: 'controlling or excessively jealous', text: 'Does (name) try to control everything you do, or are they excessively jealous?', highRisk: true, ...unverified },
  { topic: 'weapons or objects used to hurt', text: 'Has (name) ever used weapons or objects to hurt you?', highRisk: true, ...unverified },
  { topic: 'threats to kill', text: 'Has (name) ever threatened to kill you or someone else, and you believed them?', highRisk: true, ...unverified },
  { topic: 'strangling, choking, suffocating or drowning', text: 'Has (name) ever tried to strangle, choke, suffocate or drown you?', highRisk: true, ...unverified },
  { topic: 'sexual abuse', text: 'Does (name) do or say things of a sexual nature that make you feel bad or that physically hurt you or someone else?', highRisk: true, ...unverified },
  { topic: 'another person threatening or feared', text: 'Is there another person who has threatened you or whom you are afraid of?', ...unverified },
  { topic: 'hurt anyone else', text: 'Do you know whether (name) has hurt anyone else?', ...unverified },
  { topic: 'mistreated an animal', text: 'Has (name) ever mistreated an animal or a family pet?', ...unverified },
  { topic: 'financial issues', text: 'Are there any financial issues, for example do you depend on (name) for money, or have they recently lost their job?', ...unverified },
  { topic: 'drugs, alcohol or mental health problems', text: 'In the past year, has (name) had problems with drugs, alcohol or mental health that make it hard to lead a normal life?', ...unverified },
  { topic: 'threatened or attempted suicide', text: 'Has (name) ever threatened or attempted suicide?', highRisk: true, ...unverified },
  { topic: 'breached bail, an injunction or a contact agreement', text: 'Has (name) ever broken bail, an injunction or an agreement about when they can see you or the children?', highRisk: true, ...unverified },
  { topic: 'trouble with the police or criminal history', text: 'Do you know whether (name) has ever been in trouble with the police or has a criminal history?', highRisk: true, ...unverified },
];

/** The 11 stalking questions: the DASH supplement and the S-DASH share them. */
const STALKING_QUESTIONS: readonly QuestionData[] = [
  { topic: 'very frightened', text: 'Are you very frightened?', ...unverified },
  { topic: 'previous stalking or harassment', text: 'Has (name) stalked or harassed you or anyone else before?', ...unverified },
  { topic: 'property destroyed or vandalised', text: 'Has (name) destroyed or vandalised your property?', ...unverified },
  { topic: 'visits home or work more than three times a week', text: 'Has (name) turned up at your home or work more than three times a week?', ...unverified },
  { topic: 'loiters around home or work', text: 'Does (name) follow you or hang around your home or workplace?', ...unverified },
  { topic: 'threats of physical or sexual violence', text: 'Has (name) threatened physical or sexual violence?', ...unverified },
  { topic: 'harassed third parties', text: 'Has (name) harassed anyone else connected with you (family, children, friends, neighbours, colleagues)?', ...unverified },
  { topic: 'violence to people in this incident', text: 'Has (name) acted violently towards anyone in this incident?', ...unverified },
  { topic: 'persuaded others to help', text: 'Has (name) got other people to help, knowingly or not?', ...unverified },
  { topic: 'drugs or alcohol', text: 'Does (name) misuse drugs or alcohol?', ...unverified },
  { topic: 'known violence in the past', text: 'Is (name) known to have been violent in the past?', ...unverified },
];

const STALKING_GUIDANCE =
  'There is no numeric threshold: the more questions answered yes, the higher the risk. Use professional judgement to grade.';

/** DASH, police version (2009): 27 questions, graded by the number of yes answers. */
export const DASH_2009: ToolDefinition = {
  id: DASH_TOOL_ID,
  version: '2009-v2',
  name: 'DASH risk assessment (police, 2009)',
  kind: 'full',
  description: 'Domestic abuse, stalking, harassment and honour-based violence risk identification, assessment and management model.',
  source: 'Questions 1–11: the ACPO/CAADA police DASH (2009) form, checked against a public copy. Questions 12–27: written from their topics, to be replaced by the force’s wording.',
  questions: numbered('q', DASH_QUESTIONS),
  scoring: { method: 'count-yes', bands: [...DEFAULT_DASH_BANDS] },
};

/** The supplementary stalking and harassment questions opened by DASH question 8. */
export const DASH_STALKING_QUESTIONS: ToolDefinition = {
  id: STALKING_QUESTIONS_TOOL_ID,
  version: '2009-v1',
  name: 'DASH stalking and harassment questions',
  kind: 'stalking-supplement',
  description: 'Asked whenever DASH question 8 is answered yes, and in every stalking case.',
  questions: numbered('s', STALKING_QUESTIONS),
  scoring: { method: 'none', guidance: STALKING_GUIDANCE },
};

/**
 * S-DASH stalking screening (11 questions). A screening tool, not a full risk assessment:
 * used alone it misses the effect on the victim, so it is always used alongside a DASH.
 */
export const SDASH: ToolDefinition = {
  id: SDASH_TOOL_ID,
  version: '1',
  name: 'S-DASH stalking screening',
  kind: 'screening',
  description: 'Used when there are two or more incidents or the victim is very frightened, alongside a DASH.',
  questions: numbered('s', STALKING_QUESTIONS),
  scoring: { method: 'none', guidance: `${STALKING_GUIDANCE} This is a screening tool: complete a DASH as well.` },
};

/**
 * Vigil's first wording of DASH questions 1–11 (version 2009-v1), a plain-English version
 * replaced by the checked wording in 2009-v2. Kept so a questionnaire opened on it can
 * still be completed; completed assessments keep their own copy in any case.
 */
const V1_WORDING: Readonly<Record<string, Partial<ToolQuestion>>> = {
  q1: { help: 'Say what the injury is and whether this is the first injury.' },
  q3: { help: 'Give an idea of what you think (name) might do, and to whom, including children.' },
  q4: { text: 'Do you feel isolated from family or friends, that is, does (name) try to stop you from seeing friends, family, your doctor or others?', help: undefined },
  q7: { help: undefined },
  q8: { help: 'Say what happens and whether you believe it is done on purpose to intimidate you. Consider the context and the behaviour. A yes answer opens the stalking questions.' },
  q9: { text: 'Are you pregnant or have you recently had a baby (in the last 18 months)?' },
  q10: { text: 'Are there any children or stepchildren in the household who are not (name)’s, or other dependants (for example an older relative)?' },
  q11: { text: 'Has (name) ever hurt the children or dependants?' },
};

function withoutUndefined(question: ToolQuestion): ToolQuestion {
  return Object.fromEntries(Object.entries(question).filter(([, value]) => value !== undefined)) as ToolQuestion;
}

export const DASH_2009_V1: ToolDefinition = {
  ...DASH_2009,
  version: '2009-v1',
  source: 'Questions 1–11 in plain English from the public police DASH (2009); questions 12–27 written from their topics.',
  questions: DASH_2009.questions.map((q) => withoutUndefined({ ...q, ...(V1_WORDING[q.id] ?? {}) })),
};

/** Earlier versions of the built-in tools, still accepted for a questionnaire opened on them. */
export const SUPERSEDED_TOOLS: readonly ToolDefinition[] = [DASH_2009_V1];

/** The tools every force has unless it loads its own. */
export const DEFAULT_TOOLS: readonly ToolDefinition[] = [DASH_2009, DASH_STALKING_QUESTIONS, SDASH];
