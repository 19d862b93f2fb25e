import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASH_2009, DASH_STALKING_QUESTIONS } from '../../src/domain/risk/index.ts';
import { canCloseInitialInvestigation } from '../../src/features/risk/service.ts';
import { apiToken, signInAs, startTestVigil, type Browser, type TestVigil } from '../support/app.ts';
import { P1_OCCASIONS } from '../intake/fixtures.ts';
import { answers, api, contextFor, dash, newCase, type Json } from './support.ts';

let vigil: TestVigil;
let callHandler: string;
let officer: ReturnType<typeof api>;
let investigator: ReturnType<typeof api>;
let officerPages: Browser;

beforeAll(async () => {
  vigil = await startTestVigil();
  callHandler = await apiToken(vigil.app, 'call-handler');
  officer = api(vigil, await apiToken(vigil.app, 'attending-officer'));
  investigator = api(vigil, await apiToken(vigil.app, 'investigator'));
  officerPages = await signInAs(vigil.app, 'attending-officer');
});
afterAll(async () => vigil.close());

const messages = (body: Json) => (body.errors as Array<{ field: string; message: string }>).map((e) => `${e.field}: ${e.message}`);
const action = (over: Record<string, unknown> = {}) => ({ category: 'reduce', description: 'Fit a video doorbell', owner: 'Crime prevention officer', reviewDate: '2026-11-28', status: 'planned', ...over });

/** A case with two victims: the one reporting and her sister, both followed by the same man. */
async function twoVictimCase(): Promise<{ caseId: string; first: { personId: string; name: string }; second: { personId: string; name: string } }> {
  const { caseId } = await newCase(vigil, callHandler, { otherVictims: [{ forenames: 'Morwenna', surname: 'Penhallow', town: 'Northtown' }] });
  const overview = await officer('GET', `/api/v1/cases/${caseId}/risk`);
  expect(overview.body.victims).toHaveLength(2);
  const people = await vigil.deps.db.selectFrom('people').select(['id', 'forenames', 'surname']).where('id', 'in', overview.body.victims.map((v: Json) => v.personId)).execute();
  const named = (id: string) => {
    const p = people.find((x) => x.id === id)!;
    return { personId: id, name: `${p.forenames} ${p.surname}` };
  };
  const [a, b] = overview.body.victims.map((v: Json) => named(v.personId as string));
  return { caseId, first: a!, second: b! };
}

describe('one risk management plan per victim', () => {
  it('keeps a separate plan for each victim, graded by that victim’s own assessment', async () => {
    const { caseId, first, second } = await twoVictimCase();
    expect((await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(14, { victimPersonId: first.personId }))).status).toBe(201);

    // Which victim? Must be said when there are two.
    const unnamed = await officer('PUT', `/api/v1/cases/${caseId}/risk/plan`, { reviewDate: '2026-12-01', actions: [action()] });
    expect(unnamed.status).toBe(422);
    expect(messages(unnamed.body)).toEqual(['victimPersonId: Choose which victim the plan is for: each victim has their own plan']);
    // The second victim has no assessment yet, so no plan.
    const early = await officer('PUT', `/api/v1/cases/${caseId}/risk/plans/${second.personId}`, { reviewDate: '2026-12-01', actions: [action()] });
    expect(early.status).toBe(422);
    expect(messages(early.body)).toEqual([`actions: Complete a risk assessment for ${second.name} before making the risk management plan`]);
    const stranger = await officer('PUT', `/api/v1/cases/${caseId}/risk/plans/${crypto.randomUUID()}`, { reviewDate: '2026-12-01', actions: [action()] });
    expect(stranger.status).toBe(422);

    const highPlan = await officer('PUT', `/api/v1/cases/${caseId}/risk/plans/${first.personId}`, { reviewDate: '2026-12-01', actions: [action(), action({ category: 'remove', description: 'Arrest on sight', owner: 'Response team' })] });
    expect(highPlan.status, JSON.stringify(highPlan.body)).toBe(200);
    expect(highPlan.body).toMatchObject({ victimPersonId: first.personId, riskGrade: 'high', version: 1 });

    expect((await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(3, { victimPersonId: second.personId }))).status).toBe(201);
    // A standard-risk plan may be reviewed in 56 days; the high-risk victim's could not.
    const standardPlan = await officer('PUT', `/api/v1/cases/${caseId}/risk/plan`, { victimPersonId: second.personId, reviewDate: '2027-01-15', actions: [action({ category: 'accept', description: 'Monitor and call weekly', owner: 'DC Mercer' })] });
    expect(standardPlan.status, JSON.stringify(standardPlan.body)).toBe(200);
    expect(standardPlan.body).toMatchObject({ victimPersonId: second.personId, riskGrade: 'standard', version: 1 });
    const tooLate = await officer('PUT', `/api/v1/cases/${caseId}/risk/plans/${first.personId}`, { version: 1, reviewDate: '2027-01-15', actions: [action()] });
    expect(messages(tooLate.body)).toContain('reviewDate: A high-risk plan must be reviewed within 7 days, by 2 December 2026.');

    // Each version is the victim's own: saving one plan does not make the other stale.
    const updated = await officer('PUT', `/api/v1/cases/${caseId}/risk/plans/${first.personId}`, { version: 1, reviewDate: '2026-11-30', actions: [action({ status: 'in-progress' })] });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    const stale = await investigator('PUT', `/api/v1/cases/${caseId}/risk/plans/${first.personId}`, { version: 1, reviewDate: '2026-11-30', actions: [action()] });
    expect(stale.status).toBe(409);
    const other = await investigator('PUT', `/api/v1/cases/${caseId}/risk/plans/${second.personId}`, { version: 1, reviewDate: '2027-01-10', actions: [action({ category: 'accept', description: 'Monitor', owner: 'DC Mercer' })] });
    expect(other.status, JSON.stringify(other.body)).toBe(200);

    const overview = await officer('GET', `/api/v1/cases/${caseId}/risk`);
    expect(overview.body.plans.map((p: Json) => [p.victimPersonId, p.riskGrade, p.version])).toEqual(
      expect.arrayContaining([[first.personId, 'high', 2], [second.personId, 'standard', 2]]),
    );
    expect(overview.body.plans).toHaveLength(2);
    expect(overview.body.plan).toBeNull();
    const one = await officer('GET', `/api/v1/cases/${caseId}/risk/plans/${second.personId}`);
    expect(one.body).toMatchObject({ victimPersonId: second.personId, currentGrade: 'standard', latestReviewDate: '2027-01-20', plan: { reviewDate: '2027-01-10', version: 2 } });
    expect((await officer('GET', `/api/v1/cases/${caseId}/risk/plans/${crypto.randomUUID()}`)).status).toBe(404);

    const audits = await vigil.deps.db.selectFrom('audit_log').select(['action', 'details']).where('record_type', '=', 'risk-plan').where('actor_username', '=', 'attending-officer').orderBy('id').execute();
    expect(audits.filter((a) => a.action === 'create').map((a) => a.details.victimPersonId)).toEqual([first.personId, second.personId]);
  });

  it('shows each victim’s plan on the case risk page and edits one victim’s plan at a time', async () => {
    const { caseId, first, second } = await twoVictimCase();
    await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(14, { victimPersonId: first.personId }));
    await officer('PUT', `/api/v1/cases/${caseId}/risk/plans/${first.personId}`, { reviewDate: '2026-12-01', actions: [action({ description: 'Panic alarm for the first victim' })] });

    const risk = await officerPages.get(`/cases/${caseId}/risk`);
    expect(risk.statusCode).toBe(200);
    expect(risk.body).toContain('Risk management plans</h2>');
    expect(risk.body).toContain('Plan for high risk, 1 action. Review by 1 December 2026');
    expect(risk.body).toContain(`There is no risk management plan for ${second.name} yet.`);
    expect(risk.body).toContain(`href="/cases/${caseId}/risk/plan?victim=${second.personId}"`);

    const secondPage = await officerPages.get(`/cases/${caseId}/risk/plan?victim=${second.personId}`);
    expect(secondPage.statusCode).toBe(200);
    expect(secondPage.body).toContain(`Risk management plan for ${second.name}</h1>`);
    expect(secondPage.body).toContain(`Complete a risk assessment for ${second.name} before making the plan`);
    expect(secondPage.body).not.toContain('Panic alarm for the first victim');

    await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(2, { victimPersonId: second.personId }));
    const form = await officerPages.get(`/cases/${caseId}/risk/plan?victim=${second.personId}`);
    expect(form.body).toContain(`name="victimPersonId" value="${second.personId}"`);
    expect(form.body).toContain('A standard-risk plan made today must be reviewed by 20 January 2027.');
    const saved = await officerPages.post(`/cases/${caseId}/risk/plan`, {
      victimPersonId: second.personId,
      reviewedOn: '25/11/2026',
      reviewDate: '10/01/2027',
      'actions[0].category': 'accept',
      'actions[0].description': 'Weekly welfare call to the second victim',
      'actions[0].owner': 'DC Mercer',
      'actions[0].reviewDate': '02/12/2026',
      'actions[0].status': 'planned',
    });
    expect(saved.statusCode, saved.body.slice(0, 1500)).toBe(303);
    expect(saved.headers.location).toBe(`/cases/${caseId}/risk/plan?victim=${second.personId}&saved=1`);
    const after = await officerPages.get(saved.headers.location as string);
    expect(after.body).toContain('Weekly welfare call to the second victim');
    expect(after.body).not.toContain('Panic alarm for the first victim');
    const firstPage = await officerPages.get(`/cases/${caseId}/risk/plan?victim=${first.personId}`);
    expect(firstPage.body).toContain('Panic alarm for the first victim');
    expect(firstPage.body).not.toContain('Weekly welfare call to the second victim');
    expect((await officerPages.get(`/cases/${caseId}/risk/plan?victim=${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('P1 (risk): ex-partner stalking', () => {
  it('needs DASH with the stalking questions before the initial investigation can close', async () => {
    const { caseId } = await newCase(vigil, callHandler, { relationship: 'ex-intimate-partner', occasions: P1_OCCASIONS, account: 'He has texted me 30 times since Monday and waited outside my work on Tuesday and Thursday.' });
    const ctx = await contextFor(vigil, 'investigator');
    const before = await officer('GET', `/api/v1/cases/${caseId}/risk`);
    expect(before.body.offence).toBe('stalking');
    expect(before.body.victims[0].requirements.map((r: Json) => r.code)).toEqual(['initial-screening', 'enhanced-assessment', 'stalking-questions', 'stalking-screening']);
    expect((await canCloseInitialInvestigation(vigil.deps, ctx, caseId)).reasons.map((r) => r.code)).toEqual([
      'missing-initial-screening', 'missing-enhanced-assessment', 'missing-stalking-questions', 'missing-stalking-screening',
    ]);

    // Question 8 yes without the stalking questions is refused and nothing is saved.
    const withoutStalking = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, { toolId: DASH_2009.id, stage: 'initial', answers: answers(DASH_2009, ['q2', 'q6', 'q8']) });
    expect(withoutStalking.status).toBe(422);
    expect((await officer('GET', `/api/v1/cases/${caseId}/risk`)).body.assessments).toEqual([]);

    const done = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, {
      toolId: DASH_2009.id,
      stage: 'initial',
      answers: answers(DASH_2009, ['q2', 'q6', 'q8']),
      supplementAnswers: answers(DASH_STALKING_QUESTIONS, ['s1', 's5']),
    });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(done.body.grading.openedToolIds).toEqual([DASH_STALKING_QUESTIONS.id]);
    expect(await canCloseInitialInvestigation(vigil.deps, ctx, caseId)).toEqual({ canClose: true, reasons: [] });
  });
});
