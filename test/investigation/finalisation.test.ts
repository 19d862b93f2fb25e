import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../support/app.ts';
import { apiClient, COMPLETE_16, fields, newCase, STALKING_AUGUST_2025, STRANGER_P4, THOROUGH, TRIAGE, type Api } from './support.ts';

let vigil: TestVigil;
let api: Api;

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
  vigil.clock.set('2025-09-01T09:00:00Z');
});
afterAll(async () => vigil.close());

let n = 0;
/** A fresh stalking case by an ex-partner (DA team by the policy), with a different victim each time. */
async function stalkingCase(overrides: Record<string, unknown> = {}) {
  n += 1;
  return newCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: `Victim${n}`, surname: 'Oakenshaw' }, suspect: { forenames: `Suspect${n}`, surname: 'Larkspur' }, ...overrides }));
}

async function allocateTo(caseId: string, team: string, extra: Record<string, unknown> = {}) {
  const r = await api.call('detective-sergeant', 'POST', `/api/v1/cases/${caseId}/allocation`, { triage: TRIAGE, rationale: 'Allocated as the policy says.', investigatingTeam: team, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

const finalise = (caseId: string, body: Record<string, unknown>, user = 'investigator') => api.call(user, 'POST', `/api/v1/cases/${caseId}/finalisation`, body);

async function caseRow(caseId: string) {
  return vigil.deps.db.selectFrom('cases').select(['status', 'finalised_at', 'version']).where('id', '=', caseId).executeTakeFirstOrThrow();
}

async function nothingSaved(caseId: string) {
  expect((await caseRow(caseId)).status).toBe('open');
  expect(await vigil.deps.db.selectFrom('investigation_finalisations').select('id').where('case_id', '=', caseId).execute()).toHaveLength(0);
  expect(await vigil.deps.db.selectFrom('victim_case_outcomes').select('case_id').where('case_id', '=', caseId).execute()).toHaveLength(0);
}

describe('P5: bad finalisation of a stalking crime', () => {
  it('P5: words of advice, then NFA with no rationale, then outcome 16 without the victim’s reasons or support are each refused saying what is missing; nothing is saved half-way', async () => {
    const { caseId } = await stalkingCase();
    await allocateTo(caseId, 'da-team');

    const advice = await finalise(caseId, { outcome: 'words-of-advice' });
    expect(advice.status).toBe(422);
    expect(fields(advice.body)).toEqual(['outcome']);
    expect(advice.body.errors[0].message).toMatch(/never an outcome for a stalking crime/);
    await nothingSaved(caseId);

    const nfa = await finalise(caseId, { outcome: 21, investigationDone: false });
    expect(nfa.status).toBe(422);
    expect(fields(nfa.body)).toEqual(['rationale']);
    expect(nfa.body.errors[0].message).toMatch(/Record the rationale for taking no further action/);
    await nothingSaved(caseId);

    const o16 = await finalise(caseId, { outcome: 16, rationale: THOROUGH, outcome16: { ...COMPLETE_16, victimReasons: '', specialistSupportOffered: false } });
    expect(o16.status).toBe(422);
    expect(fields(o16.body)).toEqual(['outcome16.victimReasons', 'outcome16.specialistSupportOffered']);
    await nothingSaved(caseId);

    const ok = await finalise(caseId, { outcome: 16, rationale: THOROUGH, outcome16: COMPLETE_16 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const row = await caseRow(caseId);
    expect(row.status).toBe('finalised');
    expect(row.finalised_at).toEqual(vigil.clock.now());
  });
});

describe('finalisation rules (DOMAIN.md §8): a refusal and an acceptance for each', () => {
  it('words of advice: refused for stalking; a Home Office outcome is accepted', async () => {
    const { caseId } = await stalkingCase();
    await allocateTo(caseId, 'da-team');
    expect((await finalise(caseId, { outcome: 'words-of-advice' })).status).toBe(422);
    expect((await finalise(caseId, { outcome: 1 })).status).toBe(201);
  });

  it('NFA: refused without a rationale, and a short one is refused without further investigation; accepted with a thorough rationale', async () => {
    const { caseId } = await stalkingCase();
    await allocateTo(caseId, 'da-team');
    const short = await finalise(caseId, { outcome: 10, investigationDone: false, rationale: 'Victim moved away.' });
    expect(short.status).toBe(422);
    expect(short.body.errors[0]).toMatchObject({ field: 'rationale' });
    expect(short.body.errors[0].message).toContain('at least 100 characters');
    const bare = await finalise(caseId, { outcome: 'nfa', rationale: THOROUGH });
    expect(bare.status).toBe(422);
    expect(fields(bare.body)).toEqual(['outcome']);
    const ok = await finalise(caseId, { outcome: 10, investigationDone: false, rationale: THOROUGH });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('outcome 16: refused without each of its five items (all named at once); accepted with them, booking the follow-up contact', async () => {
    const { caseId } = await stalkingCase();
    await allocateTo(caseId, 'da-team');
    const none = await finalise(caseId, { outcome: 16, rationale: THOROUGH });
    expect(none.status).toBe(422);
    expect(fields(none.body)).toEqual([
      'outcome16.victimReasons',
      'outcome16.statementOfReasons',
      'outcome16.specialistSupportOffered',
      'outcome16.evidenceLedConsidered',
      'outcome16.followUpContactDate',
    ]);
    const ok = await finalise(caseId, { outcome: 16, rationale: THOROUGH, outcome16: COMPLETE_16 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const followUp = await vigil.deps.db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).where('type', '=', 'victim-follow-up-contact').execute();
    expect(followUp).toHaveLength(1);
    expect(followUp[0]!.due_at.toISOString()).toBe('2025-10-01T22:59:59.999Z');
  });

  it('outcome 18: refused when a suspect is identified; accepted when no suspect is known', async () => {
    const named = await stalkingCase();
    await allocateTo(named.caseId, 'da-team');
    const refused = await finalise(named.caseId, { outcome: 18, rationale: THOROUGH, investigationDone: true });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'outcome' });
    expect(refused.body.errors[0].message).toContain('a suspect has been named');

    n += 1;
    const unknown = await newCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: `Unknown${n}`, surname: 'Whitlow' }, suspectKnown: 'no', suspect: undefined }));
    const row = await vigil.deps.db.selectFrom('cases').select('suspect_person_id').where('id', '=', unknown.caseId).executeTakeFirstOrThrow();
    expect(row.suspect_person_id).toBeNull();
    const ok = await finalise(unknown.caseId, { outcome: 18, rationale: THOROUGH, investigationDone: true }, 'detective-sergeant');
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('sign-off: stalking not investigated by a specialist unit is refused for an investigator and accepted from a detective sergeant', async () => {
    const { caseId } = await newCase(vigil, api, STRANGER_P4({ victim: { forenames: 'Signoff', surname: 'Ravensworth' } }));
    await allocateTo(caseId, 'non-specialist');
    const refused = await finalise(caseId, { outcome: 1 }, 'investigator');
    expect(refused.status).toBe(422);
    expect(fields(refused.body)).toEqual(['finaliser']);
    expect(refused.body.errors[0].message).toContain('must be finalised by a detective sergeant');
    await nothingSaved(caseId);
    expect((await finalise(caseId, { outcome: 1 }, 'detective-sergeant')).status).toBe(201);
  });

  it('tells the victim and the support services: a "tell the victim" task per victim (Victims’ Code) and an update for support services', async () => {
    const { caseId } = await stalkingCase();
    await allocateTo(caseId, 'da-team');
    const ok = await finalise(caseId, { outcome: 1, victimUsesSupportServices: true });
    expect(ok.status).toBe(201);
    const tasks = await vigil.deps.db.selectFrom('tasks').select(['id', 'type', 'title']).where('id', 'in', ok.body.taskIds).execute();
    expect(tasks.map((t) => t.type).sort()).toEqual(['tell-victim', 'update-support-services']);
    const outcome = await vigil.deps.db.selectFrom('victim_case_outcomes').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(outcome.outcome_code).toBe(1);
    const log = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/investigation`);
    expect(log.body.log[0]).toMatchObject({ entryType: 'finalisation' });
    const audit = await vigil.deps.db.selectFrom('audit_log').select(['action', 'details']).where('record_type', '=', 'case').where('record_id', '=', caseId).execute();
    expect(audit.some((a) => a.action === 'update' && (a.details as Record<string, unknown>).finalised === true)).toBe(true);
  });

  it('refuses finalising twice, and a stale version', async () => {
    const { caseId, version } = await stalkingCase();
    await allocateTo(caseId, 'da-team');
    const stale = await finalise(caseId, { outcome: 1, version });
    expect(stale.status).toBe(409);
    expect((await finalise(caseId, { outcome: 1 })).status).toBe(201);
    expect((await finalise(caseId, { outcome: 1 })).status).toBe(409);
  });

  it('reopening: refused without a reason; accepted with one, withdrawing the outcome and keeping the finalisation on record', async () => {
    const { caseId } = await stalkingCase();
    await allocateTo(caseId, 'da-team');
    expect((await finalise(caseId, { outcome: 1 })).status).toBe(201);
    const noReason = await api.call('detective-sergeant', 'POST', `/api/v1/cases/${caseId}/finalisation/reopen`, { reason: '' });
    expect(noReason.status).toBe(422);
    expect(fields(noReason.body)).toEqual(['reason']);
    expect((await caseRow(caseId)).status).toBe('finalised');
    const ok = await api.call('detective-sergeant', 'POST', `/api/v1/cases/${caseId}/finalisation/reopen`, { reason: 'New evidence: CCTV from the bus station.' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await caseRow(caseId)).status).toBe('open');
    const read = await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/investigation`);
    expect(read.body.finalisations).toHaveLength(1);
    expect(read.body.finalisations[0]).toMatchObject({ outcomeCode: 1, reopenReason: 'New evidence: CCTV from the bus station.' });
    expect(await vigil.deps.db.selectFrom('victim_case_outcomes').select('case_id').where('case_id', '=', caseId).execute()).toHaveLength(0);
    expect((await api.call('detective-sergeant', 'POST', `/api/v1/cases/${caseId}/finalisation/reopen`, { reason: 'Reopen again please.' })).status).toBe(409);
  });

  it('only those who may finalise can', async () => {
    const { caseId } = await stalkingCase();
    expect((await finalise(caseId, { outcome: 1 }, 'stalking-champion')).status).toBe(403);
    expect((await finalise(caseId, { outcome: 1 }, 'call-handler')).status).toBe(403);
  });
});

describe('P12: the victim re-engages after a case finalised with outcome 16', () => {
  it('P12: flags the outcome recorded by finalisation as inconsistent and asks a supervisor to reopen or justify; reopening closes that task', async () => {
    const { caseId, victimId } = await stalkingCase();
    await allocateTo(caseId, 'da-team');
    const done = await finalise(caseId, { outcome: 16, rationale: THOROUGH, outcome16: COMPLETE_16 });
    expect(done.status).toBe(201);
    vigil.clock.advance(60_000);
    const contact = await api.call('stalking-champion', 'POST', `/api/v1/cases/${caseId}/victims/contacts`, {
      personId: victimId,
      at: vigil.clock.now().toISOString(),
      initiatedBy: 'victim',
      method: 'phone',
      discussed: 'She called to say she now wants him prosecuted.',
      victimWish: 'supports-prosecution',
    });
    expect(contact.status, JSON.stringify(contact.body)).toBe(201);
    expect(contact.body.inconsistency?.reason).toContain('outcome 16');
    const task = await vigil.deps.db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).where('type', '=', 'reopen-or-justify').executeTakeFirstOrThrow();
    expect(task.status).toBe('open');

    const reopened = await api.call('detective-sergeant', 'POST', `/api/v1/cases/${caseId}/finalisation/reopen`, { reason: 'The victim now supports a prosecution.' });
    expect(reopened.status).toBe(200);
    const after = await vigil.deps.db.selectFrom('tasks').select(['status', 'outcome']).where('id', '=', task.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'done', outcome: 'Reopened: The victim now supports a prosecution.' });
  });
});
