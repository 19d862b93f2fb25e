import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyIfFlagAlerts } from '../../src/features/people/flags.ts';
import { apiToken, signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { api, insertReport, userId } from './support.ts';

let vigil: TestVigil;
let scu: ReturnType<typeof api>;

beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2025-06-30T09:00:00Z');
  scu = api(vigil, await apiToken(vigil.app, 'stalking-coordination-unit'));
});
afterAll(async () => vigil.close());

async function person(forenames: string, surname: string): Promise<string> {
  const response = await scu.post('/api/v1/people', { forenames, surname });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

async function flagOn(personId: string, body: Record<string, unknown>) {
  const response = await scu.post(`/api/v1/people/${personId}/flags`, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { flagId: string; reviewDue: string };
}

async function reviewTaskOf(flagId: string) {
  const tasks = await vigil.deps.db.selectFrom('tasks').selectAll().where('type', '=', 'flag-review').execute();
  return tasks.filter((t) => (t.details as { flagId?: string }).flagId === flagId);
}

describe('P10: flag review', () => {
  it('a stalking flag on a perpetrator expiring on 30 June 2026 has a review task due on 30 May 2026, for the SCU', async () => {
    const perpetrator = await person('Gareth', 'Penhallow');
    const { flagId, reviewDue } = await flagOn(perpetrator, { type: 'stalking-perpetrator', reason: 'Stalking of two former colleagues', expiresOn: '2026-06-30' });
    expect(reviewDue).toBe('2026-05-30');
    const [task, ...others] = await reviewTaskOf(flagId);
    expect(others).toHaveLength(0);
    expect(task).toMatchObject({ status: 'open', owner_team: 'scu' });
    // Due by the end of 30 May 2026 in London (BST): 22:59:59.999 UTC.
    expect(task!.due_at.toISOString()).toBe('2026-05-30T22:59:59.999Z');
    expect(task!.title).toContain('30 June 2026');
    const flag = await vigil.deps.db.selectFrom('flags').selectAll().where('id', '=', flagId).executeTakeFirstOrThrow();
    expect(flag).toMatchObject({ person_id: perpetrator, starts_on: '2025-06-30', expires_on: '2026-06-30', status: 'active', reason: 'Stalking of two former colleagues' });
  });

  it('proposes extension when an incident involving him was recorded during the flag, and the decision extends it with a new review task', async () => {
    const perpetrator = await person('Hywel', 'Trevanion');
    const victim = await person('Lowenna', 'Carne');
    const { flagId } = await flagOn(perpetrator, { type: 'stalking-perpetrator', reason: 'Repeated following of a neighbour', startsOn: '2025-06-30', expiresOn: '2026-06-30' });
    await insertReport(vigil, {
      reference: 'R-P10-1',
      createdBy: await userId(vigil, 'call-handler'),
      reportedAt: '2026-02-11T10:00:00Z',
      occurredFrom: '2026-02-10T19:30:00Z',
      parties: [{ personId: victim, role: 'victim' }, { personId: perpetrator, role: 'suspect' }],
    });
    const review = (await scu.get(`/api/v1/people/${perpetrator}/flags/${flagId}/review`)).json();
    expect(review.proposal.action).toBe('extend');
    expect(review.proposal.incidentsDuringFlag).toEqual(['2026-02-10']);
    expect(review.reviewDue).toBe('2026-05-30');

    const browser = await signInAs(vigil.app, 'stalking-coordination-unit');
    const page = await browser.get(`/people/${perpetrator}/flags/${flagId}/review`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Proposal: extend the flag');
    expect(page.body).toContain('10 February 2026');

    const tooEarly = await browser.post(`/people/${perpetrator}/flags/${flagId}/review`, { decision: 'extend', version: '1', 'newExpiresOn-day': '1', 'newExpiresOn-month': '1', 'newExpiresOn-year': '2026', extendReason: 'Further incident in February' });
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.body).toContain('href="#newExpiresOn-day"');

    const decided = await browser.post(`/people/${perpetrator}/flags/${flagId}/review`, { decision: 'extend', version: '1', 'newExpiresOn-day': '30', 'newExpiresOn-month': '6', 'newExpiresOn-year': '2027', extendReason: 'Further incident in February' });
    expect(decided.statusCode).toBe(303);
    const tasks = await reviewTaskOf(flagId);
    expect(tasks.map((t) => t.status).sort()).toEqual(['done', 'open']);
    expect(tasks.find((t) => t.status === 'open')!.due_at.toISOString()).toBe('2027-05-30T22:59:59.999Z');
    expect(tasks.find((t) => t.status === 'done')!.outcome).toContain('Extended to 2027-06-30');
    const flag = await vigil.deps.db.selectFrom('flags').select(['expires_on', 'version']).where('id', '=', flagId).executeTakeFirstOrThrow();
    expect(flag).toEqual({ expires_on: '2027-06-30', version: 2 });

    const stale = await browser.post(`/people/${perpetrator}/flags/${flagId}/review`, { decision: 'remove', version: '1', removeReason: 'No longer needed' });
    expect(stale.statusCode).toBe(409);
  });

  it('proposes removal when there was no incident during the flag (the incident that led to it does not count), and removal closes the task', async () => {
    const perpetrator = await person('Jory', 'Bolitho');
    const { flagId } = await flagOn(perpetrator, { type: 'stalking-perpetrator', reason: 'Stalking a former partner', startsOn: '2025-06-30', expiresOn: '2026-06-30' });
    await insertReport(vigil, { reference: 'R-P10-2', createdBy: await userId(vigil, 'call-handler'), reportedAt: '2025-06-30T08:00:00Z', parties: [{ personId: perpetrator, role: 'suspect' }] });
    await insertReport(vigil, { reference: 'R-P10-3', createdBy: await userId(vigil, 'call-handler'), reportedAt: '2026-08-01T08:00:00Z', parties: [{ personId: perpetrator, role: 'suspect' }] });
    const review = (await scu.get(`/api/v1/people/${perpetrator}/flags/${flagId}/review`)).json();
    expect(review.proposal.action).toBe('remove');
    expect(review.proposal.reasons.map((r: { code: string }) => r.code)).toEqual(['no-incidents-during-flag', 'check-national-systems']);
    const removed = await scu.post(`/api/v1/people/${perpetrator}/flags/${flagId}/review`, { decision: 'remove', reason: 'No further incidents; PNC and PND checked', version: 1 });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await reviewTaskOf(flagId)).map((t) => t.status)).toEqual(['done']);
    const history = (await scu.get(`/api/v1/people/${perpetrator}/history`)).json();
    expect(history.flags[0]).toMatchObject({ state: 'removed', removalReason: 'No further incidents; PNC and PND checked' });
  });
});

describe('flags', () => {
  it('a "notify if" flag needs a team, and the form shows errors by each field', async () => {
    const someone = await person('Morwenna', 'Keast');
    const browser = await signInAs(vigil.app, 'stalking-coordination-unit');
    const page = await browser.post(`/people/${someone}/flags`, { type: 'notify-if', reason: 'Wanted for breach', notifyTeam: '', 'expiresOn-day': '', 'expiresOn-month': '', 'expiresOn-year': '' });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('href="#expiresOn-day"');
    expect(page.body).not.toContain('Enter a real start date');
    const noTeam = await browser.post(`/people/${someone}/flags`, { type: 'notify-if', reason: 'Wanted for breach', notifyTeam: '', 'expiresOn-day': '1', 'expiresOn-month': '1', 'expiresOn-year': '2026' });
    expect(noTeam.statusCode).toBe(422);
    expect(noTeam.body).toContain('href="#notifyTeam"');
    expect(noTeam.body).toContain('>Wanted for breach</textarea>');
    const ok = await browser.post(`/people/${someone}/flags`, { type: 'notify-if', reason: 'Subject of SCU enquiry', notifyTeam: 'scu', 'expiresOn-day': '1', 'expiresOn-month': '1', 'expiresOn-year': '2026' });
    expect(ok.statusCode).toBe(303);
    const personPage = await browser.get(`/people/${someone}`);
    expect(personPage.body).toContain('Notify if this person appears');
    expect(personPage.body).toContain('tell Stalking coordination unit');
  });

  it('when a "notify if" person appears in a new report the named team gets a task at once (for the intake flow)', async () => {
    const someone = await person('Tamsin', 'Rowse');
    await flagOn(someone, { type: 'notify-if', reason: 'SCU want to know of any contact', notifyTeam: 'intelligence-unit', expiresOn: '2026-12-31' });
    const reportId = await insertReport(vigil, { reference: 'R-NOTIFY-1', createdBy: await userId(vigil, 'call-handler'), reportedAt: '2025-07-01T08:00:00Z', parties: [{ personId: someone, role: 'suspect' }] });
    const ids = await vigil.deps.db.transaction().execute((tx) => notifyIfFlagAlerts(tx, { personIds: [someone], reportId, actorId: null, now: vigil.clock.now() }));
    expect(ids).toHaveLength(1);
    const task = await vigil.deps.db.selectFrom('tasks').selectAll().where('id', '=', ids[0]!).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ type: 'notify-if-flag', owner_team: 'intelligence-unit', report_id: reportId, status: 'open' });
  });

  it('call handlers can add flags but panel members cannot reach them', async () => {
    const someone = await person('Demelza', 'Hocking');
    const token = await apiToken(vigil.app, 'scrutiny-panel-member');
    expect((await api(vigil, token).post(`/api/v1/people/${someone}/flags`, { type: 'stalking-victim', reason: 'x', expiresOn: '2026-01-01' })).statusCode).toBe(403);
  });
});
