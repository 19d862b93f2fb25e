import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { COMPLETE_16, THOROUGH } from '../investigation/support.ts';
import { apiClient, auditRows, reportCase, STALKING_AUGUST_2025, type Api } from './support.ts';

let vigil: TestVigil;
let api: Api;
let n = 0;

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
  vigil.clock.set('2025-09-01T09:00:00Z');
});
afterAll(async () => vigil.close());

async function newCase() {
  n += 1;
  return reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: `Withdrew${n}`, surname: 'Marchwood' } }));
}

const COMPLETE = {
  withdrawnOn: '2025-08-28',
  reasons: 'She is frightened of what his family will do if she goes to court.',
  statementTaken: true,
  statementTakenOn: '2025-08-29',
  supportDetailsGiven: true,
  supportDetails: 'Paladin and the National Stalking Helpline, with their numbers.',
  followUpOn: '2025-09-15',
  evidenceLedConsidered: true,
  evidenceLedDecision: 'not-proceed',
  evidenceLedRationale: 'No independent evidence: no witnesses, no footage and the phone data was not retained.',
};

async function finalise(caseId: string, body: Record<string, unknown>) {
  const read = await api.call('detective-sergeant', 'GET', `/api/v1/cases/${caseId}`);
  return api.call('detective-sergeant', 'POST', `/api/v1/cases/${caseId}/finalisation`, { rationale: THOROUGH, investigationDone: true, version: read.body.version, ...body });
}

const fieldsOf = (body: Record<string, unknown>) => (body.errors as Array<{ field: string }>).map((e) => e.field);

describe('withdrawal of support (issue 9 item 5)', () => {
  it('refuses an incomplete record, listing every problem by field', async () => {
    const { caseId, victimId } = await newCase();
    const refused = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/withdrawal`, {
      personId: victimId,
      withdrawnOn: '2025-09-02',
      statementTakenOn: '2025-08-29',
      supportDetailsGiven: true,
      evidenceLedConsidered: true,
    });
    expect(refused.status).toBe(422);
    expect(fieldsOf(refused.body).sort()).toEqual(['evidenceLedDecision', 'evidenceLedRationale', 'reasons', 'statementTaken', 'supportDetails', 'withdrawnOn'].sort());
    expect(await vigil.deps.db.selectFrom('victim_withdrawals').select('id').where('case_id', '=', caseId).execute()).toHaveLength(0);
  });

  it('records reasons, statement, support, follow-up (a task, moved when the date changes) and the evidence-led decision, with versions and audit', async () => {
    const { caseId, victimId } = await newCase();
    const saved = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/withdrawal`, { personId: victimId, version: 0, ...COMPLETE });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(1);
    const task = await vigil.deps.db.selectFrom('tasks').selectAll().where('id', '=', saved.body.followUpTaskId).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ type: 'victim-follow-up-contact', status: 'open', case_id: caseId });
    expect(task.due_at.toISOString()).toBe('2025-09-15T22:59:59.999Z');

    const read = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/victims`);
    expect(read.body.victims[0].withdrawal).toMatchObject({ ...COMPLETE, followUpTaskId: saved.body.followUpTaskId, version: 1 });

    const stale = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/withdrawal`, { personId: victimId, version: 0, ...COMPLETE });
    expect(stale.status).toBe(409);

    const moved = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/withdrawal`, { personId: victimId, version: 1, ...COMPLETE, followUpOn: '2025-09-22' });
    expect(moved.status).toBe(200);
    expect(moved.body.followUpTaskId).not.toBe(saved.body.followUpTaskId);
    const tasks = await vigil.deps.db.selectFrom('tasks').select(['id', 'status', 'due_at']).where('case_id', '=', caseId).where('type', '=', 'victim-follow-up-contact').orderBy('created_at').execute();
    expect(tasks.map((t) => t.status)).toEqual(['cancelled', 'open']);
    expect(tasks[1]!.due_at.toISOString()).toBe('2025-09-22T22:59:59.999Z');

    const audits = await auditRows(vigil, 'victim-withdrawal', saved.body.withdrawalId);
    expect(audits.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('is what finalisation reads for outcome 16: refused while the evidence-led prosecution is not considered here, accepted once it is, with one record and one follow-up task', async () => {
    const { caseId, victimId } = await newCase();
    const { evidenceLedConsidered: _c, evidenceLedDecision: _d, evidenceLedRationale: _r, ...partial } = COMPLETE;
    const first = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/withdrawal`, { personId: victimId, version: 0, ...partial });
    expect(first.status).toBe(200);

    const refused = await finalise(caseId, { outcome: 16 });
    expect(refused.status).toBe(422);
    expect(fieldsOf(refused.body)).toEqual(['outcome16.evidenceLedConsidered']);

    // The finalisation page shows what victim care recorded.
    const sergeant = await signInAs(vigil.app, 'detective-sergeant');
    const page = await sergeant.get(`/cases/${caseId}/finalisation`);
    expect(page.body).toContain('She is frightened of what his family will do');
    expect(page.body).toContain(`/cases/${caseId}/victims/${victimId}/withdrawal`);

    const considered = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/withdrawal`, { personId: victimId, version: 1, ...COMPLETE });
    expect(considered.status).toBe(200);
    const done = await finalise(caseId, { outcome: 16 });
    expect(done.status, JSON.stringify(done.body)).toBe(201);

    const withdrawals = await vigil.deps.db.selectFrom('victim_withdrawals').selectAll().where('case_id', '=', caseId).execute();
    expect(withdrawals).toHaveLength(1);
    expect(withdrawals[0]!.version).toBe(2);
    const finalisation = await vigil.deps.db.selectFrom('investigation_finalisations').select(['outcome16', 'task_ids']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(finalisation.outcome16).toEqual({ withdrawalId: withdrawals[0]!.id, personId: victimId });
    const followUps = await vigil.deps.db.selectFrom('tasks').select(['id', 'status']).where('case_id', '=', caseId).where('type', '=', 'victim-follow-up-contact').where('status', '=', 'open').execute();
    expect(followUps).toHaveLength(1);
    expect(finalisation.task_ids).toContain(followUps[0]!.id);
  });

  it('keeps what finalisation is given in the same record, shown in victim care', async () => {
    const { caseId } = await newCase();
    const done = await finalise(caseId, { outcome: 16, outcome16: COMPLETE_16 });
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    const read = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/victims`);
    expect(read.body.victims[0].withdrawal).toMatchObject({
      reasons: COMPLETE_16.victimReasons,
      statementTaken: true,
      supportDetailsGiven: true,
      evidenceLedConsidered: true,
      followUpOn: COMPLETE_16.followUpContactDate,
      version: 1,
    });
    expect((await auditRows(vigil, 'victim-withdrawal')).some((a) => a.action === 'create' && (a.details as Record<string, unknown>).from === 'finalisation')).toBe(true);
  });

  it('works as a page without JavaScript: errors by each field, then saved and shown on victim care', async () => {
    const { caseId, victimId } = await newCase();
    const browser = await signInAs(vigil.app, 'stalking-champion');
    const form = await browser.get(`/cases/${caseId}/victims/${victimId}/withdrawal`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<h1 class="govuk-heading-l">Withdrawal of support for a prosecution</h1>');
    expect(form.body).not.toMatch(/<script(?![^>]*src=)/);

    const refused = await browser.post(`/cases/${caseId}/victims/${victimId}/withdrawal`, { version: '0', statementTaken: 'yes', evidenceLedConsidered: 'yes' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('href="#withdrawnOn-day"');
    expect(refused.body).toContain('href="#statementTakenOn-day"');
    expect(refused.body).toContain('Choose the decision on an evidence-led prosecution');

    const saved = await browser.post(`/cases/${caseId}/victims/${victimId}/withdrawal`, {
      version: '0',
      'withdrawnOn-day': '28',
      'withdrawnOn-month': '8',
      'withdrawnOn-year': '2025',
      reasons: 'She does not want to give evidence.',
      statementTaken: 'yes',
      'statementTakenOn-day': '29',
      'statementTakenOn-month': '8',
      'statementTakenOn-year': '2025',
      supportDetailsGiven: 'no',
      'followUpOn-day': '15',
      'followUpOn-month': '9',
      'followUpOn-year': '2025',
      evidenceLedConsidered: 'yes',
      evidenceLedDecision: 'proceed',
      evidenceLedRationale: 'Body-worn video and the 999 call show the pattern without her evidence.',
    });
    expect(saved.statusCode).toBe(303);
    const care = await browser.get(`/cases/${caseId}/victims`);
    expect(care.body).toContain('Withdrawal of support for a prosecution');
    expect(care.body).toContain('Proceed with an evidence-led prosecution');
    expect(care.body).toContain('15 September 2025');
  });
});
