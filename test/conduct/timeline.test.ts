import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { person, report, submit, userId, type FixtureOccasion } from './fixtures.ts';

let vigil: TestVigil;
let handler: string;
let caseId: string;
let orderId: string;
beforeAll(async () => {
  vigil = await startTestVigil();
  vigil.clock.set('2026-11-25T10:00:00Z');
  handler = await userId(vigil.deps.db, 'call-handler');
  const db = vigil.deps.db;
  const victim = await person(db, 'Kestrel', 'Quarrington');
  const suspect = await person(db, 'Orrin', 'Hawthorne');
  const order = await db.insertInto('orders').values({ type: 'restraining-order', subject_person_id: suspect, made_on: '2025-06-01', expires_on: '2027-06-01', court: 'Northshire Magistrates' }).returning('id').executeTakeFirstOrThrow();
  orderId = order.id;
  await db.insertInto('order_protected_persons').values({ order_id: order.id, person_id: victim }).execute();
  const texts: FixtureOccasion[] = [
    { at: '2026-08-01T09:00:00Z', channels: ['text'], description: 'Asked to meet' },
    { at: '2026-08-20T09:00:00Z', channels: ['text'], description: 'Asked again' },
  ];
  const later: FixtureOccasion[] = [
    { at: '2026-09-20T09:00:00Z', channels: ['social-media'], description: 'Messages on a new account' },
    { at: '2026-09-22T09:00:00Z', channels: ['social-media'], behaviours: ['threats-of-violence'], description: 'Said she would regret it', fearOfViolence: true },
    { at: '2026-09-25T19:00:00Z', channels: ['in-person'], behaviours: ['loitering'], place: 'Outside her house', breachedOrderId: order.id, fearOfViolence: true },
    { at: '2026-09-27T19:00:00Z', channels: ['in-person'], behaviours: ['loitering'], place: 'Outside her house', breachedOrderId: order.id },
  ];
  const r1 = await report(db, { createdBy: handler, reportedAt: '2026-08-21T10:00:00Z', victims: [victim], suspect, occasions: texts });
  caseId = (await submit(vigil, 'call-handler', r1, { suspect, victims: [victim], at: '2026-08-21T10:00:00Z' })).caseId;
  const r2 = await report(db, { createdBy: handler, reportedAt: '2026-09-28T10:00:00Z', victims: [victim], suspect, occasions: later });
  await submit(vigil, 'call-handler', r2, { suspect, victims: [victim], at: '2026-09-28T10:00:00Z' });
  await db.updateTable('reports').set({ crime_decision: 'crime', crime_decided_at: '2026-09-28T12:00:00Z' }).where('id', '=', r2.id).execute();
  await db.insertInto('classifications').values({ case_id: caseId, offence: 'harassment', status: 'confirmed', proposed_at: new Date('2026-08-22T10:00:00Z'), decided_at: '2026-08-22T11:00:00Z', reasons: '[]' }).execute();
  await db.insertInto('police_actions').values({ case_id: caseId, person_id: suspect, kind: 'arrest', occurred_at: '2026-09-29T07:00:00Z' }).execute();
  await db.insertInto('police_actions').values({ case_id: caseId, person_id: suspect, kind: 'bail', occurred_at: '2026-09-29T20:00:00Z', conditions: 'Not to contact the victim', bail_until: '2026-10-27' }).execute();
  await db.insertInto('risk_assessments').values({ case_id: caseId, victim_person_id: victim, stage: 'initial', source: 'victim', tool_id: 'dash-2009', tool_version: '2009', tool: '{}', answers: '{}', grading: '{}', score: 15, band_grade: 'high', final_grade: 'high', completed_at: '2026-09-28T15:00:00Z' }).execute();
  await db.insertInto('victim_contacts').values({ case_id: caseId, person_id: victim, occurred_at: '2026-09-30T09:00:00Z', initiated_by: 'victim', chasing_update: true, method: 'phone', discussed: 'Asked what is happening' }).execute();
  await db.insertInto('victim_referrals').values({ case_id: caseId, person_id: victim, service_code: 'paladin', status: 'taken-up', consent: true, offered_at: '2026-09-28T16:00:00Z', taken_up_at: '2026-10-02T10:00:00Z' }).execute();
  await db.insertInto('tasks').values({ type: 'risk-reassessment', title: 'Reassess the risk: the order was breached', case_id: caseId, due_at: '2026-09-30T10:00:00Z', details: '{}' }).execute();
});
afterAll(async () => vigil.close());

function tableRowCount(html: string): number {
  return (html.match(/<tr class="govuk-table__row vigil-timeline__row /g) ?? []).length;
}

describe('the case timeline', () => {
  it('shows every kind of event in the SVG and in a table of the same rows, with the escalation called out at the top', async () => {
    const browser = await signInAs(vigil.app, 'investigator');
    const page = await browser.get(`/cases/${caseId}/timeline`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('class="vigil-timeline__svg"');
    expect(page.body).toContain('role="img"');
    // 6 occasions (2 of them breaches) + 2 reports + 1 crime decision + 1 classification + 1 order + 2 police actions + 1 task
    // + 1 risk assessment + 1 victim contact + 1 referral
    expect(tableRowCount(page.body)).toBe(17);
    expect((page.body.match(/<a href="#row-/g) ?? []).length).toBe(17);
    expect(page.body).toContain('Initial risk assessment: high risk');
    expect(page.body).toContain('The victim was chasing an update');
    expect(page.body).toContain('Referral to paladin: taken up');
    for (const text of ['Threats of violence have appeared', 'Moved from contact at a distance to turning up in person', 'An order has been breached repeatedly', 'New ways of making contact', 'Reassess']) {
      expect(page.body).toContain(text);
    }
    expect(page.body.indexOf('What the pattern shows')).toBeLessThan(page.body.indexOf('class="vigil-timeline__svg"'));
    expect(page.body).toContain('Restraining order (active)');
    expect(page.body).toContain('Bail with conditions');
    expect(page.body).toContain('Classification confirmed: Harassment');
    expect(page.body).toContain('consider recording stalking');
    expect(page.body).toContain('Homicide timeline');
    expect(page.body).not.toContain('Quarrington');
    expect(page.body).not.toContain('Hawthorne');
    expect(page.body).toContain('/assets/timeline.js');
    expect(page.body).not.toMatch(/<script>(?!<\/script>)/);
    const audit = await vigil.deps.db.selectFrom('audit_log').select('details').where('record_id', '=', caseId).where('action', '=', 'view').where('actor_username', '=', 'investigator').execute();
    expect(audit.some((a) => (a.details as { view?: string }).view === 'timeline')).toBe(true);
  });

  it('filters by GET query without JavaScript', async () => {
    const browser = await signInAs(vigil.app, 'investigator');
    const page = await browser.get(`/cases/${caseId}/timeline?show=breaches&show=orders`);
    expect(tableRowCount(page.body)).toBe(3);
    expect(page.body).toContain(`row-order-${orderId}`);
    const ranged = await browser.get(`/cases/${caseId}/timeline?show=occasions&from=2026-09-01&to=2026-09-30`);
    expect(tableRowCount(ranged.body)).toBe(2);
  });

  it('has a print view for the case file', async () => {
    const browser = await signInAs(vigil.app, 'investigator');
    const page = await browser.get(`/cases/${caseId}/timeline?view=print`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Case file copy');
    expect(page.body).toContain('vigil-timeline--print');
    expect(page.body).not.toContain('vigil-timeline__filters');
    expect(tableRowCount(page.body)).toBe(17);
    const css = await vigil.app.inject({ method: 'GET', url: '/assets/timeline.css' });
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('@media print');
  });

  it('the API returns the same rows and the escalation analysis', async () => {
    const token = await apiToken(vigil.app, 'investigator');
    const response = await vigil.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/timeline`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.rows).toHaveLength(17);
    expect(body.rows.filter((r: { kind: string }) => r.kind === 'breach')).toHaveLength(2);
    expect(body.escalation.totalOccasions).toBe(6);
    expect(body.escalation.callouts.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['threats', 'breaches', 'online-to-in-person', 'closer-to-victim', 'new-channels', 'fear-of-violence']));
    const threats = body.escalation.callouts.find((c: { code: string }) => c.code === 'threats');
    expect(threats.occasionIds).toHaveLength(1);
    expect(body.escalation.suggestions.map((s: { code: string }) => s.code)).toEqual(expect.arrayContaining(['reclassify-harassment-as-stalking', 'reassess-risk']));
    const filtered = await vigil.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/timeline?show=police`, headers: { authorization: `Bearer ${token}` } });
    expect(filtered.json().rows.map((r: { title: string }) => r.title)).toEqual(['Arrest', 'Bail with conditions']);
    const openapi = await vigil.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(Object.keys(openapi.json().paths)).toEqual(expect.arrayContaining(['/api/v1/cases/{id}/timeline', '/api/v1/cases/{id}/occasions/batch', '/api/v1/cases/{id}/merge', '/api/v1/cases/{id}/split']));
  });

  it('records police actions through the API, and bail needs its conditions', async () => {
    const token = await apiToken(vigil.app, 'investigator');
    const auth = { authorization: `Bearer ${token}` };
    const missing = await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/police-actions`, headers: auth, payload: { kind: 'bail', occurredAt: '2026-10-27T10:00:00Z' } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].field).toBe('conditions');
    const charged = await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/police-actions`, headers: auth, payload: { kind: 'charge', occurredAt: '2026-10-27T10:00:00Z', notes: 'Charged with stalking' } });
    expect(charged.statusCode).toBe(201);
    const handlerToken = await apiToken(vigil.app, 'call-handler');
    const refused = await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${caseId}/police-actions`, headers: { authorization: `Bearer ${handlerToken}` }, payload: { kind: 'arrest', occurredAt: '2026-10-27T10:00:00Z' } });
    expect(refused.statusCode).toBe(403);
    await vigil.deps.db.deleteFrom('police_actions').where('id', '=', charged.json().id).execute();
  });

  it('a restricted case needs a named user and a reason, which is audited', async () => {
    await vigil.deps.db.updateTable('cases').set({ restricted: true, restricted_contact: 'DS Example, professional standards' }).where('id', '=', caseId).execute();
    await vigil.deps.db.insertInto('record_access').values({ record_type: 'case', record_id: caseId, user_id: await userId(vigil.deps.db, 'detective-sergeant') }).execute();
    try {
      const outsider = await signInAs(vigil.app, 'investigator');
      const denied = await outsider.get(`/cases/${caseId}/timeline`);
      expect(denied.statusCode).toBe(403);
      expect(denied.body).toContain('DS Example');
      expect(denied.body).not.toContain('vigil-timeline__svg');
      const named = await signInAs(vigil.app, 'detective-sergeant');
      const prompt = await named.get(`/cases/${caseId}/timeline`);
      expect(prompt.statusCode).toBe(403);
      expect(prompt.body).toContain('Why do you need to open this case?');
      const short = await named.post(`/cases/${caseId}/timeline`, { reason: 'short' });
      expect(short.statusCode).toBe(422);
      const opened = await named.post(`/cases/${caseId}/timeline`, { reason: 'Supervising the breach investigation' });
      expect(opened.statusCode).toBe(200);
      expect(opened.body).toContain('vigil-timeline__svg');
      const row = await vigil.deps.db.selectFrom('audit_log').select('reason').where('record_id', '=', caseId).where('action', '=', 'view').where('actor_username', '=', 'detective-sergeant').executeTakeFirstOrThrow();
      expect(row.reason).toBe('Supervising the breach investigation');
    } finally {
      await vigil.deps.db.updateTable('cases').set({ restricted: false }).where('id', '=', caseId).execute();
    }
  });

  it('stays fast with 500 occasions (one query per kind of row)', async () => {
    const db = vigil.deps.db;
    const victim = await person(db, 'Ada', 'Mossbank');
    const suspect = await person(db, 'Bram', 'Larkspur');
    const channels = ['text', 'email', 'social-media', 'phone-call', 'in-person'];
    const occasions: FixtureOccasion[] = Array.from({ length: 500 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 0, 1) + i * 7 * 3_600_000).toISOString(),
      channels: [channels[i % channels.length]!],
      behaviours: i % 50 === 0 ? ['threats-of-violence'] : ['contacting'],
      description: `Occasion ${i}`,
    }));
    const r = await report(db, { createdBy: handler, reportedAt: '2026-05-01T10:00:00Z', victims: [victim], suspect, occasions });
    const big = (await submit(vigil, 'call-handler', r, { suspect, victims: [victim], at: '2026-05-01T10:00:00Z' })).caseId;
    const browser = await signInAs(vigil.app, 'investigator');
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      const started = performance.now();
      const page = await browser.get(`/cases/${big}/timeline`);
      times.push(performance.now() - started);
      expect(page.statusCode).toBe(200);
      if (i === 0) expect(tableRowCount(page.body)).toBe(501);
    }
    times.sort((a, b) => a - b);
    console.log(`timeline with 500 occasions: median ${times[4]!.toFixed(0)} ms, worst ${times.at(-1)!.toFixed(0)} ms`);
    expect(times[4]!).toBeLessThan(1500);
  });
});
