import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { apiClient, auditRows, reportCase, STALKING_AUGUST_2025, type Api } from './support.ts';

let vigil: TestVigil;
let api: Api;

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
  vigil.clock.set('2025-09-10T09:00:00Z');
});
afterAll(async () => vigil.close());

const fieldsOf = (body: Record<string, unknown>) => (body.errors as Array<{ field: string }>).map((e) => e.field).sort();

describe('victim personal statement and special measures (issue 9 item 6)', () => {
  it('refuses dates out of order or in the future and an assessment without its date or decision', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Odette', surname: 'Fairbairn' } }));
    const url = `/api/v1/cases/${caseId}/victims/court-support`;
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ vpsTakenOn: '2025-09-01' }, ['vpsOfferedOn']],
      [{ vpsOfferedOn: '2025-09-03', vpsTakenOn: '2025-09-01' }, ['vpsTakenOn']],
      [{ vpsOfferedOn: '2025-09-01', vpsUpdatedOn: '2025-09-02' }, ['vpsTakenOn']],
      [{ vpsOfferedOn: '2025-09-11' }, ['vpsOfferedOn']],
      [{ measuresConsidered: ['screens'] }, ['measuresAssessedOn']],
      [{ measuresAssessedOn: '2025-09-05' }, ['measuresDecision']],
      [{ measuresAssessedOn: '2025-09-05', measuresDecision: 'Screens.', measuresConsidered: ['a-helicopter'] }, ['measuresConsidered.0']],
    ];
    for (const [body, fields] of cases) {
      const refused = await api.call('investigator', 'POST', url, { personId: victimId, ...body });
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(fieldsOf(refused.body), JSON.stringify(body)).toEqual(fields);
    }
    expect(await vigil.deps.db.selectFrom('victim_court_support').select('id').where('case_id', '=', caseId).execute()).toHaveLength(0);
  });

  it('records offered, taken and updated dates and the assessment, with versions, audit and the API read', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Marisol', surname: 'Thornbury' } }));
    const url = `/api/v1/cases/${caseId}/victims/court-support`;
    const offered = await api.call('investigator', 'POST', url, { personId: victimId, version: 0, vpsOfferedOn: '2025-09-01' });
    expect(offered.status, JSON.stringify(offered.body)).toBe(200);
    let read = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/victims`);
    expect(read.body.victims[0].personalStatement).toEqual({ state: 'offered', offeredOn: '2025-09-01', takenOn: null, updatedOn: null });

    const full = {
      personId: victimId,
      version: 1,
      vpsOfferedOn: '2025-09-01',
      vpsTakenOn: '2025-09-03',
      vpsUpdatedOn: '2025-09-09',
      measuresAssessedOn: '2025-09-03',
      measuresNeeds: ['fear-or-distress'],
      measuresConsidered: ['screens', 'live-link'],
      measuresDecision: 'Ask for screens; she does not want the live link.',
    };
    const saved = await api.call('investigator', 'POST', url, full);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    expect((await api.call('investigator', 'POST', url, full)).status).toBe(409);
    read = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/victims`);
    expect(read.body.victims[0].personalStatement).toEqual({ state: 'updated', offeredOn: '2025-09-01', takenOn: '2025-09-03', updatedOn: '2025-09-09' });
    expect(read.body.victims[0].specialMeasures).toEqual({ assessedOn: '2025-09-03', needs: ['fear-or-distress'], considered: ['screens', 'live-link'], decision: 'Ask for screens; she does not want the live link.' });
    expect(read.body.victims[0].courtSupportVersion).toBe(2);
    expect((await auditRows(vigil, 'victim-court-support', saved.body.id)).map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('works as a page without JavaScript, with the error summary and checkboxes', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Ysolde', surname: 'Penhallow' } }));
    const browser = await signInAs(vigil.app, 'investigator');
    const form = await browser.get(`/cases/${caseId}/victims/${victimId}/court`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Personal statement and special measures</h1>');
    const refused = await browser.post(`/cases/${caseId}/victims/${victimId}/court`, { version: '0', measuresConsidered: 'screens' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#measuresAssessedOn-day"');
    expect(refused.body).toContain('Enter the date of the special measures assessment');
    const saved = await browser.post(`/cases/${caseId}/victims/${victimId}/court`, {
      version: '0',
      'vpsOfferedOn-day': '2',
      'vpsOfferedOn-month': '9',
      'vpsOfferedOn-year': '2025',
      'measuresAssessedOn-day': '4',
      'measuresAssessedOn-month': '9',
      'measuresAssessedOn-year': '2025',
      measuresNeeds: ['fear-or-distress', 'communication'],
      measuresConsidered: ['intermediary'],
      measuresDecision: 'Ask the court for an intermediary.',
    });
    expect(saved.statusCode).toBe(303);
    const care = await browser.get(`/cases/${caseId}/victims`);
    expect(care.body).toContain('2 September 2025');
    expect(care.body).toContain('An intermediary');
    expect(care.body).toContain('Difficulty communicating or understanding questions');
  });
});
