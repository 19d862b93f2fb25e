import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findIdentifierLeaks, standardReviewForm, type CaseIdentifiers } from '../../src/domain/oversight/index.ts';
import { signInAs, startTestVigil, type Browser, type TestVigil } from '../support/app.ts';
import { apiClient, finishedCase, userIdOf, type Api } from './support.ts';

/**
 * Issue 10: the panel sees only redacted material, rendered on the server. Every panel
 * page and API response for a sample is checked for the source records' identifiers
 * (from the people tables, the report narrative and the occasions). The panel member
 * cannot reach unredacted pages or API. Reviews, "victim may be at risk now", the report
 * with force responses, and the recommendations register.
 */
const VICTIM = { forenames: 'Marisol', surname: 'Quenby', dateOfBirth: '1990-03-14', phone: '07700 900123', email: 'marisol.quenby@example.com', socialPlatform: 'Instagram', socialHandle: 'mq_runs' };
const SUSPECT = { forenames: 'Tobias', surname: 'Wrexham', phone: '07700 900456', socialPlatform: 'Snapchat', socialHandle: 'twrex_88' };
const ADDRESS = { line: '14 Larch Avenue', town: 'Northtown', postcode: 'NT6 2AB' };
const VEHICLE = 'YX19 ABC';
const ACCOUNT =
  'Marisol Quenby says Tobias Wrexham has texted her on 07700 900123 and emailed marisol.quenby@example.com. ' +
  'He parks his car YX19 ABC outside 14 Larch Avenue, Northtown NT6 2AB and messages her as @twrex_88. Her date of birth is 14/03/1990.';

const RAW = ['Marisol', 'Quenby', 'Tobias', 'Wrexham', '07700 900123', '07700900123', '07700 900456', 'marisol.quenby@example.com', 'mq_runs', 'twrex_88', '14 Larch Avenue', 'Larch Avenue', 'NT6 2AB', VEHICLE, '1990-03-14', '14 March 1990', '14/03/1990'];

const identifiers: CaseIdentifiers = {
  people: [
    { id: 'v', role: 'victim', names: ['Marisol Quenby'], phones: [VICTIM.phone], emails: [VICTIM.email], handles: [VICTIM.socialHandle], datesOfBirth: [VICTIM.dateOfBirth], addresses: [`${ADDRESS.line}, ${ADDRESS.town}`, ADDRESS.line], postcodes: [ADDRESS.postcode] },
    { id: 's', role: 'suspect', names: ['Tobias Wrexham'], phones: [SUSPECT.phone], handles: [SUSPECT.socialHandle], vehicleRegistrations: [VEHICLE] },
  ],
};

function leaks(text: string): string[] {
  const found = RAW.filter((raw) => text.toLowerCase().includes(raw.toLowerCase()));
  return [...found, ...findIdentifierLeaks(text, identifiers).map((l) => `known ${l.kind}`)];
}

function fullReview(overrides: Record<string, unknown> = {}) {
  return {
    answers: standardReviewForm.questions.map((q, i) => (i === 0 ? { questionId: q.id, rating: 'not_met', comment: 'Attendance took three days.' } : { questionId: q.id, rating: i % 3 === 0 ? 'not_applicable' : 'met' })),
    summary: 'The response was slow but the risk was well managed.',
    ...overrides,
  };
}

describe('the panel workspace', () => {
  let vigil: TestVigil;
  let api: Api;
  let caseId: string;
  let otherCaseId: string;
  let sampleId: string;
  let sampleCases: Array<{ sampleCaseId: string; caseId: string }>;
  let panel: Browser;
  let victimId: string;

  beforeAll(async () => {
    vigil = await startTestVigil();
    api = apiClient(vigil);
    const identified = await finishedCase(api, 1, 16, true, {
      victim: VICTIM,
      suspect: { ...SUSPECT, approximateAge: 40 },
      account: ACCOUNT,
      occasions: [
        { date: '2026-10-01', time: '18:00', place: 'Outside 14 Larch Avenue', channels: ['in-person'], behaviours: ['loitering'], description: `Sat in ${VEHICLE} for an hour.` },
        { date: '2026-10-02', channels: ['social-media'], platform: 'Snapchat', accountName: 'twrex_88', behaviours: ['contacting'], description: 'Messages from twrex_88 and a call from 07700 900456.' },
      ],
    });
    caseId = identified.caseId;
    otherCaseId = (await finishedCase(api, 2, 1, false)).caseId;
    const victim = await vigil.deps.db.selectFrom('case_victims').select('person_id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    victimId = victim.person_id;
    const suspect = await vigil.deps.db.selectFrom('cases').select('suspect_person_id').where('id', '=', caseId).executeTakeFirstOrThrow();
    // Details recorded on the people's records after the report: an address and a vehicle.
    await vigil.deps.db.insertInto('person_addresses').values({ person_id: victimId, line: ADDRESS.line, town: ADDRESS.town, postcode: ADDRESS.postcode, protected: true }).execute();
    await vigil.deps.db.insertInto('person_identifiers').values({ person_id: suspect.suspect_person_id!, kind: 'vehicle', value: VEHICLE, normalised: 'YX19ABC' }).execute();
    const sample = await api.call('force-lead', 'POST', '/api/v1/oversight/samples', { title: 'Panel, winter 2026', request: { criteria: {}, size: 2, seed: 'winter' } });
    expect(sample.status, JSON.stringify(sample.body)).toBe(201);
    sampleId = sample.body.id;
    const saved = await api.call('force-lead', 'GET', `/api/v1/oversight/samples/${sampleId}`);
    sampleCases = saved.body.cases;
    expect(sampleCases.map((c) => c.caseId).sort()).toEqual([caseId, otherCaseId].sort());
    panel = await signInAs(vigil.app, 'scrutiny-panel-member');
  }, 180_000);
  afterAll(async () => vigil?.close());

  const identifiedSampleCase = () => sampleCases.find((c) => c.caseId === caseId)!.sampleCaseId;

  it('renders every panel page and API response for the sample without any of the source identifiers', async () => {
    // The panel reviews and observes first, so the report has content (with identifiers typed by mistake).
    const review = await api.call('scrutiny-panel-member', 'PUT', `/api/v1/panel/samples/${sampleId}/cases/${identifiedSampleCase()}/review`, fullReview({ summary: 'Tobias Wrexham was not arrested; Marisol should have been called on 07700 900123.' }));
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    expect((await api.call('scrutiny-panel-member', 'POST', `/api/v1/panel/samples/${sampleId}/observations`, { text: 'In one case (Quenby) the victim chased for updates.' })).status).toBe(201);

    const pages = [`/panel`, `/panel/samples/${sampleId}`, `/panel/samples/${sampleId}/report`, `/panel/samples/${sampleId}/report?print=yes`, ...sampleCases.map((c) => `/panel/samples/${sampleId}/cases/${c.sampleCaseId}`)];
    const apis = [`/api/v1/panel/samples/${sampleId}`, `/api/v1/oversight/samples/${sampleId}/report`, ...sampleCases.map((c) => `/api/v1/panel/samples/${sampleId}/cases/${c.sampleCaseId}`)];
    for (const url of pages) {
      const page = await panel.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(leaks(page.body), url).toEqual([]);
      expect(page.body, url).not.toContain(caseId);
    }
    for (const url of apis) {
      const response = await api.call('scrutiny-panel-member', 'GET', url);
      expect(response.status, url).toBe(200);
      const text = JSON.stringify(response.body);
      expect(leaks(text), url).toEqual([]);
      expect(text, url).not.toContain(caseId);
    }
    // The redacted case still tells the story: roles in place of people, placeholders in place of details.
    const redacted = await api.call('scrutiny-panel-member', 'GET', `/api/v1/panel/samples/${sampleId}/cases/${identifiedSampleCase()}`);
    const account = redacted.body.view.reports[0].account as string;
    expect(account).toContain('Victim A says Suspect A has texted her on [phone]');
    expect(account).toContain('[vehicle]');
    expect(account).toContain('[postcode]');
    expect(redacted.body.view.people).toEqual([{ label: 'Victim A', role: 'victim' }, { label: 'Suspect A', role: 'suspect' }]);
    expect(redacted.body.review.summary).toBe('Suspect A was not arrested; Victim A should have been called on [phone].');
  });

  it('refuses the panel member every unredacted page and API (403)', async () => {
    const reference = (await vigil.deps.db.selectFrom('cases').select('reference').where('id', '=', caseId).executeTakeFirstOrThrow()).reference;
    const pages = [`/cases/${caseId}`, `/cases/${caseId}/timeline`, `/cases/${caseId}/victims`, `/cases/${caseId}/risk`, `/people/${victimId}`, `/people/${victimId}/history`, '/oversight', `/oversight/samples/${sampleId}`, '/oversight/recommendations', '/people', '/tasks', '/reports'];
    for (const url of pages) {
      const page = await panel.get(url);
      expect(page.statusCode, url).toBe(403);
      expect(leaks(page.body), url).toEqual([]);
      expect(page.body).not.toContain(reference);
    }
    const apis = [`/api/v1/cases/${caseId}`, `/api/v1/cases/${caseId}/timeline`, `/api/v1/cases/${caseId}/victims`, `/api/v1/people/${victimId}`, `/api/v1/oversight/samples/${sampleId}`, '/api/v1/oversight/samples', '/api/v1/oversight/recommendations', '/api/v1/tasks'];
    for (const url of apis) {
      const response = await api.call('scrutiny-panel-member', 'GET', url);
      expect(response.status, url).toBe(403);
      expect(leaks(JSON.stringify(response.body)), url).toEqual([]);
    }
    // And the force lead, who may, sees the case references the panel never does.
    const lead = await signInAs(vigil.app, 'force-lead');
    expect((await lead.get(`/oversight/samples/${sampleId}`)).body).toContain(reference);
  });

  it('checks the review form and shows the errors beside the questions', async () => {
    const page = await panel.post(`/panel/samples/${sampleId}/cases/${identifiedSampleCase()}/review`, { 'rating-initial-response': 'not_met', victimAtRiskNow: 'yes' });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('govuk-error-summary');
    expect(page.body).toContain('href="#comment-initial-response"');
    expect(page.body).toContain('href="#rating-risk-assessment"');
    expect(page.body).toContain('href="#riskConcern"');
    expect(leaks(page.body)).toEqual([]);
    const api422 = await api.call('scrutiny-panel-member', 'PUT', `/api/v1/panel/samples/${sampleId}/cases/${identifiedSampleCase()}/review`, { answers: [{ questionId: 'nonsense', rating: 'met' }] });
    expect(api422.status).toBe(422);
  });

  it('"victim may be at risk now" sends the case back at once: tasks to the SCU and the force lead, due in 24 hours, once', async () => {
    const other = sampleCases.find((c) => c.caseId === otherCaseId)!.sampleCaseId;
    const form: Record<string, string> = { victimAtRiskNow: 'yes', riskConcern: 'The suspect still lives nearby and the last contact was recent.', summary: 'Worrying.' };
    for (const q of standardReviewForm.questions) form[`rating-${q.id}`] = 'partly_met';
    const saved = await panel.post(`/panel/samples/${sampleId}/cases/${other}/review`, form);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toContain('done=referred');
    const tasks = await vigil.deps.db.selectFrom('tasks').selectAll().where('case_id', '=', otherCaseId).where('type', '=', 'oversight-victim-at-risk').execute();
    const lead = await userIdOf(vigil, 'force-lead');
    expect(tasks.map((t) => t.owner_team ?? t.owner_user_id).sort()).toEqual([lead, 'scu'].sort());
    for (const t of tasks) expect(new Date(t.due_at).getTime() - vigil.clock.now().getTime()).toBe(24 * 3_600_000);
    // Saving again (or another reviewer) does not send it twice.
    const again = await api.call('scrutiny-panel-member', 'PUT', `/api/v1/panel/samples/${sampleId}/cases/${other}/review`, { ...fullReview(), victimAtRiskNow: true, riskConcern: 'Still worried.', version: 1 });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.referral).toBeNull();
    expect(await vigil.deps.db.selectFrom('tasks').select('id').where('case_id', '=', otherCaseId).where('type', '=', 'oversight-victim-at-risk').execute()).toHaveLength(2);
    // The panel's own page of the case never shows those tasks or who they went to.
    const casePage = await panel.get(`/panel/samples/${sampleId}/cases/${other}`);
    expect(casePage.body).not.toContain('Scrutiny panel: the victim may be at risk now');
    // A stale version is refused.
    const stale = await api.call('scrutiny-panel-member', 'PUT', `/api/v1/panel/samples/${sampleId}/cases/${other}/review`, { ...fullReview(), version: 1 });
    expect(stale.status).toBe(409);
  });

  it('builds the report with aggregates and per-case summaries, and the force responds to each observation', async () => {
    const report = await api.call('force-lead', 'GET', `/api/v1/oversight/samples/${sampleId}/report`);
    expect(report.status).toBe(200);
    expect(report.body.reviewCount).toBe(2);
    const initial = report.body.summary.questions.find((q: { questionId: string }) => q.questionId === 'initial-response');
    expect(initial.counts).toEqual({ met: 0, partly_met: 0, not_met: 2, not_applicable: 0 });
    expect(report.body.summary.victimAtRiskCount).toBe(1);
    expect(report.body.observations).toHaveLength(1);
    expect(report.body.observations[0].text).toBe('In one case ([name]) the victim chased for updates.');
    const observation = report.body.observations[0];

    const lead = await signInAs(vigil.app, 'force-lead');
    const blank = await lead.post(`/oversight/samples/${sampleId}/observations/${observation.id}/response`, { response: '', version: String(observation.version) });
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain(`href="#response-${observation.id}"`);
    const responded = await lead.post(`/oversight/samples/${sampleId}/observations/${observation.id}/response`, { response: 'Victim updates are now tracked weekly by the SCU.', version: String(observation.version) });
    expect(responded.statusCode).toBe(303);
    const exported = await panel.get(`/panel/samples/${sampleId}/report?print=yes`);
    expect(exported.body).toContain('Victim updates are now tracked weekly by the SCU.');
    expect(exported.body).toContain('/assets/oversight-report.css');
    expect(exported.body).not.toContain('<textarea');
    expect((exported.body.match(/<h1/g) ?? []).length).toBe(1);
    expect(leaks(exported.body)).toEqual([]);
    const css = await vigil.app.inject({ method: 'GET', url: '/assets/oversight-report.css' });
    expect(css.body).toContain('@media print');
    const audit = await vigil.deps.db.selectFrom('audit_log').select(['action', 'record_type']).where('record_type', '=', 'oversight-report').where('action', '=', 'export').execute();
    expect(audit.length).toBeGreaterThan(0);
    // The panel cannot answer for the force.
    expect((await panel.post(`/oversight/samples/${sampleId}/observations/${observation.id}/response`, { response: 'x', version: '2' })).statusCode).toBe(403);
  });

  it('keeps the recommendations register: evidence, reality testing, and the overdue list', async () => {
    const created = await api.call('force-lead', 'POST', '/api/v1/oversight/recommendations', {
      source: { kind: 'scrutiny_panel', title: 'Panel, winter 2026', reference: 'Observation 1' },
      text: 'Track victim updates weekly.',
      owner: 'Head of the SCU',
      due: '2026-11-01',
      sampleId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const later = await api.call('force-lead', 'POST', '/api/v1/oversight/recommendations', { source: { kind: 'inspection', title: 'Living in fear' }, text: 'Use the stalking protocol.', owner: 'Head of Crime', due: '2027-06-30' });
    expect(later.status).toBe(201);
    const register = await api.call('auditor', 'GET', '/api/v1/oversight/recommendations');
    expect(register.body.overdue).toEqual([id]);

    const noEvidence = await api.call('force-lead', 'POST', `/api/v1/oversight/recommendations/${id}/transitions`, { to: 'implemented', version: 1 });
    expect(noEvidence.status).toBe(422);
    expect(noEvidence.body.errors[0]).toMatchObject({ field: 'evidence', message: 'Add evidence that the recommendation has been implemented.' });
    const action = await api.call('force-lead', 'POST', `/api/v1/oversight/recommendations/${id}/actions`, { kind: 'action', text: 'Weekly update list set up.', version: 1 });
    expect(action.status).toBe(200);
    const implemented = await api.call('force-lead', 'POST', `/api/v1/oversight/recommendations/${id}/transitions`, { to: 'implemented', evidence: 'SCU weekly list, first four weeks', version: 2 });
    expect(implemented.status, JSON.stringify(implemented.body)).toBe(200);
    expect(implemented.body.status).toBe('implemented');
    expect(implemented.body.overdue).toBe(false);

    const lead = await signInAs(vigil.app, 'force-lead');
    const withoutNote = await lead.post(`/oversight/recommendations/${id}/status`, { to: 'reality_tested', version: '3' });
    expect(withoutNote.statusCode).toBe(422);
    expect(withoutNote.body).toContain('href="#note"');
    const tested = await lead.post(`/oversight/recommendations/${id}/status`, { to: 'reality_tested', note: 'Checked ten cases: all victims updated weekly.', version: '3' });
    expect(tested.statusCode).toBe(303);
    const page = await lead.get(`/oversight/recommendations/${id}`);
    expect(page.body).toContain('Checked ten cases: all victims updated weekly.');
    expect(page.body).toContain('Weekly update list set up.');
    expect(page.body).toContain('SCU weekly list, first four weeks');
    const stale = await lead.post(`/oversight/recommendations/${id}/status`, { to: 'closed', version: '3' });
    expect(stale.statusCode).toBe(409);
    const list = await lead.get('/oversight/recommendations');
    expect(list.body).toContain('Overdue (0)');
  });
});
