import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { apiClient, auditRows, NEIGHBOUR_HARASSMENT, reportCase, STALKING_AUGUST_2025, userId, type Api } from './support.ts';

let vigil: TestVigil;
let api: Api;

beforeAll(async () => {
  vigil = await startTestVigil();
  api = apiClient(vigil);
  vigil.clock.set('2025-09-01T09:00:00Z');
});
afterAll(async () => vigil.close());

const victimsOf = async (caseId: string) => (await api.call('investigator', 'GET', `/api/v1/cases/${caseId}/victims`)).body;

describe('entitlement at service level', () => {
  it.each([
    ['stalking by an ex-partner', 'enhanced', ['stalking', 'domestic-abuse'], () => STALKING_AUGUST_2025({ victim: { forenames: 'Ada', surname: 'Juniper' } })],
    ['harassment by a neighbour', 'standard', [], () => NEIGHBOUR_HARASSMENT({ victim: { forenames: 'Bram', surname: 'Juniper' } })],
    ['harassment of an adult at risk', 'enhanced', ['vulnerable'], () => NEIGHBOUR_HARASSMENT({ victim: { forenames: 'Cerys', surname: 'Juniper' }, indicators: ['adult-at-risk'] })],
    ['harassment with honour-based abuse', 'enhanced', ['intimidated'], () => NEIGHBOUR_HARASSMENT({ victim: { forenames: 'Dorian', surname: 'Juniper' }, indicators: ['honour-based-abuse'] })],
    ['harassment of a 15-year-old', 'enhanced', ['child'], () => NEIGHBOUR_HARASSMENT({ victim: { forenames: 'Elowen', surname: 'Juniper', dateOfBirth: '2010-03-01' } })],
  ] as const)('%s gives the %s service', async (_name, level, codes, answers) => {
    const { caseId } = await reportCase(vigil, api, answers());
    const victim = (await victimsOf(caseId)).victims[0];
    expect(victim.entitlement.level).toBe(level);
    expect(victim.entitlement.reasons.map((r: { code: string }) => r.code)).toEqual(codes);
  });

  it('a victim named in three reports is persistently targeted', async () => {
    const answers = NEIGHBOUR_HARASSMENT({ victim: { forenames: 'Fenwick', surname: 'Larkspur' } });
    const first = await reportCase(vigil, api, answers);
    expect((await victimsOf(first.caseId)).victims[0].entitlement.level).toBe('standard');
    const again = { ...answers, victim: { personId: first.victimId }, suspect: { personId: first.suspectId } };
    await reportCase(vigil, api, again);
    const third = await reportCase(vigil, api, again);
    expect(third.caseId).toBe(first.caseId);
    const victim = (await victimsOf(first.caseId)).victims[0];
    expect(victim.entitlement).toMatchObject({ level: 'enhanced', raisedByHand: false });
    expect(victim.entitlement.reasons.map((r: { code: string }) => r.code)).toEqual(['persistently-targeted']);
  });
});

describe('victim profile', () => {
  it('raises a standard victim to enhanced by hand with a reason, which then sets the deadlines', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, NEIGHBOUR_HARASSMENT({ victim: { forenames: 'Gwendolyn', surname: 'Mossbank' } }));
    const noReason = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/profile`, { personId: victimId, version: 1, raisedToEnhanced: true });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].field).toBe('raiseReason');

    const raised = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/profile`, {
      personId: victimId,
      version: 1,
      raisedToEnhanced: true,
      raiseReason: 'He is terrified to give evidence: intimidated witness.',
      language: 'Polish',
      interpreterNeeded: true,
      preferredMethod: 'text',
      safeTimes: 'Weekdays after 6pm',
      safeToLeaveMessage: false,
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    expect(raised.body).toEqual({ entitlement: 'enhanced', raisedByHand: true, version: 2 });
    const victim = (await victimsOf(caseId)).victims[0];
    expect(victim.entitlement).toMatchObject({ level: 'enhanced', derivedLevel: 'standard', raisedByHand: true });
    expect(victim.communication).toEqual({ language: 'Polish', interpreterNeeded: true, preferredMethod: 'text', safeTimes: 'Weekdays after 6pm', safeToLeaveMessage: false, otherNeeds: null });

    // Arrest on Monday 1 September: enhanced, so due the next working day.
    const event = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/events`, { event: 'arrest', at: '2025-09-01T09:30:00+01:00' });
    expect(event.body.duties[0]).toMatchObject({ entitlement: 'enhanced', dueAt: '2025-09-02T22:59:59.999Z' });
    const audit = await auditRows(vigil, 'victim-profile');
    expect(audit.at(-1)).toMatchObject({ action: 'update', actor_username: 'investigator' });
    expect(audit.at(-1)!.details).toMatchObject({ caseId, entitlement: 'enhanced', raisedByHand: true });
  });

  it('never lowers a victim below the derived level', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Hollis', surname: 'Mossbank' } }));
    const saved = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/profile`, { personId: victimId, version: 1, raisedToEnhanced: false });
    expect(saved.status).toBe(200);
    expect(saved.body.entitlement).toBe('enhanced');
  });

  it('names a point of contact, records handovers with a reason, and refuses a stale save', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Isolde', surname: 'Mossbank' } }));
    const investigator = await userId(vigil, 'investigator');
    const spoc = await userId(vigil, 'stalking-champion');
    const first = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/profile`, { personId: victimId, version: 1, contactUserId: investigator, contactRole: 'officer-in-case' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const noReason = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/profile`, { personId: victimId, version: 2, contactUserId: spoc, contactRole: 'spoc' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].field).toBe('handoverReason');
    const handed = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/profile`, { personId: victimId, version: 2, contactUserId: spoc, contactRole: 'spoc', handoverReason: 'Officer moving to another team.' });
    expect(handed.status).toBe(200);
    const stale = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/profile`, { personId: victimId, version: 2, language: 'Welsh' });
    expect(stale.status).toBe(409);

    const victim = (await victimsOf(caseId)).victims[0];
    expect(victim.pointOfContact).toEqual({ userId: spoc, name: 'Stalking champion (SPOC) (demo)', role: 'spoc' });
    expect(victim.handovers.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
      ['Investigator (demo)', 'Stalking champion (SPOC) (demo)'],
      [null, 'Investigator (demo)'],
    ]);
    // Later events go to the named contact.
    const event = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/events`, { event: 'charge', at: '2025-09-01T09:30:00+01:00' });
    const task = await vigil.deps.db.selectFrom('tasks').select(['owner_user_id', 'owner_team']).where('id', '=', event.body.duties[0].taskId).executeTakeFirstOrThrow();
    expect(task.owner_user_id).toBe(spoc);

    const page = await (await signInAs(vigil.app, 'investigator')).get(`/cases/${caseId}/victims`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Stalking champion (SPOC) (demo) (Single point of contact (SPOC))');
    expect(page.body).toContain('Officer moving to another team.');
  });
});

describe('referrals', () => {
  it('offers specialist stalking advocacy to every stalking victim and tracks offered, made and taken up', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Jasper', surname: 'Oakhurst' } }));
    const before = (await victimsOf(caseId)).victims[0];
    expect(before.requiredOffers).toEqual([
      expect.objectContaining({ code: 'stalking-advocacy', met: false }),
      expect.objectContaining({ code: 'victim-support', met: false }),
    ]);
    const offered = await api.call('stalking-champion', 'POST', `/api/v1/cases/${caseId}/victims/referrals`, { personId: victimId, service: 'paladin', status: 'offered' });
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    const made = await api.call('stalking-champion', 'POST', `/api/v1/cases/${caseId}/victims/referrals/${offered.body.referralId}`, { version: 1, status: 'made', consent: true, consentNote: 'Agreed on the phone.' });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const takenUp = await api.call('stalking-champion', 'POST', `/api/v1/cases/${caseId}/victims/referrals/${offered.body.referralId}`, { version: 2, status: 'taken-up' });
    expect(takenUp.status).toBe(200);
    const stale = await api.call('stalking-champion', 'POST', `/api/v1/cases/${caseId}/victims/referrals/${offered.body.referralId}`, { version: 2, status: 'declined' });
    expect(stale.status).toBe(409);
    const after = (await victimsOf(caseId)).victims[0];
    expect(after.requiredOffers[0]).toMatchObject({ code: 'stalking-advocacy', met: true });
    expect(after.referrals).toEqual([expect.objectContaining({ service: 'paladin', status: 'taken-up', consent: true, version: 3 })]);
    const row = await vigil.deps.db.selectFrom('victim_referrals').selectAll().where('id', '=', offered.body.referralId).executeTakeFirstOrThrow();
    expect(row.offered_at).not.toBeNull();
    expect(row.made_at).not.toBeNull();
    expect(row.taken_up_at).not.toBeNull();
    expect(row.consent_recorded_at).not.toBeNull();
    expect((await auditRows(vigil, 'victim-referral', offered.body.referralId)).map((r) => r.action)).toEqual(['create', 'update', 'update']);
  });

  it('needs explicit consent to refer a domestic abuse victim to Victim Support', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Kestrel', surname: 'Oakhurst' } }));
    const refused = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/referrals`, { personId: victimId, service: 'victim-support', status: 'made' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'consent', message: 'Record the victim’s explicit consent before referring a domestic abuse victim to Victim Support' }]);
    expect(await vigil.deps.db.selectFrom('victim_referrals').select('id').where('case_id', '=', caseId).execute()).toHaveLength(0);
    const offered = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/referrals`, { personId: victimId, service: 'victim-support', status: 'offered' });
    expect(offered.status).toBe(201);
    const madeWithout = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/referrals/${offered.body.referralId}`, { version: 1, status: 'made' });
    expect(madeWithout.status).toBe(422);
    const made = await api.call('investigator', 'POST', `/api/v1/cases/${caseId}/victims/referrals/${offered.body.referralId}`, { version: 1, status: 'made', consent: true });
    expect(made.status).toBe(200);

    // Not domestic abuse: Victim Support can be referred without that consent.
    const other = await reportCase(vigil, api, NEIGHBOUR_HARASSMENT({ victim: { forenames: 'Lark', surname: 'Oakhurst' } }));
    const direct = await api.call('investigator', 'POST', `/api/v1/cases/${other.caseId}/victims/referrals`, { personId: other.victimId, service: 'victim-support', status: 'made' });
    expect(direct.status).toBe(201);
  });

  it('shows the referral form and refuses an unknown service with a message by the field', async () => {
    const { caseId, victimId } = await reportCase(vigil, api, STALKING_AUGUST_2025({ victim: { forenames: 'Marlowe', surname: 'Oakhurst' } }));
    const browser = await signInAs(vigil.app, 'stalking-champion');
    const form = await browser.get(`/cases/${caseId}/victims/${victimId}/referrals`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Offer specialist stalking advocacy (every stalking victim): not yet offered.');
    expect(form.body).toContain('National Stalking Helpline');
    const bad = await browser.post(`/cases/${caseId}/victims/${victimId}/referrals`, { service: 'nonsense', status: 'offered' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('govuk-error-summary');
    expect(bad.body).toContain('href="#service"');
    const good = await browser.post(`/cases/${caseId}/victims/${victimId}/referrals`, { service: 'national-stalking-helpline', status: 'offered' });
    expect(good.statusCode).toBe(303);
  });
});
