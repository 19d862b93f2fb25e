import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASH_2009, DASH_STALKING_QUESTIONS } from '../../src/domain/risk/index.ts';
import { apiToken, signInAs, startTestVigil, type Browser, type TestVigil } from '../support/app.ts';
import { newCase, tasksOf } from './support.ts';

let vigil: TestVigil;
let callHandler: string;
let officer: Browser;
let sergeant: Browser;
let investigator: Browser;

beforeAll(async () => {
  vigil = await startTestVigil();
  callHandler = await apiToken(vigil.app, 'call-handler');
  officer = await signInAs(vigil.app, 'attending-officer');
  sergeant = await signInAs(vigil.app, 'detective-sergeant');
  investigator = await signInAs(vigil.app, 'investigator');
});
afterAll(async () => vigil.close());

/** The questionnaire form filled in: the first `yes` DASH questions yes, the rest no; stalking questions as given. */
function dashForm(yes: number, options: { stalking?: 'no' | 'skip'; judgementGrade?: string; judgementRationale?: string; drop?: string[] } = {}): Record<string, string> {
  const form: Record<string, string> = { toolId: DASH_2009.id, toolVersion: DASH_2009.version, stage: 'enhanced', source: 'victim' };
  DASH_2009.questions.forEach((q, i) => {
    if (!options.drop?.includes(q.id)) form[`answer-${q.id}`] = i < yes ? 'yes' : 'no';
  });
  if (options.stalking !== 'skip') for (const q of DASH_STALKING_QUESTIONS.questions) form[`supp-answer-${q.id}`] = 'no';
  form['note-q2'] = 'She said: "I check the window every night."';
  if (options.judgementGrade) form.judgementGrade = options.judgementGrade;
  if (options.judgementRationale) form.judgementRationale = options.judgementRationale;
  return form;
}

describe('risk pages', () => {
  it('links from the case page and shows what the case needs', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const kase = await officer.get(`/cases/${caseId}`);
    expect(kase.body).toContain(`href="/cases/${caseId}/risk"`);
    const page = await officer.get(`/cases/${caseId}/risk`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Risk assessments</h1>');
    expect(page.body).toContain('Start the assessment');
    expect(page.body).toContain('No risk assessment has been completed yet.');
  });

  it('completes a DASH through the questionnaire, refusing gaps with messages beside each question', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const form = await officer.get(`/cases/${caseId}/risk/assessments/new?toolId=dash-2009&stage=enhanced`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('DASH stalking and harassment questions');
    expect(form.body).toContain('Does Osric Vane-');
    expect(form.body.match(/name="answer-q\d+"/g)?.length).toBe(27 * 3);
    expect(form.body.match(/name="supp-answer-s\d+"/g)?.length).toBe(11 * 3);

    const missing = await officer.post(`/cases/${caseId}/risk/assessments`, dashForm(3, { drop: ['q5', 'q20'] }));
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('govuk-error-summary');
    expect(missing.body).toContain('href="#answers.q5"');
    expect(missing.body).toContain('Answer question 5: yes, no or not known');
    expect(missing.body).toContain('Answer question 20: yes, no or not known');
    expect(missing.body).toContain('I check the window every night.');

    const noStalking = await officer.post(`/cases/${caseId}/risk/assessments`, dashForm(8, { stalking: 'skip' }));
    expect(noStalking.statusCode).toBe(422);
    expect(noStalking.body).toContain('Question 8 was answered yes, so the DASH stalking and harassment questions must be answered.');

    const lowered = await officer.post(`/cases/${caseId}/risk/assessments`, dashForm(14, { judgementGrade: 'medium', judgementRationale: 'Calm at interview' }));
    expect(lowered.statusCode).toBe(422);
    expect(lowered.body).toContain('14 yes answers grade high; professional judgement can raise a grading but not lower it.');

    const done = await officer.post(`/cases/${caseId}/risk/assessments`, dashForm(14));
    expect(done.statusCode, done.body.slice(0, 2000)).toBe(303);
    const result = await officer.get(done.headers.location as string);
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('14 yes answers out of 27 questions');
    expect(result.body).toContain('A MARAC referral task has been created.');
    expect(result.body).toContain('Visible high risk: 14 yes answers (the threshold is 14).');
    expect(result.body).toContain('Awaiting a detective sergeant');
    expect(result.body).not.toContain('Endorse the grading</button>');
    expect((await tasksOf(vigil, caseId, 'initial-risk-assessment')).map((t) => t.status)).toEqual(['open']);

    const asSergeant = await sergeant.get(done.headers.location as string);
    expect(asSergeant.body).toContain('Endorse the grading');
    const assessmentUrl = (done.headers.location as string).split('?')[0]!;
    const version = /name="version" value="(\d+)"/.exec(asSergeant.body)?.[1] ?? '';
    const lower = await sergeant.post(`${assessmentUrl}/endorse`, { grade: 'medium', version });
    expect(lower.statusCode).toBe(422);
    expect(lower.body).toContain('an endorsement can confirm or raise a grading but not lower it');
    const endorsed = await sergeant.post(`${assessmentUrl}/endorse`, { grade: 'high', version });
    expect(endorsed.statusCode).toBe(303);
    expect((await officer.get(assessmentUrl)).body).toContain('Endorsed as high by Detective sergeant (demo)');
    expect((await investigator.post(`${assessmentUrl}/endorse`, { grade: 'high', version })).statusCode).toBe(403);
  });

  it('records a plan with RARA actions, shows row errors, and warns on unsafe advice beside the field', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const none = await officer.get(`/cases/${caseId}/risk/plan`);
    expect(none.body).toContain('Complete a risk assessment before making the plan');
    await officer.post(`/cases/${caseId}/risk/assessments`, dashForm(2));
    const page = await officer.get(`/cases/${caseId}/risk/plan`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('must be reviewed by 20 January 2027');

    const bad = await officer.post(`/cases/${caseId}/risk/plan`, {
      reviewedOn: '25/11/2026',
      reviewDate: '01/12/2026',
      'actions[0].category': 'reduce',
      'actions[0].description': 'Fit a video doorbell',
      'actions[0].owner': '',
      'actions[0].reviewDate': '10/12/2026',
      'actions[1].category': '',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#actions.0.owner"');
    expect(bad.body).toContain('Action 1 needs an owner');
    expect(bad.body).toContain('Fit a video doorbell');

    const saved = await officer.post(`/cases/${caseId}/risk/plan`, {
      reviewedOn: '25/11/2026',
      reviewDate: '01/12/2026',
      'actions[0].category': 'reduce',
      'actions[0].description': 'Fit a video doorbell',
      'actions[0].owner': 'Crime prevention officer',
      'actions[0].reviewDate': '10/12/2026',
      'actions[0].status': 'planned',
      'disclosures[0].information': 'He has her new address',
      'disclosures[0].told': 'yes',
      'disclosures[0].toldOn': '25/11/2026',
    });
    expect(saved.statusCode, saved.body.slice(0, 1500)).toBe(303);
    const after = await officer.get(`/cases/${caseId}/risk/plan`);
    expect(after.body).toContain('Review by 1 December 2026');
    expect(after.body).toContain('Fit a video doorbell');

    const unsafe = await officer.post(`/cases/${caseId}/risk/advice`, { adviceId: '', text: 'Advised her to come off social media', method: 'in-person', givenOn: '25/11/2026' });
    expect(unsafe.statusCode).toBe(422);
    expect(unsafe.body).toMatch(/id="advice-text-error"[\s\S]*which inspectors found unsafe/);
    expect(unsafe.body).toContain('name="confirmUnsafe"');
    const confirmed = await officer.post(`/cases/${caseId}/risk/advice`, { adviceId: '', text: 'Advised her to come off social media', method: 'in-person', givenOn: '25/11/2026', confirmUnsafe: 'yes' });
    expect(confirmed.statusCode).toBe(303);
    expect((await officer.get(`/cases/${caseId}/risk/plan`)).body).toContain('Unsafe advice');
  });

  it('lets administrators load a tool from pasted JSON with errors beside the field', async () => {
    const admin = await signInAs(vigil.app, 'administrator');
    expect((await investigator.get('/admin/risk-tools')).statusCode).toBe(403);
    const page = await admin.get('/admin/risk-tools');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/admin/risk-tools"');
    const broken = await admin.post('/admin/risk-tools', { definition: JSON.stringify({ id: 'scarf', version: '1', name: 'SCARF', kind: 'full', questions: [], scoring: { method: 'none', guidance: 'Use judgement.' } }) });
    expect(broken.statusCode).toBe(422);
    expect(broken.body).toMatch(/id="definition-error"[\s\S]*questions: must have at least 1 item/);
    const good = await admin.post('/admin/risk-tools', { definition: JSON.stringify({ id: 'scarf', version: '1', name: 'SCARF (Sussex)', kind: 'full', questions: [{ id: 'c1', number: 1, topic: 'fear', text: 'Are you afraid of (name)?' }], scoring: { method: 'none', guidance: 'Use judgement.' } }) });
    expect(good.statusCode).toBe(303);
    expect((await admin.get(good.headers.location as string)).body).toContain('SCARF (Sussex)');
  });

  it('asks a named user for a reason on a restricted case and refuses everyone else', async () => {
    const { caseId } = await newCase(vigil, callHandler, { indicators: ['victim-works-for-force'] });
    expect((await officer.get(`/cases/${caseId}/risk`)).statusCode).toBe(403);
    const namedUser = await signInAs(vigil.app, 'call-handler');
    const ask = await namedUser.get(`/cases/${caseId}/risk`);
    expect(ask.statusCode).toBe(403);
    expect(ask.body).toContain(`action="/cases/${caseId}/risk/open"`);
    const opened = await namedUser.post(`/cases/${caseId}/risk/open`, { reason: 'Checking the risk grading before the MARAC meeting' });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('What this case needs');
    const audit = await vigil.deps.db.selectFrom('audit_log').select(['action', 'reason']).where('record_id', '=', caseId).where('record_type', '=', 'case-risk').execute();
    expect(audit).toEqual([{ action: 'view', reason: 'Checking the risk grading before the MARAC meeting' }]);
  });
});
