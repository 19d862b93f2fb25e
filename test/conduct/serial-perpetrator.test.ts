import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, startTestVigil, type TestVigil } from '../support/app.ts';
import { baseAnswers, P1_OCCASIONS } from '../intake/fixtures.ts';

let vigil: TestVigil;
let token: string;
beforeAll(async () => {
  vigil = await startTestVigil();
  token = await apiToken(vigil.app, 'call-handler');
});
afterAll(async () => vigil.close());

async function report(victim: Record<string, unknown>, suspect: Record<string, unknown>) {
  const response = await vigil.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { authorization: `Bearer ${token}` },
    payload: baseAnswers({ relationship: 'stranger', victim, suspect, occasions: P1_OCCASIONS }),
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json() as { reportId: string; caseId: string };
  const read = await vigil.app.inject({ method: 'GET', url: `/api/v1/reports/${body.reportId}`, headers: { authorization: `Bearer ${token}` } });
  const answers = (read.json() as { answers: { victim: { personId: string }; suspect: { personId: string } } }).answers;
  return { ...body, victimId: answers.victim.personId, suspectId: answers.suspect.personId };
}

async function alerts(personId: string) {
  const rows = await vigil.deps.db.selectFrom('tasks').select(['owner_team', 'title', 'details']).where('type', '=', 'serial-perpetrator-review').execute();
  return rows.filter((r) => (r.details as { personId?: string }).personId === personId);
}

describe('serial perpetrator alert', () => {
  it('alerts the intelligence unit and the SCU when a suspect reaches a second victim, not again for the same victims, and again for a third', async () => {
    const first = await report({ forenames: 'Hester', surname: 'Quarry' }, { forenames: 'Silas', surname: 'Penhallow', dateOfBirth: '1979-01-12' });
    expect(await alerts(first.suspectId)).toHaveLength(0);

    const second = await report({ forenames: 'Imogen', surname: 'Treloar' }, { personId: first.suspectId });
    const raised = await alerts(first.suspectId);
    expect(raised.map((r) => r.owner_team).sort()).toEqual(['intelligence-unit', 'scu']);
    expect(raised.map((r) => r.title).join(' ')).toMatch(/PDP and MAPPA/);
    expect(raised[0]!.details).toMatchObject({ victims: 2 });
    expect(second.caseId).toBe(first.caseId); // P4: joined through the shared suspect

    await report({ personId: second.victimId }, { personId: first.suspectId });
    expect(await alerts(first.suspectId)).toHaveLength(2);

    await report({ forenames: 'Juno', surname: 'Carbis' }, { personId: first.suspectId });
    const again = await alerts(first.suspectId);
    expect(again).toHaveLength(4);
    expect(again.map((r) => (r.details as { victims: number }).victims).sort()).toEqual([2, 2, 3, 3]);
  });
});
