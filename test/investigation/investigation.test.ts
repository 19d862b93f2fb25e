import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { NEIGHBOUR_HARASSMENT } from '../victims/support.ts';
import { apiClient, fields, newCase, put, STALKING_AUGUST_2025, type Api } from './support.ts';

let vigil: TestVigil;
let api: Api;

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
  vigil.clock.set('2025-09-01T09:00:00Z');
});
afterAll(async () => vigil.close());

let n = 0;
async function stalkingCase() {
  n += 1;
  return newCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: `Plan${n}`, surname: 'Greenhalgh' }, suspect: { forenames: `Plot${n}`, surname: 'Merriweather' } }));
}
const read = async (caseId: string) => (await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/investigation`)).body;

describe('investigation plan', () => {
  it('adds lines of enquiry from the facts as tasks with owner, due date and state, without repeating them', async () => {
    const { caseId } = await stalkingCase();
    const created = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/investigation/plan`, {});
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const codes = created.body.created.map((c: { code: string }) => c.code);
    // Texts and waiting outside her workplace, by a named ex-partner: stalking.
    expect(codes).toEqual(['digital-evidence', 'cctv', 'pnd-check', 'victim-personal-statement', 'special-measures', 'disclosure-dvds', 'intelligence-submission', 's2b-warrant']);
    const cctv = created.body.created.find((c: { code: string }) => c.code === 'cctv');
    expect(cctv.dueAt).toBe('2025-09-02T09:00:00.000Z');
    const again = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/investigation/plan`, { facts: { witnesses: true, suspectIdentified: true } });
    expect(again.body.created.map((c: { code: string }) => c.code)).toEqual(['witness-statements']);

    const plan = (await read(caseId)).plan;
    expect(plan).toHaveLength(9);
    expect(plan[0]).toMatchObject({ status: 'open', ownerName: expect.any(String) });
    const line = plan.find((p: { code: string }) => p.code === 'pnd-check');
    const noNote = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/investigation/enquiries/${line.taskId}`, { state: 'done', note: '', version: line.version });
    expect(noNote.status).toBe(422);
    expect(fields(noNote.body)).toEqual(['note']);
    const closed = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/investigation/enquiries/${line.taskId}`, { state: 'done', note: 'Two earlier reports in another force.', version: line.version });
    expect(closed.status).toBe(200);
    const stale = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/investigation/enquiries/${line.taskId}`, { state: 'done', note: 'Again.', version: line.version });
    expect(stale.status).toBe(409);
    expect((await read(caseId)).plan.find((p: { code: string }) => p.code === 'pnd-check')).toMatchObject({ status: 'done', outcome: 'Done: Two earlier reports in another force.' });
  });
});

describe('s2B search warrant decision', () => {
  it('records the steps in order, refuses steps out of order or without their reason, and closes the s2B line of enquiry', async () => {
    const { caseId } = await stalkingCase();
    await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/investigation/plan`, {});
    const s2b = (body: Record<string, unknown>) => api.call('investigator', 'POST', `/api/v1/cases/${caseId}/investigation/s2b`, body);
    const early = await s2b({ state: 'granted', on: '2025-08-30' });
    expect(early.status).toBe(422);
    expect(early.body.errors[0].message).toContain('Next it can be: considered');
    expect((await s2b({ state: 'considered', on: '2025-08-30' })).status).toBe(201);
    const noReason = await s2b({ state: 'not-used', on: '2025-08-31' });
    expect(fields(noReason.body)).toEqual(['text']);
    expect((await s2b({ state: 'not-used', on: '2025-08-31', text: 'Evidence is all on her phone; nothing to search for at his address.' })).status).toBe(201);
    const view = await read(caseId);
    expect(view.s2b.state).toBe('not-used');
    expect(view.s2b.events.map((e: { state: string }) => e.state)).toEqual(['considered', 'not-used']);
    expect(view.plan.find((p: { code: string }) => p.code === 's2b-warrant').status).toBe('done');
  });

  it('refuses applying for a warrant for harassment', async () => {
    const { caseId } = await newCase(vigil, api, NEIGHBOUR_HARASSMENT());
    await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/investigation/s2b`, { state: 'considered', on: '2025-08-30' });
    const applied = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/investigation/s2b`, { state: 'applied', on: '2025-08-31', text: 'Grounds.' });
    expect(applied.status).toBe(422);
    expect(applied.body.errors[0].message).toContain('only be sought for stalking');
  });
});

describe('suspect actions', () => {
  it('refuses words of advice and mediation for stalking, with the explanation', async () => {
    const { caseId } = await stalkingCase();
    for (const action of ['words-of-advice', 'mediation']) {
      const refused = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/suspect-actions`, { action, occurredAt: '2025-09-01T08:00:00Z' });
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0]).toMatchObject({ field: 'action' });
      expect(refused.body.errors[0].message).toContain('never used in stalking cases');
    }
    expect((await read(caseId)).suspectActions).toHaveLength(0);
  });

  it('voluntary attendance needs a rationale; bail needs the victim consulted; accepted ones reach the timeline and the victim’s tasks', async () => {
    const { caseId } = await stalkingCase();
    const action = (body: Record<string, unknown>) => api.call('investigator', 'POST', `/api/v1/cases/${caseId}/suspect-actions`, { occurredAt: '2025-09-01T08:00:00Z', ...body });
    const va = await action({ action: 'voluntary-attendance' });
    expect(fields(va.body)).toEqual(['rationale']);
    expect(va.body.errors[0].message).toContain('Arrest is the preferred option');
    const bail = await action({ action: 'bail', conditions: ['No contact with the victim'] });
    expect(fields(bail.body)).toEqual(['victimConsultationNote']);

    const arrest = await action({ action: 'arrest', occurredAt: '2025-09-01T07:00:00Z' });
    expect(arrest.status, JSON.stringify(arrest.body)).toBe(201);
    expect(arrest.body.victimTaskIds).toHaveLength(1);
    const bailed = await action({ action: 'bail', conditions: ['No contact with the victim', 'Not to enter Northtown'], bailUntil: '2025-09-29', victimConsulted: true, victimConsultationNote: 'She asked for him to stay away from her workplace.' });
    expect(bailed.status, JSON.stringify(bailed.body)).toBe(201);
    expect(bailed.body.warnings).toEqual([]);

    const police = await vigil.deps.db.selectFrom('police_actions').select(['kind', 'conditions']).where('case_id', '=', caseId).orderBy('created_at').execute();
    expect(police).toEqual([
      { kind: 'arrest', conditions: null },
      { kind: 'bail', conditions: 'No contact with the victim; Not to enter Northtown' },
    ]);
    const timeline = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/timeline`);
    expect(timeline.status).toBe(200);
    expect(JSON.stringify(timeline.body)).toContain('Bail with conditions');
    const view = await read(caseId);
    expect(view.suspectActions.map((a: { action: string }) => a.action)).toEqual(['bail', 'arrest']);
  });

  it('records a harassment warning given in the past as history only, and allows mediation for harassment that is not stalking', async () => {
    const { caseId } = await newCase(vigil, api, NEIGHBOUR_HARASSMENT({ victim: { forenames: 'Neville', surname: 'Oakhampton' } }));
    const historic = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/suspect-actions`, { action: 'harassment-warning', historic: true, warningKind: 'HN1', occurredAt: '2019-05-01T10:00:00Z', rationale: 'Given by the neighbourhood team.' });
    expect(historic.status, JSON.stringify(historic.body)).toBe(201);
    // It joins the suspect's warning notices, so their history panel shows it.
    const { suspect_person_id: suspectId } = await vigil.deps.db.selectFrom('cases').select('suspect_person_id').where('id', '=', caseId).executeTakeFirstOrThrow();
    const history = await api.call('investigator', 'GET', `/api/v1/people/${suspectId}/history`);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toMatch(/"kind":"HN1","issuedOn":"2019-05-01"/);
    const mediation = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/suspect-actions`, { action: 'mediation', occurredAt: '2025-09-01T08:00:00Z' });
    expect(mediation.status).toBe(201);
    const view = await read(caseId);
    expect(view.suspectActions.find((a: { action: string }) => a.action === 'harassment-warning')).toMatchObject({ historic: true });
  });
});

describe('investigation log and supervision', () => {
  it('records SPOC advice as its own type by a stalking champion, refuses it from others, and counts supervisor reviews for supervision', async () => {
    const { caseId } = await stalkingCase();
    const log = (user: string, body: Record<string, unknown>) => api.call(user, 'POST', `/api/v1/cases/${caseId}/investigation/log`, body);
    expect((await log('stalking-champion', { entryType: 'spoc-advice', text: 'Consider a stalking protection order; arrest rather than a voluntary interview.' })).status).toBe(201);
    const notSpoc = await log('investigator', { entryType: 'spoc-advice', text: 'My own advice.' });
    expect(notSpoc.status).toBe(422);
    expect(fields(notSpoc.body)).toEqual(['entryType']);
    const notSergeant = await log('investigator', { entryType: 'supervisor-review', text: 'Reviewing myself.' });
    expect(fields(notSergeant.body)).toEqual(['entryType']);
    expect((await log('call-handler', { entryType: 'note', text: 'A note.' })).status).toBe(403);

    const before = await read(caseId);
    expect(before.supervision).toMatchObject({ intervalDays: 28, overdue: false, lastReviewAt: null });
    vigil.clock.set('2025-10-15T09:00:00Z');
    const overdue = await api.call('detective-sergeant', 'GET', '/api/v1/investigation/reviews/overdue');
    expect(overdue.status).toBe(200);
    expect(overdue.body.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
    expect((await log('detective-sergeant', { entryType: 'supervisor-review', text: 'Plan is sound; keep the arrest strategy.', riskGradeEndorsed: true, planEndorsed: true })).status).toBe(201);
    const after = await read(caseId);
    expect(after.supervision).toMatchObject({ overdue: false, dueOn: '2025-11-12' });
    expect(after.log.map((l: { entryType: string }) => l.entryType)).toEqual(['supervisor-review', 'spoc-advice']);
    expect(after.log[0].details).toMatchObject({ riskGradeEndorsed: true, planEndorsed: true });
    const list = await api.call('detective-sergeant', 'GET', '/api/v1/investigation/reviews/overdue');
    expect(list.body.cases.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);
    vigil.clock.set('2025-09-01T09:00:00Z');
  });
});

describe('prosecution file', () => {
  it('lists what is missing and saves the checklist with a version', async () => {
    const { caseId } = await stalkingCase();
    expect((await read(caseId)).prosecutionFileGaps.map((g: { field: string }) => g.field)).toEqual([
      'dash',
      'screening-tool',
      'victim-personal-statement',
      'restraining-order-wishes',
      'special-measures',
      'course-of-conduct',
      'bail-remand',
    ]);
    const saved = await put(vigil, 'investigator', `/api/v1/cases/${caseId}/prosecution-file`, { dashAttached: true, screeningToolAttached: true, victimPersonalStatement: 'taken', restrainingOrderWanted: true });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.gaps.map((g: { field: string }) => g.field)).toEqual(['restraining-order-terms', 'special-measures', 'course-of-conduct', 'bail-remand']);
    const stale = await put(vigil, 'investigator', `/api/v1/cases/${caseId}/prosecution-file`, { dashAttached: true, version: 7 });
    expect(stale.status).toBe(409);
    const page = await (await signInAs(vigil.app, 'investigator')).get(`/cases/${caseId}/prosecution-file`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The victim wants a restraining order: record the terms they need');
  });
});

describe('pages', () => {
  it('the case page links to the investigation; the investigation, finalisation and prosecution file pages render for readers', async () => {
    const { caseId } = await stalkingCase();
    const auditor = await signInAs(vigil.app, 'auditor');
    const casePage = await auditor.get(`/cases/${caseId}`);
    expect(casePage.body).toContain(`href="/cases/${caseId}/investigation"`);
    for (const url of ['investigation', 'allocation', 'finalisation', 'prosecution-file']) {
      const page = await auditor.get(`/cases/${caseId}/${url}`);
      expect(page.statusCode, url).toBe(200);
      expect(page.body).not.toContain('<form method="post" action="/cases/' + caseId + '/finalisation"');
    }
    const views = await vigil.deps.db.selectFrom('audit_log').select('action').where('record_type', '=', 'case-investigation').where('record_id', '=', caseId).where('actor_username', '=', 'auditor').execute();
    expect(views).toHaveLength(4);
  });

  it('the finalisation page refuses words of advice with the error summary and the message by the outcome field', async () => {
    const { caseId, version } = await stalkingCase();
    const investigator = await signInAs(vigil.app, 'investigator');
    const refused = await investigator.post(`/cases/${caseId}/finalisation`, { version: String(version), outcome: 'words-of-advice' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#outcome"');
    expect(refused.body).toMatch(/id="outcome-error"[\s\S]*never an outcome for a stalking crime/);
    expect(refused.body).toContain('<option value="words-of-advice" selected>');
  });
});
