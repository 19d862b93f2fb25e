import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { apiClient, reportCase, STALKING_AUGUST_2025, NEIGHBOUR_HARASSMENT, type Api } from './support.ts';

let vigil: TestVigil;
let api: Api;

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
  vigil.clock.set('2025-09-01T08:00:00Z');
});
afterAll(async () => vigil.close());

describe('overdue victim updates per team', () => {
  it('lists an overdue duty the moment it passes, the longest overdue first, and drops it once the victim is told', async () => {
    // Case A (enhanced): arrest Monday 1 September 09:00 → due end of Tuesday 2 September.
    const a = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Ada', surname: 'Greywater' } }));
    // Case B (standard): arrest Monday 1 September 08:30 → due end of Monday 8 September.
    const b = await reportCase(vigil, api, NEIGHBOUR_HARASSMENT({ victim: { forenames: 'Isolde', surname: 'Foxglove' } }));
    // Case C (enhanced): charge Tuesday 2 September → due end of Wednesday 3 September.
    const c = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Nerys', surname: 'Hawthorne' }, suspect: { forenames: 'Bram', surname: 'Kettleby' } }));
    vigil.clock.set('2025-09-02T12:00:00Z');
    const ea = await api.call('investigator', 'POST', `/api/v1/cases/${a.caseId}/victims/events`, { event: 'arrest', at: '2025-09-01T09:00:00+01:00' });
    const eb = await api.call('investigator', 'POST', `/api/v1/cases/${b.caseId}/victims/events`, { event: 'arrest', at: '2025-09-01T08:30:00+01:00' });
    const ec = await api.call('investigator', 'POST', `/api/v1/cases/${c.caseId}/victims/events`, { event: 'charge', at: '2025-09-02T11:00:00+01:00' });
    expect([ea.status, eb.status, ec.status]).toEqual([201, 201, 201]);
    expect(ea.body.duties[0].dueAt).toBe('2025-09-02T22:59:59.999Z');
    expect(ec.body.duties[0].dueAt).toBe('2025-09-03T22:59:59.999Z');
    expect(eb.body.duties[0].dueAt).toBe('2025-09-08T22:59:59.999Z');

    const list = async () => {
      const response = await api.call('attending-officer', 'GET', '/api/v1/victims/overdue');
      expect(response.status).toBe(200);
      return (response.body.duties as Array<{ caseId: string; dueAt: string }>).map((d) => d.caseId);
    };

    vigil.clock.set('2025-09-02T22:59:59.999Z');
    expect(await list()).toEqual([]);
    vigil.clock.set('2025-09-02T23:00:00.000Z');
    expect(await list()).toEqual([a.caseId]);
    vigil.clock.set('2025-09-04T09:00:00Z');
    expect(await list()).toEqual([a.caseId, c.caseId]);
    vigil.clock.set('2025-09-09T09:00:00Z');
    expect(await list()).toEqual([a.caseId, c.caseId, b.caseId]);

    // The team's page shows the same order.
    const officer = await signInAs(vigil.app, 'attending-officer');
    const page = await officer.get('/victims/overdue');
    expect(page.statusCode).toBe(200);
    const body = page.body;
    const refs = await vigil.deps.db.selectFrom('cases').select(['id', 'reference']).where('id', 'in', [a.caseId, b.caseId, c.caseId]).execute();
    const ref = (id: string) => refs.find((r) => r.id === id)!.reference;
    expect(body.indexOf(ref(a.caseId))).toBeLessThan(body.indexOf(ref(c.caseId)));
    expect(body.indexOf(ref(c.caseId))).toBeLessThan(body.indexOf(ref(b.caseId)));
    expect(body).toContain('3 overdue');
    expect(body).not.toContain('Greywater'); // no victim names on the list

    // Telling victim A removes it from the list.
    await api.call('investigator', 'POST', `/api/v1/cases/${a.caseId}/victims/contacts`, {
      personId: a.victimId,
      at: '2025-09-09T10:00:00+01:00',
      initiatedBy: 'police',
      method: 'phone',
      discussed: 'Told her about the arrest (late).',
      toldAbout: [ea.body.duties[0].dutyId],
    });
    expect(await list()).toEqual([c.caseId, b.caseId]);
  });

  it('shows only the teams the user belongs to unless they supervise', async () => {
    const own = await api.call('attending-officer', 'GET', '/api/v1/victims/overdue?team=cid');
    expect(own.status).toBe(403);
    const sergeant = await api.call('detective-sergeant', 'GET', '/api/v1/victims/overdue?team=response');
    expect(sergeant.status).toBe(200);
    expect(sergeant.body.teams).toEqual(['response']);
    expect(sergeant.body.duties.length).toBeGreaterThan(0);
    const cid = await api.call('detective-sergeant', 'GET', '/api/v1/victims/overdue');
    expect(cid.body.teams).toEqual(['cid']);
    expect(cid.body.duties).toEqual([]);
  });
});
