import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, signInAs, startTestVigil, type TestVigil } from '../support/app.ts';
import { caseReference, caseVersion, person, report, reportsIn, submit, userId } from './fixtures.ts';

let vigil: TestVigil;
let handler: string;
beforeAll(async () => {
  vigil = await startTestVigil();
  handler = await userId(vigil.deps.db, 'call-handler');
});
afterAll(async () => vigil.close());

/** Two cases about the same suspect: A (two reports) and B (one report). */
async function twoCases() {
  const db = vigil.deps.db;
  const victim = await person(db, 'Gwendolyn', 'Applewhite');
  const partner = await person(db, 'Peregrine', 'Brackenridge');
  const suspect = await person(db, 'Dorian', 'Elderberry');
  const r1 = await report(db, { createdBy: handler, reportedAt: '2026-09-01T10:00:00Z', victims: [victim], suspect, occasions: [{ at: '2026-08-30T10:00:00Z', channels: ['text'] }] });
  const a = await submit(vigil, 'call-handler', r1, { suspect, victims: [victim], at: '2026-09-01T10:00:00Z' });
  const r2 = await report(db, { createdBy: handler, reportedAt: '2026-09-10T10:00:00Z', victims: [victim, partner], suspect, occasions: [{ at: '2026-09-09T10:00:00Z', channels: ['in-person'] }] });
  await submit(vigil, 'call-handler', r2, { suspect, victims: [victim, partner], at: '2026-09-10T10:00:00Z' });
  const r3 = await report(db, { createdBy: handler, reportedAt: '2026-09-12T10:00:00Z', victims: [partner], suspect: null, occasions: [{ at: '2026-09-11T10:00:00Z', channels: ['email'] }] });
  const b = await submit(vigil, 'call-handler', r3, { suspect: null, victims: [partner], at: '2026-09-12T10:00:00Z' });
  return { victim, partner, suspect, r1, r2, r3, a: a.caseId, b: b.caseId };
}

describe('linking, unlinking, merging and splitting by hand', () => {
  it('links a report to a second case with a reason, keeps it in both, and records the history and audit', async () => {
    const { a, r3, b } = await twoCases();
    const browser = await signInAs(vigil.app, 'investigator');
    const page = await browser.get(`/cases/${a}/links`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Linked reports');

    const short = await browser.post(`/cases/${a}/links/link`, { reportReference: r3.reference, reason: 'same', version: String(await caseVersion(vigil.deps.db, a)) });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('govuk-error-summary');
    expect(short.body).toContain('href="#link-reason"');
    expect(short.body).toContain('at least 10 characters');
    expect(await reportsIn(vigil.deps.db, a)).not.toContain(r3.id);

    const reason = 'The emails to the new partner are part of the same campaign';
    const linked = await browser.post(`/cases/${a}/links/link`, { reportReference: r3.reference, reason, version: String(await caseVersion(vigil.deps.db, a)) });
    expect(linked.statusCode).toBe(303);
    expect(await reportsIn(vigil.deps.db, a)).toContain(r3.id);
    expect(await reportsIn(vigil.deps.db, b)).toContain(r3.id);
    const after = await browser.get(`/cases/${a}/links`);
    expect(after.body).toContain('Linked by hand');
    expect(after.body).toContain(reason);
    const audit = await vigil.deps.db.selectFrom('audit_log').select(['reason', 'action']).where('record_id', '=', a).where('reason', '=', reason).execute();
    expect(audit).toEqual([{ reason, action: 'update' }]);
  });

  it('refuses a stale version with a conflict', async () => {
    const { a, r3 } = await twoCases();
    const token = await apiToken(vigil.app, 'investigator');
    const stale = (await caseVersion(vigil.deps.db, a)) - 1;
    const response = await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${a}/links`, headers: { authorization: `Bearer ${token}` }, payload: { reportReference: r3.reference, reason: 'A reason that is long enough', version: stale } });
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(await reportsIn(vigil.deps.db, a)).not.toContain(r3.id);
  });

  it('unlinks only a report that stays in another case, with a reason', async () => {
    const { a, b, r1, r3 } = await twoCases();
    const token = await apiToken(vigil.app, 'investigator');
    const auth = { authorization: `Bearer ${token}` };
    const lonely = await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${a}/links/unlink`, headers: auth, payload: { reportId: r1.id, reason: 'Not part of this conduct after all', version: await caseVersion(vigil.deps.db, a) } });
    expect(lonely.statusCode).toBe(422);
    expect(lonely.json().errors[0]).toMatchObject({ field: 'reportId', message: expect.stringContaining('split it into a new case') });

    await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${a}/links`, headers: auth, payload: { reportReference: r3.reference, reason: 'Linked for the test of unlinking', version: await caseVersion(vigil.deps.db, a) } });
    const ok = await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${a}/links/unlink`, headers: auth, payload: { reportId: r3.id, reason: 'Different sender after checking headers', version: await caseVersion(vigil.deps.db, a) } });
    expect(ok.statusCode).toBe(200);
    expect(await reportsIn(vigil.deps.db, a)).not.toContain(r3.id);
    expect(await reportsIn(vigil.deps.db, b)).toEqual([r3.id]);
    const links = await vigil.app.inject({ method: 'GET', url: `/api/v1/cases/${a}/links`, headers: auth });
    expect(links.json().history.map((h: { kind: string }) => h.kind)).toEqual(['unlink', 'link', 'auto-join', 'new-case']);
    expect(links.json().history[0].reason).toBe('Different sender after checking headers');
  });

  it('merges another case in: reports and victims move, the other case is marked merged, both keep the history', async () => {
    const { a, b, r3, partner } = await twoCases();
    const browser = await signInAs(vigil.app, 'detective-sergeant');
    const bRef = await caseReference(vigil.deps.db, b);
    const merged = await browser.post(`/cases/${a}/links/merge`, { caseReference: bRef, reason: 'The unknown emailer is the same suspect: same account', version: String(await caseVersion(vigil.deps.db, a)) });
    expect(merged.statusCode).toBe(303);
    expect(await reportsIn(vigil.deps.db, a)).toContain(r3.id);
    expect(await reportsIn(vigil.deps.db, b)).toEqual([]);
    const source = await vigil.deps.db.selectFrom('cases').select(['merged_into_case_id']).where('id', '=', b).executeTakeFirstOrThrow();
    expect(source.merged_into_case_id).toBe(a);
    const victims = await vigil.deps.db.selectFrom('case_victims').select('person_id').where('case_id', '=', a).execute();
    expect(victims.map((v) => v.person_id)).toContain(partner);
    const events = await vigil.deps.db.selectFrom('case_link_events').select(['case_id', 'kind']).where('kind', 'in', ['merge-in', 'merged-into']).where('case_id', 'in', [a, b]).execute();
    expect(events).toHaveLength(2);

    const again = await browser.post(`/cases/${b}/links/link`, { reportReference: r3.reference, reason: 'Trying to use a merged case', version: '1' });
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('was merged into case');
    const timeline = await browser.get(`/cases/${b}/timeline`);
    expect(timeline.body).toContain('This case was merged into case');
  });

  it('refuses to merge cases with different suspects, or a case into itself', async () => {
    const one = await twoCases();
    const two = await twoCases();
    const token = await apiToken(vigil.app, 'investigator');
    const auth = { authorization: `Bearer ${token}` };
    const different = await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${one.a}/merge`, headers: auth, payload: { caseReference: await caseReference(vigil.deps.db, two.a), reason: 'Looks like the same conduct', version: await caseVersion(vigil.deps.db, one.a) } });
    expect(different.statusCode).toBe(422);
    expect(different.json().errors[0].message).toContain('different suspect');
    const self = await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${one.a}/merge`, headers: auth, payload: { caseReference: await caseReference(vigil.deps.db, one.a), reason: 'Merging into itself by mistake', version: await caseVersion(vigil.deps.db, one.a) } });
    expect(self.statusCode).toBe(422);
  });

  it('merging a restricted case keeps the restriction and the people named on it', async () => {
    const db = vigil.deps.db;
    const { a, suspect, victim } = await twoCases();
    const r = await report(db, { createdBy: handler, reportedAt: '2026-09-20T10:00:00Z', victims: [victim], suspect: null, occasions: [] });
    const restricted = await submit(vigil, 'detective-sergeant', r, { suspect: null, victims: [victim], at: '2026-09-20T10:00:00Z', restricted: true });
    await db.updateTable('cases').set({ suspect_person_id: suspect }).where('id', '=', restricted.caseId).execute();

    const investigator = await apiToken(vigil.app, 'investigator');
    const denied = await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${a}/merge`, headers: { authorization: `Bearer ${investigator}` }, payload: { caseReference: restricted.caseReference, reason: 'Same suspect as the restricted case', version: await caseVersion(db, a) } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().title).toBe('Restricted record');
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'view-denied').where('record_id', '=', restricted.caseId).execute()).toHaveLength(1);

    const sergeant = await apiToken(vigil.app, 'detective-sergeant');
    const ok = await vigil.app.inject({ method: 'POST', url: `/api/v1/cases/${a}/merge`, headers: { authorization: `Bearer ${sergeant}` }, payload: { caseReference: restricted.caseReference, reason: 'Same suspect as the restricted case', version: await caseVersion(db, a) } });
    expect(ok.statusCode).toBe(200);
    const target = await db.selectFrom('cases').select('restricted').where('id', '=', a).executeTakeFirstOrThrow();
    expect(target.restricted).toBe(true);
    const named = await db.selectFrom('record_access').select('user_id').where('record_type', '=', 'case').where('record_id', '=', a).execute();
    expect(named.map((n) => n.user_id)).toContain(await userId(db, 'detective-sergeant'));
    const page = await (await signInAs(vigil.app, 'investigator')).get(`/cases/${a}/timeline`);
    expect(page.statusCode).toBe(403);
  });

  it('splits reports into a new case with the same suspect; victims named only on them move too', async () => {
    const { a, r1, r2, victim, partner, suspect } = await twoCases();
    const browser = await signInAs(vigil.app, 'investigator');
    const all = await browser.post(`/cases/${a}/links/split`, { reportIds: [r1.id, r2.id], reason: 'Trying to move everything', version: String(await caseVersion(vigil.deps.db, a)) });
    expect(all.statusCode).toBe(422);
    expect(all.body).toContain('Leave at least one report in this case');

    const none = await browser.post(`/cases/${a}/links/split`, { reason: 'No reports chosen here', version: String(await caseVersion(vigil.deps.db, a)) });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('href="#split-reportIds"');

    const split = await browser.post(`/cases/${a}/links/split`, { reportIds: r2.id, reason: 'The partner is a separate course of conduct', version: String(await caseVersion(vigil.deps.db, a)) });
    expect(split.statusCode).toBe(303);
    const location = String(split.headers.location);
    const newCase = new URL(location, 'http://x').searchParams.get('newCase')!;
    expect(await reportsIn(vigil.deps.db, a)).toEqual([r1.id]);
    expect(await reportsIn(vigil.deps.db, newCase)).toEqual([r2.id]);
    const created = await vigil.deps.db.selectFrom('cases').select(['suspect_person_id']).where('id', '=', newCase).executeTakeFirstOrThrow();
    expect(created.suspect_person_id).toBe(suspect);
    const victimsA = (await vigil.deps.db.selectFrom('case_victims').select('person_id').where('case_id', '=', a).execute()).map((v) => v.person_id);
    const victimsNew = (await vigil.deps.db.selectFrom('case_victims').select('person_id').where('case_id', '=', newCase).execute()).map((v) => v.person_id).sort();
    expect(victimsA).toEqual([victim]);
    expect(victimsNew).toEqual([victim, partner].sort());
    const banner = await browser.get(location);
    expect(banner.body).toContain('The reports were moved to a new case.');
    expect(banner.body).toContain('Reports split out');
  });

  it('only case workers can change links; panel members cannot see them at all', async () => {
    const { a } = await twoCases();
    const handlerBrowser = await signInAs(vigil.app, 'call-handler');
    const refused = await handlerBrowser.post(`/cases/${a}/links/merge`, { caseReference: 'C-2026-000001', reason: 'Call handlers cannot merge', version: '1' });
    expect(refused.statusCode).toBe(403);
    const panel = await signInAs(vigil.app, 'scrutiny-panel-member');
    expect((await panel.get(`/cases/${a}/links`)).statusCode).toBe(403);
    expect((await panel.get(`/cases/${a}/timeline`)).statusCode).toBe(403);
  });
});
