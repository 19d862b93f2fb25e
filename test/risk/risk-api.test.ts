import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASH_2009, DASH_STALKING_QUESTIONS } from '../../src/domain/risk/index.ts';
import { canCloseInitialInvestigation, requestReassessment } from '../../src/features/risk/service.ts';
import { apiToken, startTestVigil, type TestVigil } from '../support/app.ts';
import { answers, api, contextFor, dash, newCase, P4_OCCASIONS, sdash, tasksOf, type Json } from './support.ts';

let vigil: TestVigil;
let callHandler: string;
let officer: ReturnType<typeof api>;
let investigator: ReturnType<typeof api>;
let sergeant: ReturnType<typeof api>;
let admin: ReturnType<typeof api>;

beforeAll(async () => {
  vigil = await startTestVigil();
  callHandler = await apiToken(vigil.app, 'call-handler');
  officer = api(vigil, await apiToken(vigil.app, 'attending-officer'));
  investigator = api(vigil, await apiToken(vigil.app, 'investigator'));
  sergeant = api(vigil, await apiToken(vigil.app, 'detective-sergeant'));
  admin = api(vigil, await apiToken(vigil.app, 'administrator'));
});
afterAll(async () => vigil.close());

async function count(table: 'risk_assessments' | 'marac_referrals' | 'risk_plans' | 'risk_advice' | 'risk_tools'): Promise<number> {
  const row = await vigil.deps.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

const messages = (body: Json) => (body.errors as Array<{ field: string; message: string }>).map((e) => `${e.field}: ${e.message}`).join('\n');

describe('P6: DASH grading', () => {
  it('grades 14 yes answers high and creates a MARAC referral task with a prefilled summary', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const done = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(14));
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.grading).toMatchObject({ score: 14, bandGrade: 'high', finalGrade: 'high', basis: 'score' });
    expect(done.body.marac.referralRequired).toBe(true);
    expect(done.body.marac.criteriaMet.map((c: Json) => c.code)).toEqual(['visible-high-risk']);

    const [task] = await tasksOf(vigil, caseId, 'marac-referral');
    expect(task?.id).toBe(done.body.marac.taskId);
    expect(task?.status).toBe('open');
    const summary = String(task?.details.summary);
    expect(summary).toMatch(/^MARAC referral/);
    expect(summary).toContain('Visible high risk: 14 yes answers (the threshold is 14).');
    expect(summary).toContain('Risk grading: High (DASH risk assessment (police, 2009), version 2009-v2).');
    expect(summary).toContain('DASH stalking and harassment questions:');
    const referral = await vigil.deps.db.selectFrom('marac_referrals').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(referral.summary).toBe(summary);
    expect(referral.task_id).toBe(task?.id);
  });

  it('grades 10 yes answers with professional judgement "high" as high, with the judgement recorded', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const judgement = { grade: 'high', rationale: 'He has started turning up at her new address; separation was last month.' };
    const done = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(10, { judgement }));
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.grading).toMatchObject({ score: 10, bandGrade: 'medium', finalGrade: 'high', basis: 'professional-judgement' });
    expect(done.body.grading.judgement).toEqual({ ...judgement, raised: true });
    const read = await officer('GET', `/api/v1/cases/${caseId}/risk/assessments/${done.body.id}`);
    expect(read.body.grading.judgement.rationale).toBe(judgement.rationale);
    expect(read.body.finalGrade).toBe('high');
    expect(done.body.marac.criteriaMet.map((c: Json) => c.code)).toContain('professional-judgement');
  });

  it('refuses to grade 14 yes answers as medium, with the reason, and saves nothing', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const [assessmentsBefore, referralsBefore] = [await count('risk_assessments'), await count('marac_referrals')];
    const refused = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(14, { judgement: { grade: 'medium', rationale: 'She seemed calm.' } }));
    expect(refused.status).toBe(422);
    expect(messages(refused.body)).toContain('judgement.grade: 14 yes answers grade high; professional judgement can raise a grading but not lower it.');
    expect(await count('risk_assessments')).toBe(assessmentsBefore);
    expect(await count('marac_referrals')).toBe(referralsBefore);
    expect(await tasksOf(vigil, caseId, 'marac-referral')).toEqual([]);
    expect((await tasksOf(vigil, caseId, 'initial-risk-assessment')).map((t) => t.status)).toEqual(['open']);
  });

  it('needs a rationale for professional judgement', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const refused = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(3, { judgement: { grade: 'high', rationale: '  ' } }));
    expect(refused.status).toBe(422);
    expect(messages(refused.body)).toMatch(/judgement\.rationale: Professional judgement needs a rationale/);
  });

  it('raises no MARAC referral for a standard grading with one incident', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const done = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(['q1', 'q2', 'q3']));
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.grading.finalGrade).toBe('standard');
    expect(done.body.marac).toEqual({ referralRequired: false, criteriaMet: [], taskId: null });
  });

  it('counts the case’s occasions for potential escalation (3 in 12 months)', async () => {
    const { caseId } = await newCase(vigil, callHandler, { occasions: P4_OCCASIONS, relationship: 'ex-intimate-partner' });
    const done = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(['q1']));
    expect(done.body.marac.criteriaMet.map((c: Json) => c.code)).toEqual(['potential-escalation']);
    expect(done.body.marac.criteriaMet[0].message).toContain('3 incidents in the last 12 months');
  });
});

describe('questionnaire answers', () => {
  it('DASH question 8 yes opens the stalking questions, which must then be answered', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const before = await count('risk_assessments');
    const withoutStalking = { toolId: DASH_2009.id, stage: 'enhanced', answers: answers(DASH_2009, ['q8']) };
    const refused = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, withoutStalking);
    expect(refused.status).toBe(422);
    expect(messages(refused.body)).toContain('Question 8 was answered yes, so the DASH stalking and harassment questions must be answered.');
    expect(refused.body.errors[0].field).toBe('supplementAnswers.s1');
    expect(await count('risk_assessments')).toBe(before);

    const done = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, { ...withoutStalking, supplementAnswers: answers(DASH_STALKING_QUESTIONS, 4) });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.grading.openedToolIds).toEqual([DASH_STALKING_QUESTIONS.id]);
    const read = await officer('GET', `/api/v1/cases/${caseId}/risk/assessments/${done.body.id}`);
    expect(read.body.supplementToolId).toBe(DASH_STALKING_QUESTIONS.id);
    expect(read.body.supplementAnswers.s4).toEqual({ value: 'yes' });
  });

  it('refuses answers to questions not in the tool version and missing required answers, saving nothing', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const before = await count('risk_assessments');
    const unknown = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(2, { answers: { ...answers(DASH_2009, 2), q99: { value: 'yes' } } }));
    expect(unknown.status).toBe(422);
    expect(messages(unknown.body)).toContain('There is an answer for question "q99", which is not in DASH risk assessment (police, 2009) version 2009-v2.');
    const partial = answers(DASH_2009, 2);
    delete partial.q5;
    delete partial.q20;
    const missing = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(2, { answers: partial }));
    expect(missing.status).toBe(422);
    expect(messages(missing.body)).toContain('answers.q5: 2 required questions have not been answered: 5 (depression or suicidal thoughts), 20 (another person threatening or feared).');
    const badValue = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(2, { answers: { ...answers(DASH_2009, 2), q1: { value: 'maybe' } } }));
    expect(badValue.status).toBe(422);
    expect(await count('risk_assessments')).toBe(before);
  });

  it('records an assessment completed from police information when the victim will not engage', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const noNote = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(2, { source: 'police-information-and-observation' }));
    expect(noNote.status).toBe(422);
    expect(noNote.body.errors[0].field).toBe('sourceNote');
    const done = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(2, { source: 'police-information-and-observation', sourceNote: 'Declined to speak to officers; answers from PNC, previous incident logs and what officers saw at the address.' }));
    expect(done.status).toBe(201);
    const overview = await officer('GET', `/api/v1/cases/${caseId}/risk`);
    expect(overview.body.assessments[0]).toMatchObject({ source: 'police-information-and-observation', sourceNote: expect.stringContaining('Declined to speak') });
    expect(overview.body.victims[0].requirements.find((r: Json) => r.code === 'enhanced-assessment').satisfied).toBe(true);
  });
});

describe('P4 (risk): stranger stalking, no domestic link', () => {
  it('requires an initial screening and an enhanced assessment before the initial investigation can close', async () => {
    const { caseId } = await newCase(vigil, callHandler, {
      relationship: 'stranger',
      suspectKnown: 'no',
      suspect: undefined,
      account: 'A man I do not know keeps coming to the bank where I work, left me flowers and followed me to the bus stop. He did the same to a colleague.',
      occasions: P4_OCCASIONS,
      effects: ['serious-alarm-or-distress'],
    });
    const overview = await officer('GET', `/api/v1/cases/${caseId}/risk`);
    expect(overview.status, JSON.stringify(overview.body)).toBe(200);
    expect(overview.body.offence).toBe('stalking');
    const victim = overview.body.victims[0];
    const codes = victim.requirements.map((r: Json) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['initial-screening', 'enhanced-assessment', 'stalking-questions']));
    expect(victim.requirements.find((r: Json) => r.code === 'initial-screening').why).toContain('domestic or not');
    expect(victim.requirements.every((r: Json) => r.satisfied === false)).toBe(true);

    const ctx = await contextFor(vigil, 'investigator');
    const blocked = await canCloseInitialInvestigation(vigil.deps, ctx, caseId);
    expect(blocked.canClose).toBe(false);
    expect(blocked.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['missing-initial-screening', 'missing-enhanced-assessment']));

    // The initial screening alone does not unblock it, and asks for the enhanced assessment.
    const initial = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, sdash(5));
    expect(initial.status, JSON.stringify(initial.body)).toBe(201);
    expect((await tasksOf(vigil, caseId, 'initial-risk-assessment')).map((t) => t.status)).toEqual(['done']);
    expect((await tasksOf(vigil, caseId, 'enhanced-risk-assessment')).map((t) => t.status)).toEqual(['open']);
    const stillBlocked = await canCloseInitialInvestigation(vigil.deps, ctx, caseId);
    expect(stillBlocked.reasons.map((r) => r.code)).toEqual(['missing-enhanced-assessment']);
    const gaps = (await officer('GET', `/api/v1/cases/${caseId}/risk`)).body.victims[0].gaps;
    expect(gaps.map((g: Json) => g.code)).toEqual(['sdash-alone']);

    const enhanced = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(['q2', 'q8'], { stage: 'enhanced' }));
    expect(enhanced.status, JSON.stringify(enhanced.body)).toBe(201);
    expect((await tasksOf(vigil, caseId, 'enhanced-risk-assessment')).map((t) => t.status)).toEqual(['done']);
    expect(await canCloseInitialInvestigation(vigil.deps, ctx, caseId)).toEqual({ canClose: true, reasons: [] });
  });

  it('lets a recorded reason stand in for a required assessment', async () => {
    const { caseId } = await newCase(vigil, callHandler, { relationship: 'stranger', occasions: P4_OCCASIONS });
    const ctx = await contextFor(vigil, 'investigator');
    const reasonsBefore = (await canCloseInitialInvestigation(vigil.deps, ctx, caseId)).reasons.map((r) => r.code);
    expect(reasonsBefore).toContain('missing-initial-screening');
    const short = await officer('POST', `/api/v1/cases/${caseId}/risk/exceptions`, { requirement: 'initial-screening', reason: 'no' });
    expect(short.status).toBe(422);
    const recorded = await officer('POST', `/api/v1/cases/${caseId}/risk/exceptions`, { requirement: 'initial-screening', reason: 'Report made a week after the last incident by email; first contact was the enhanced assessment visit.' });
    expect(recorded.status).toBe(201);
    const after = (await canCloseInitialInvestigation(vigil.deps, ctx, caseId)).reasons.map((r) => r.code);
    expect(after).not.toContain('missing-initial-screening');
    expect(after).toContain('missing-enhanced-assessment');
  });
});

describe('endorsement', () => {
  it('needs risk:endorse, confirms or raises with a rationale, never lowers, and happens once', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const done = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(11));
    expect(done.body.grading.finalGrade).toBe('medium');
    const url = `/api/v1/cases/${caseId}/risk/assessments/${done.body.id}/endorse`;
    expect((await investigator('POST', url, { grade: 'medium', version: 1 })).status).toBe(403);
    expect((await officer('POST', url, { grade: 'medium', version: 1 })).status).toBe(403);

    const lower = await sergeant('POST', url, { grade: 'standard', version: 1 });
    expect(lower.status).toBe(422);
    expect(messages(lower.body)).toContain('grade: The grading is medium; an endorsement can confirm or raise a grading but not lower it.');
    const noReason = await sergeant('POST', url, { grade: 'high', version: 1 });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].field).toBe('rationale');

    const raised = await sergeant('POST', url, { grade: 'high', rationale: 'Escalating: three visits this week and he knows her new address.', version: 1 });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    expect(raised.body.grading).toMatchObject({ finalGrade: 'high', basis: 'professional-judgement', endorsement: { grade: 'high', endorsedBy: 'Detective sergeant (demo)' } });
    // Raising to high on judgement meets a MARAC criterion.
    expect(raised.body.marac.criteriaMet.map((c: Json) => c.code)).toContain('professional-judgement');
    expect((await tasksOf(vigil, caseId, 'marac-referral')).length).toBe(1);

    const again = await sergeant('POST', url, { grade: 'high', version: 2 });
    expect(again.status).toBe(409);
    const overview = await sergeant('GET', `/api/v1/cases/${caseId}/risk`);
    expect(overview.body.assessments[0]).toMatchObject({ endorsedBy: 'Detective sergeant (demo)', finalGrade: 'high' });
  });
});

describe('force-loaded tools', () => {
  const dial = {
    id: 'dial-test',
    version: '1',
    name: 'DIAL (test force)',
    kind: 'full',
    questions: [
      { id: 'd1', number: 1, topic: 'very frightened', text: 'Are you very frightened of (name)?' },
      { id: 'd2', number: 2, topic: 'threats to kill', text: 'Has (name) threatened to kill you?', highRisk: true },
      { id: 'd3', number: 3, topic: 'following', text: 'Does (name) follow you?' },
    ],
    scoring: { method: 'count-yes', bands: [{ grade: 'standard', min: 0, max: 1 }, { grade: 'medium', min: 2, max: 2 }, { grade: 'high', min: 3 }] },
  };

  it('validates the JSON with errors that name the field, and only administrators may load', async () => {
    const before = await count('risk_tools');
    expect((await investigator('POST', '/api/v1/risk/tools', { definition: dial })).status).toBe(403);
    const notJson = await admin('POST', '/api/v1/risk/tools', { definition: '{ "id": "x", ' });
    expect(notJson.status).toBe(422);
    expect(messages(notJson.body)).toMatch(/definition: The tool definition is not valid JSON/);
    const duplicate = await admin('POST', '/api/v1/risk/tools', { definition: { ...dial, questions: [dial.questions[0], { ...dial.questions[1], id: 'd1' }, dial.questions[2]] } });
    expect(duplicate.status).toBe(422);
    expect(messages(duplicate.body)).toContain('definition: questions[1].id: duplicate question id "d1"');
    const gap = await admin('POST', '/api/v1/risk/tools', { definition: JSON.stringify({ ...dial, kind: 'checklist', scoring: { method: 'count-yes', bands: [{ grade: 'standard', min: 0, max: 1 }, { grade: 'high', min: 3 }] } }) });
    expect(gap.status).toBe(422);
    expect(messages(gap.body)).toContain('kind: must be one of');
    expect(await count('risk_tools')).toBe(before);
  });

  it('loads a tool, uses it for an assessment, and keeps the wording and version the assessment used', async () => {
    const loaded = await admin('POST', '/api/v1/risk/tools', { definition: JSON.stringify(dial) });
    expect(loaded.status, JSON.stringify(loaded.body)).toBe(201);
    expect(loaded.body).toEqual({ id: 'dial-test', version: '1', name: 'DIAL (test force)', kind: 'full', questionCount: 3 });
    const tools = await officer('GET', '/api/v1/risk/tools');
    expect(tools.body.tools.map((t: Json) => t.id)).toEqual(['dash-2009', 'dash-2009-stalking', 'sdash', 'dial-test']);
    expect((await admin('POST', '/api/v1/risk/tools', { definition: dial })).status).toBe(422);

    const { caseId } = await newCase(vigil, callHandler);
    const done = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, { toolId: 'dial-test', stage: 'initial', answers: { d1: { value: 'yes' }, d2: { value: 'yes' }, d3: { value: 'not-known' } } });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.grading).toMatchObject({ toolId: 'dial-test', toolVersion: '1', score: 2, bandGrade: 'medium', highRiskYesQuestionIds: ['d2'], notKnownCount: 1 });

    const reworded = { ...dial, version: '2', questions: dial.questions.map((q) => (q.id === 'd1' ? { ...q, text: 'How frightened are you of (name)?' } : q)) };
    expect((await admin('POST', '/api/v1/risk/tools', { definition: reworded })).status).toBe(201);
    const read = await officer('GET', `/api/v1/cases/${caseId}/risk/assessments/${done.body.id}`);
    expect(read.body.toolVersion).toBe('1');
    expect(read.body.tool.questions[0].text).toBe('Are you very frightened of (name)?');
    const next = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, { toolId: 'dial-test', stage: 'enhanced', answers: { d1: { value: 'no' }, d2: { value: 'no' }, d3: { value: 'no' } } });
    expect(next.body.grading.toolVersion).toBe('2');
  });
});

describe('the risk management plan', () => {
  const action = (over: Record<string, unknown> = {}) => ({ category: 'reduce', description: 'Apply for a stalking protection order', owner: 'DC Mercer', reviewDate: '2026-11-30', status: 'planned', ...over });

  it('needs an assessment first, validates actions and review dates, and refuses stale versions', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const early = await officer('PUT', `/api/v1/cases/${caseId}/risk/plan`, { reviewDate: '2026-12-01', actions: [action()] });
    expect(early.status).toBe(422);
    await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(14));

    const bad = await officer('PUT', `/api/v1/cases/${caseId}/risk/plan`, { reviewDate: '2027-01-30', actions: [action(), action({ owner: ' ' })] });
    expect(bad.status).toBe(422);
    expect(messages(bad.body)).toContain('actions.1.owner: Action 2 needs an owner: who will do it.');
    expect(messages(bad.body)).toContain('reviewDate: A high-risk plan must be reviewed within 7 days, by 2 December 2026.');

    const notTold = await officer('PUT', `/api/v1/cases/${caseId}/risk/plan`, { reviewDate: '2026-12-01', actions: [action()], disclosures: [{ information: 'He knows her new address', told: false }] });
    expect(notTold.status).toBe(422);
    expect(messages(notTold.body)).toContain('disclosures.0.reasonNotTold:');

    const created = await officer('PUT', `/api/v1/cases/${caseId}/risk/plan`, {
      reviewDate: '2026-12-01',
      actions: [action(), action({ category: 'remove', description: 'Arrest on sight', owner: 'Response team' })],
      disclosures: [{ information: 'He knows her new address', told: true, toldOn: '2026-11-25' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ riskGrade: 'high', version: 1, reviewedOn: '2026-11-25' });
    const updated = await officer('PUT', `/api/v1/cases/${caseId}/risk/plan`, { version: 1, reviewDate: '2026-11-28', actions: [action({ status: 'in-progress' })] });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    const stale = await investigator('PUT', `/api/v1/cases/${caseId}/risk/plan`, { version: 1, reviewDate: '2026-11-29', actions: [action()] });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(/Someone else changed this plan/);
    const noVersion = await investigator('PUT', `/api/v1/cases/${caseId}/risk/plan`, { reviewDate: '2026-11-29', actions: [action()] });
    expect(noVersion.status).toBe(409);

    // A week later the review is overdue and so is the action.
    const dueSoon = await officer('GET', `/api/v1/cases/${caseId}/risk`);
    expect(dueSoon.body.plan.review).toMatchObject({ status: 'due', daysUntilReview: 3, overdueActions: [] });
    vigil.clock.advance(7 * 86_400_000);
    try {
      const later = api(vigil, await apiToken(vigil.app, 'attending-officer'));
      const overview = await later('GET', `/api/v1/cases/${caseId}/risk`);
      expect(overview.body.plan.review.status).toBe('overdue');
      expect(overview.body.plan.review.overdueActions).toHaveLength(1);
    } finally {
      vigil.clock.set('2026-11-25T10:00:00Z');
    }
  });

  it('warns on unsafe advice with the reason and records it only when confirmed', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const unsafe = { text: 'Told her to change her number and block him', method: 'phone', givenOn: '2026-11-25' };
    const warned = await officer('POST', `/api/v1/cases/${caseId}/risk/advice`, unsafe);
    expect(warned.status).toBe(422);
    const text = messages(warned.body);
    expect(text).toContain('text: This advice looks like "Change your phone number", which inspectors found unsafe.');
    expect(text).toContain('Just block them');
    expect(await count('risk_advice')).toBe(0);
    const confirmed = await officer('POST', `/api/v1/cases/${caseId}/risk/advice`, { ...unsafe, confirmUnsafe: true });
    expect(confirmed.status).toBe(201);
    const good = await officer('POST', `/api/v1/cases/${caseId}/risk/advice`, { adviceId: 'keep-diary', method: 'leaflet', givenOn: '2026-11-25' });
    expect(good.status, JSON.stringify(good.body)).toBe(201);
    const noMethod = await officer('POST', `/api/v1/cases/${caseId}/risk/advice`, { text: 'Keep every message', givenOn: '2026-11-25' });
    expect(noMethod.status).toBe(422);
    const overview = await officer('GET', `/api/v1/cases/${caseId}/risk`);
    expect(overview.body.advice).toHaveLength(2);
    const recorded = overview.body.advice.find((a: Json) => a.text === unsafe.text);
    expect(recorded.warnings.map((w: Json) => w.code)).toEqual(['unsafe-advice-change-number', 'unsafe-advice-block']);
    expect(overview.body.advice.find((a: Json) => a.adviceId === 'keep-diary')).toMatchObject({ method: 'leaflet', warnings: [] });
  });
});

describe('reassessment and audit', () => {
  it('requestReassessment creates a risk-reassessment task for a breach, and nothing for other events', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const ctx = await contextFor(vigil, 'investigator');
    const now = vigil.deps.clock.now();
    const [breach, other] = await vigil.deps.db.transaction().execute(async (tx) => [
      await requestReassessment(tx, ctx, { caseId, event: { kind: 'breach' }, now }),
      await requestReassessment(tx, ctx, { caseId, event: { kind: 'case-note-added' }, now }),
    ]);
    expect(other).toBeUndefined();
    const tasks = await tasksOf(vigil, caseId, 'risk-reassessment');
    const task = tasks.find((t) => t.id === breach);
    expect(task?.title).toContain('An order or bail condition has been breached');
    expect(task?.details.reasons).toEqual([{ code: 'reassess-breach', message: expect.stringContaining('breached') }]);
    await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(2));
    expect((await tasksOf(vigil, caseId, 'risk-reassessment')).every((t) => t.status === 'done')).toBe(true);
  });

  it('writes audit rows for views and changes', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    await officer('GET', `/api/v1/cases/${caseId}/risk`);
    const done = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(14));
    await sergeant('POST', `/api/v1/cases/${caseId}/risk/assessments/${done.body.id}/endorse`, { grade: 'high', version: 1 });
    const rows = await vigil.deps.db
      .selectFrom('audit_log')
      .select(['actor_username', 'action', 'record_type', 'record_id', 'details'])
      .where((eb) => eb.or([eb('record_id', '=', caseId), eb('record_id', '=', done.body.id), eb('record_type', '=', 'marac-referral')]))
      .orderBy('id')
      .execute();
    const seen = rows.map((r) => `${r.actor_username} ${r.action} ${r.record_type}`);
    expect(seen).toEqual(expect.arrayContaining([
      'attending-officer view case-risk',
      'attending-officer create risk-assessment',
      'attending-officer create marac-referral',
      'detective-sergeant update risk-assessment',
    ]));
    const created = rows.find((r) => r.action === 'create' && r.record_type === 'risk-assessment');
    expect(created?.details).toMatchObject({ caseId, toolId: 'dash-2009', score: 14, finalGrade: 'high' });
  });
});
