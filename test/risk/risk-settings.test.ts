import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, signInAs, startTestVigil, type Browser, type TestVigil } from '../support/app.ts';
import { api, dash, newCase, type Json } from './support.ts';

/**
 * Issue 6: the force settings for score bands and plan review intervals. The settings are
 * force-wide, so the tests in this file run in order on one database: first the West
 * Yorkshire default, then the force's changes.
 */
let vigil: TestVigil;
let callHandler: string;
let officer: ReturnType<typeof api>;
let admin: ReturnType<typeof api>;
let investigator: ReturnType<typeof api>;
let adminPages: Browser;

beforeAll(async () => {
  vigil = await startTestVigil();
  callHandler = await apiToken(vigil.app, 'call-handler');
  officer = api(vigil, await apiToken(vigil.app, 'attending-officer'));
  admin = api(vigil, await apiToken(vigil.app, 'administrator'));
  investigator = api(vigil, await apiToken(vigil.app, 'investigator'));
  adminPages = await signInAs(vigil.app, 'administrator');
});
afterAll(async () => vigil.close());

const messages = (body: Json) => (body.errors as Array<{ field: string; message: string }>).map((e) => `${e.field}: ${e.message}`);

async function settingRows() {
  return vigil.deps.db.selectFrom('risk_settings').select(['key', 'value', 'version']).orderBy('key').execute();
}

async function settingAudits() {
  return vigil.deps.db.selectFrom('audit_log').select(['actor_username', 'action', 'record_id', 'details']).where('record_type', '=', 'risk-settings').orderBy('id').execute();
}

const action = { category: 'reduce', description: 'Fit a video doorbell', owner: 'Crime prevention officer', reviewDate: '2026-11-27', status: 'planned' };

describe('before a force changes anything', () => {
  it('uses the West Yorkshire default for grading and plan reviews, and shows it as the default', async () => {
    const settings = await admin('GET', '/api/v1/risk/settings');
    expect(settings.status).toBe(200);
    expect(settings.body.policyName).toBe('West Yorkshire Police');
    expect(settings.body.bands.map((b: Json) => b.toolId)).toEqual(['dash-2009']);
    expect(settings.body.bands[0]).toMatchObject({
      setByForce: false,
      version: 0,
      bands: [{ grade: 'standard', min: 0, max: 9 }, { grade: 'medium', min: 10, max: 13 }, { grade: 'high', min: 14 }],
    });
    expect(settings.body.planReview).toMatchObject({ setByForce: false, version: 0, maxIntervalDays: { high: 7, medium: 28, standard: 56 } });

    const { caseId } = await newCase(vigil, callHandler);
    const done = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(10));
    expect(done.body.grading).toMatchObject({ score: 10, bandGrade: 'medium' });
    const plan = await officer('GET', `/api/v1/cases/${caseId}/risk`);
    const victimId = plan.body.victims[0].personId as string;
    const own = await officer('GET', `/api/v1/cases/${caseId}/risk/plans/${victimId}`);
    expect(own.body).toMatchObject({ currentGrade: 'medium', latestReviewDate: '2026-12-23', plan: null });

    const page = await adminPages.get('/admin/risk-settings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">Risk settings</h1>');
    expect(page.body).toContain('the West Yorkshire Police default applies');
    expect(page.body).toContain('Standard 0–9, Medium 10–13, High 14+');
    expect(page.body).toMatch(/id="bands-dash-2009-high"[^>]*value="14"/);
    expect(page.body).toMatch(/id="review-high"[^>]*value="7"/);
    expect(page.body).toContain('href="/admin/risk-settings"');
  });

  it('is only for holders of admin:policy', async () => {
    expect((await investigator('GET', '/api/v1/risk/settings')).status).toBe(403);
    expect((await investigator('PUT', '/api/v1/risk/settings/plan-review', { maxIntervalDays: { high: 3, medium: 14, standard: 28 }, version: 0 })).status).toBe(403);
    expect((await (await signInAs(vigil.app, 'investigator')).get('/admin/risk-settings')).statusCode).toBe(403);
    expect(await settingRows()).toEqual([]);
  });
});

describe('score bands', () => {
  it('refuses bad bands with clear messages and saves nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [[{ grade: 'standard', min: 0, max: 5 }, { grade: 'high', min: 8 }], 'bands.1.min: bands[1].min: leaves a gap after the previous band, which ends at 5; this band should start at 6'],
      [[{ grade: 'standard', min: 0, max: 29 }, { grade: 'high', min: 30 }], 'bands.1.min: bands[1].min: DASH risk assessment (police, 2009) has 27 questions, so a band starting at 30 yes answers could never be reached'],
      [[{ grade: 'standard', min: 0, max: 9 }, { grade: 'medium', min: 10 }], 'bands: bands: there must be a high band, so that a score can grade high'],
      [[{ grade: 'high', min: 0, max: 9 }, { grade: 'medium', min: 10 }], 'bands.1.grade: bands[1].grade: must be a higher grade than the previous band ("high")'],
    ];
    for (const [bands, message] of cases) {
      const refused = await admin('PUT', '/api/v1/risk/settings/bands', { toolId: 'dash-2009', bands, version: 0 });
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(messages(refused.body)).toContain(message);
    }
    const unscored = await admin('PUT', '/api/v1/risk/settings/bands', { toolId: 'sdash', bands: [{ grade: 'standard', min: 0 }], version: 0 });
    expect(messages(unscored.body)).toEqual(['toolId: S-DASH stalking screening has no numeric threshold, so it has no score bands: the grade is set by professional judgement.']);
    const unknown = await admin('PUT', '/api/v1/risk/settings/bands', { toolId: 'dial', bands: [{ grade: 'high', min: 0 }], version: 0 });
    expect(messages(unknown.body)).toEqual(['toolId: There is no risk assessment tool "dial"']);
    const notNumber = await admin('PUT', '/api/v1/risk/settings/bands', { toolId: 'dash-2009', bands: [{ grade: 'high', min: 'none' }], version: 0 });
    expect(notNumber.status).toBe(422);
    expect(await settingRows()).toEqual([]);
    expect(await settingAudits()).toEqual([]);
  });

  it('saves bands on the settings page, shows errors beside the fields, and refuses a stale save', async () => {
    const blank = await adminPages.post('/admin/risk-settings/bands', { toolId: 'dash-2009', version: '0', medium: '9', high: '' });
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain('govuk-error-summary');
    expect(blank.body).toContain('href="#bands-dash-2009-high"');
    expect(blank.body).toMatch(/id="bands-dash-2009-high-error"[\s\S]*Enter the number of yes answers from which the grade is high/);
    expect(blank.body).toMatch(/id="bands-dash-2009-medium"[^>]*value="9"/);

    const crossed = await adminPages.post('/admin/risk-settings/bands', { toolId: 'dash-2009', version: '0', medium: '12', high: '8' });
    expect(crossed.statusCode).toBe(422);
    expect(crossed.body).toContain('Medium must start below high: high starts at 8 yes answers, so medium must start at 7 or fewer');
    const fraction = await adminPages.post('/admin/risk-settings/bands', { toolId: 'dash-2009', version: '0', medium: '5', high: '8.5' });
    expect(fraction.body).toContain('The number of yes answers for high must be a whole number, like 14');
    expect(await settingRows()).toEqual([]);

    const saved = await adminPages.post('/admin/risk-settings/bands', { toolId: 'dash-2009', version: '0', medium: '5', high: '8' });
    expect(saved.statusCode, saved.body.slice(0, 1000)).toBe(303);
    const page = await adminPages.get(saved.headers.location as string);
    expect(page.body).toContain('Score bands saved.');
    expect(page.body).toContain('Standard 0–4, Medium 5–7, High 8+');
    expect(page.body).toContain('Set by the force');
    expect(await settingRows()).toEqual([{ key: 'bands:dash-2009', value: [{ grade: 'standard', min: 0, max: 4 }, { grade: 'medium', min: 5, max: 7 }, { grade: 'high', min: 8 }], version: 1 }]);

    const stale = await adminPages.post('/admin/risk-settings/bands', { toolId: 'dash-2009', version: '0', medium: '6', high: '9' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else changed the score bands for DASH risk assessment (police, 2009) while you were editing them.');
    const staleApi = await admin('PUT', '/api/v1/risk/settings/bands', { toolId: 'dash-2009', bands: [{ grade: 'standard', min: 0, max: 8 }, { grade: 'high', min: 9 }], version: 0 });
    expect(staleApi.status).toBe(409);
    expect((await settingRows())[0]?.version).toBe(1);

    const audits = await settingAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_username: 'administrator', action: 'update', record_id: 'bands:dash-2009' });
    expect(audits[0]?.details).toMatchObject({ from: [{ grade: 'standard', min: 0, max: 9 }, { grade: 'medium', min: 10, max: 13 }, { grade: 'high', min: 14 }], to: [{ grade: 'standard', min: 0, max: 4 }, { grade: 'medium', min: 5, max: 7 }, { grade: 'high', min: 8 }] });
  });

  it('grades new assessments with the force’s bands; completed ones keep their grade', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    const eight = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(8));
    expect(eight.status, JSON.stringify(eight.body)).toBe(201);
    expect(eight.body.grading).toMatchObject({ score: 8, bandGrade: 'high', finalGrade: 'high' });
    const five = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(5));
    expect(five.body.grading.bandGrade).toBe('medium');
    // Professional judgement still cannot lower the grade the force's bands give.
    const lowered = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(8, { judgement: { grade: 'medium', rationale: 'Calm.' } }));
    expect(lowered.status).toBe(422);
    expect(messages(lowered.body)).toContain('judgement.grade: 8 yes answers grade high; professional judgement can raise a grading but not lower it.');
    // The MARAC threshold is national: 8 yes answers grade high here but do not meet "visible high risk".
    expect(eight.body.marac.criteriaMet.map((c: Json) => c.code)).not.toContain('visible-high-risk');

    const settings = await admin('PUT', '/api/v1/risk/settings/bands', { toolId: 'dash-2009', bands: [{ grade: 'standard', min: 0, max: 11 }, { grade: 'high', min: 12 }], version: 1 });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    expect(settings.body.bands[0]).toMatchObject({ setByForce: true, version: 2, bands: [{ grade: 'standard', min: 0, max: 11 }, { grade: 'high', min: 12 }] });
    const overview = await officer('GET', `/api/v1/cases/${caseId}/risk`);
    expect(overview.body.assessments.map((a: Json) => a.bandGrade)).toEqual(['high', 'medium']);
    const later = await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(11));
    expect(later.body.grading.bandGrade).toBe('standard');
  });
});

describe('plan review intervals', () => {
  it('refuses bad intervals with clear messages beside the fields and saves nothing', async () => {
    const api422 = await admin('PUT', '/api/v1/risk/settings/plan-review', { maxIntervalDays: { high: 30, medium: 14, standard: 400 }, version: 0 });
    expect(api422.status).toBe(422);
    expect(messages(api422.body)).toEqual(['maxIntervalDays.standard: The days for a standard-risk plan must be between 1 and 365']);
    const order = await admin('PUT', '/api/v1/risk/settings/plan-review', { maxIntervalDays: { high: 30, medium: 14, standard: 56 }, version: 0 });
    expect(messages(order.body)).toEqual(['maxIntervalDays.high: A high-risk plan must be reviewed at least as often as a medium-risk plan: enter 14 days or fewer']);

    const page = await adminPages.post('/admin/risk-settings/plan-review', { version: '0', high: 'soon', medium: '', standard: '56' });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('href="#review-high"');
    expect(page.body).toMatch(/id="review-high-error"[\s\S]*The days for a high-risk plan must be a whole number, like 28/);
    expect(page.body).toMatch(/id="review-medium-error"[\s\S]*Enter the number of days within which a medium-risk plan must be reviewed/);
    expect(page.body).toMatch(/id="review-high"[^>]*value="soon"/);
    expect((await settingRows()).map((r) => r.key)).toEqual(['bands:dash-2009']);
  });

  it('saves intervals that plan review dates then follow, refusing a stale save', async () => {
    const { caseId } = await newCase(vigil, callHandler);
    await officer('POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(12));
    const fiveDays = { reviewDate: '2026-11-30', actions: [action] };
    expect((await officer('PUT', `/api/v1/cases/${caseId}/risk/plan`, fiveDays)).status).toBe(200);

    const saved = await adminPages.post('/admin/risk-settings/plan-review', { version: '0', high: '3', medium: '14', standard: '28' });
    expect(saved.statusCode, saved.body.slice(0, 1000)).toBe(303);
    expect((await adminPages.get('/admin/risk-settings')).body).toMatch(/id="review-high"[^>]*value="3"/);
    const stale = await admin('PUT', '/api/v1/risk/settings/plan-review', { maxIntervalDays: { high: 5, medium: 14, standard: 28 }, version: 0 });
    expect(stale.status).toBe(409);

    const plan = await officer('GET', `/api/v1/cases/${caseId}/risk`);
    const current = plan.body.plans[0];
    const refused = await officer('PUT', `/api/v1/cases/${caseId}/risk/plan`, { ...fiveDays, version: current.version });
    expect(refused.status).toBe(422);
    expect(messages(refused.body)).toContain('reviewDate: A high-risk plan must be reviewed within 3 days, by 28 November 2026.');
    const kept = await officer('PUT', `/api/v1/cases/${caseId}/risk/plan`, { reviewDate: '2026-11-28', actions: [action], version: current.version });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);

    const officerPage = await signInAs(vigil.app, 'attending-officer');
    const planPage = await officerPage.get(`/cases/${caseId}/risk/plan`);
    expect(planPage.body).toContain('A high-risk plan made today must be reviewed by 28 November 2026.');
    const audits = await settingAudits();
    expect(audits.at(-1)).toMatchObject({ record_id: 'plan-review', details: { from: { high: 7, medium: 28, standard: 56 }, to: { high: 3, medium: 14, standard: 28 } } });
    const count = await vigil.deps.db.selectFrom('risk_settings').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(count.n).toBe(2);
  });
});
