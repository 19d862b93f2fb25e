import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { dash } from '../risk/support.ts';
import { apiClient, fields, newCase, STALKING_AUGUST_2025, STRANGER_P4, TRIAGE, type Api } from './support.ts';

let vigil: TestVigil;
let api: Api;

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
  vigil.clock.set('2025-09-01T09:00:00Z');
});
afterAll(async () => vigil.close());

const allocate = (caseId: string, body: Record<string, unknown>, user = 'detective-sergeant') => api.call(user, 'POST', `/api/v1/cases/${caseId}/allocation`, { triage: TRIAGE, rationale: 'Stranger stalking at her workplace.', ...body });
const read = async (caseId: string) => (await api.call('detective-sergeant', 'GET', `/api/v1/cases/${caseId}/investigation`)).body;

describe('P4: stranger stalking (allocation)', () => {
  it('P4: recommends a non-specialist investigation team reviewed by a CID sergeant, never patrol or neighbourhood officers', async () => {
    const { caseId } = await newCase(vigil, api, STRANGER_P4());
    const view = await read(caseId);
    expect(view.offence).toBe('s2A');
    expect(view.recommendation).toMatchObject({ investigatingTeam: 'non-specialist', reviewingSergeantTeam: 'cid', policyId: 'west-yorkshire' });
    expect(view.recommendation.forbiddenTeams.map((f: { team: string }) => f.team)).toEqual(expect.arrayContaining(['response', 'neighbourhood']));
    expect(view.recommendation.reasons.map((r: { code: string }) => r.code)).toEqual(['wy.review.non-da-stalking', 'wy.s2a.other', 'wy.stalking.not-patrol-or-neighbourhood']);

    for (const team of ['response', 'neighbourhood']) {
      const refused = await allocate(caseId, { investigatingTeam: team, overrideReason: 'Nobody else is free this week.' });
      expect(refused.status).toBe(422);
      expect(fields(refused.body)).toEqual(['investigatingTeam']);
      expect(refused.body.errors[0].message).toContain('wy.stalking.not-patrol-or-neighbourhood');
    }
    expect((await read(caseId)).allocations).toHaveLength(0);

    const ok = await allocate(caseId, { investigatingTeam: 'non-specialist' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.scuLiaisonTaskId).toBeNull();
  });

  it('P4: no warning notice can be issued: a harassment warning is refused with the explanation', async () => {
    const { caseId } = await newCase(vigil, api, STRANGER_P4({ victim: { forenames: 'Rosalind', surname: 'Ashcombe' } }));
    const refused = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/suspect-actions`, { action: 'harassment-warning', occurredAt: '2025-09-01T08:00:00Z' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'action' });
    expect(refused.body.errors[0].message).toContain('no longer issued');
  });
});

describe('triage and allocation', () => {
  it('needs threat, risk, harm and complexity with explanations and a rationale, naming each field', async () => {
    const { caseId } = await newCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Triage', surname: 'Hollowell' } }));
    const refused = await api.call('detective-sergeant', 'POST', `/api/v1/cases/${caseId}/allocation`, { investigatingTeam: 'da-team', triage: { threat: { level: 'high' } } });
    expect(refused.status).toBe(422);
    expect(fields(refused.body)).toEqual([
      'triage.threat.text',
      'triage.risk.level',
      'triage.risk.text',
      'triage.harm.level',
      'triage.harm.text',
      'triage.complexity.level',
      'triage.complexity.text',
      'rationale',
    ]);
  });

  it('an override of the recommendation needs a reason, and is kept with it; a team the policy forbids is refused even with one', async () => {
    const { caseId: stranger } = await newCase(vigil, api, STRANGER_P4({ victim: { forenames: 'Override', surname: 'Quenby' }, suspect: { forenames: 'Tobias', surname: 'Wrenfield' } }));
    const refused = await allocate(stranger, { investigatingTeam: 'cid' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'overrideReason' })]);
    expect(refused.body.errors[0].message).toContain('The policy recommends allocation to: Non-specialist investigation team');
    const ok = await allocate(stranger, { investigatingTeam: 'cid', overrideReason: 'Linked to a CID series investigation.' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await read(stranger)).allocations[0]).toMatchObject({ investigatingTeam: 'cid', overrideReason: 'Linked to a CID series investigation.' });

    // DA s2A by an ex-partner may only go to the DA team: CID is refused even with a reason.
    const { caseId: partner } = await newCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Override', surname: 'Penhallow' } }));
    expect((await read(partner)).recommendation.investigatingTeam).toBe('da-team');
    const forbidden = await allocate(partner, { investigatingTeam: 'cid', overrideReason: 'Linked to a CID series.' });
    expect(fields(forbidden.body)).toEqual(['investigatingTeam']);
    expect(forbidden.body.errors[0].message).toContain('wy.s2a.da');
  });

  it('closes the triage task, sets the case owner, logs the triage, and keeps the history of reassignments', async () => {
    const { caseId } = await newCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'History', surname: 'Trevellyan' } }));
    const triageTasks = () => vigil.deps.db.selectFrom('tasks').select(['status']).where('case_id', '=', caseId).where('type', '=', 'allocation-triage').execute();
    expect((await triageTasks()).map((t) => t.status)).toEqual(['open']);
    const investigator = await vigil.deps.db.selectFrom('users').select('id').where('username', '=', 'investigator').executeTakeFirstOrThrow();
    const first = await allocate(caseId, { investigatingTeam: 'da-team', officerUserId: investigator.id });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.reassignment).toBe(false);
    expect((await triageTasks()).map((t) => t.status)).toEqual(['done']);
    const row = await vigil.deps.db.selectFrom('cases').select(['owner_team', 'owner_user_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row).toEqual({ owner_team: 'da-team', owner_user_id: investigator.id });

    const second = await allocate(caseId, { investigatingTeam: 'da-team', rationale: 'Officer on long-term leave: reallocated within the team.' });
    expect(second.body.reassignment).toBe(true);
    const view = await read(caseId);
    expect(view.allocations.map((a: { officerUserId: string | null }) => a.officerUserId)).toEqual([null, investigator.id]);
    expect(view.log.filter((l: { entryType: string }) => l.entryType === 'triage')).toHaveLength(2);
    expect(view.log[0]).toMatchObject({ entryType: 'allocation' });
    expect(view.log[0].text).toMatch(/^Reallocated/);
  });

  it('high risk creates one SCU liaison task', async () => {
    const { caseId } = await newCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'High', surname: 'Risk' } }));
    const assessed = await api.call('attending-officer', 'POST', `/api/v1/cases/${caseId}/risk/assessments`, dash(14));
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(201);
    const view = await read(caseId);
    expect(view.riskGrade).toBe('high');
    expect(view.recommendation.scuLiaisonRequired).toBe(true);
    const ok = await allocate(caseId, { investigatingTeam: 'da-team' });
    expect(ok.body.scuLiaisonTaskId).toEqual(expect.any(String));
    await allocate(caseId, { investigatingTeam: 'da-team' });
    const tasks = await vigil.deps.db.selectFrom('tasks').select(['owner_team', 'status']).where('case_id', '=', caseId).where('type', '=', 'scu-liaison').execute();
    expect(tasks).toEqual([{ owner_team: 'scu', status: 'open' }]);
  });

  it('only detective sergeants and the SCU may allocate', async () => {
    const { caseId } = await newCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Perm', surname: 'Isson' } }));
    expect((await allocate(caseId, { investigatingTeam: 'da-team' }, 'investigator')).status).toBe(403);
    expect((await allocate(caseId, { investigatingTeam: 'da-team' }, 'stalking-coordination-unit')).status).toBe(201);
  });

  it('the page shows the recommendation with its reasons, and a refusal with the error summary and the message by the field', async () => {
    const { caseId, version } = await newCase(vigil, api, STRANGER_P4({ victim: { forenames: 'Page', surname: 'Allocation' }, suspect: { forenames: 'Ivo', surname: 'Pagewright' } }));
    const sergeant = await signInAs(vigil.app, 'detective-sergeant');
    const page = await sergeant.get(`/cases/${caseId}/allocation`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Non-specialist investigation team');
    expect(page.body).toContain('Stalking is never investigated by patrol (response) or neighbourhood officers.');
    const refused = await sergeant.post(`/cases/${caseId}/allocation`, {
      version: String(version),
      investigatingTeam: 'response',
      'triage.threat.level': 'low',
      'triage.threat.text': 'No threats made.',
      rationale: 'Try response.',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('govuk-error-summary');
    expect(refused.body).toContain('href="#investigatingTeam"');
    expect(refused.body).toContain('href="#triage.risk.level"');
    expect(refused.body).toMatch(/id="investigatingTeam-error"[\s\S]*cannot be allocated this crime/);
    expect(refused.body).toContain('No threats made.');
  });
});
