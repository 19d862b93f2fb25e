import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestVigil, type TestVigil } from '../support/app.ts';
import { contextFor, person, report, reportsIn, submit, userId } from './fixtures.ts';
import { joinOrCreateCase } from '../../src/features/conduct/service.ts';

let vigil: TestVigil;
let handler: string;
beforeAll(async () => {
  vigil = await startTestVigil();
  handler = await userId(vigil.deps.db, 'call-handler');
});
afterAll(async () => vigil.close());

describe('a new report joins its course of conduct', () => {
  it('P4: the colleague’s report is linked through the shared suspect', async () => {
    const db = vigil.deps.db;
    const worker = await person(db, 'Tamsin', 'Larkspur');
    const colleague = await person(db, 'Nerys', 'Oakhurst');
    const stranger = await person(db, 'Orrin', 'Mossbank');
    const first = await report(db, {
      createdBy: handler,
      reportedAt: '2026-10-01T09:00:00Z',
      victims: [worker],
      suspect: stranger,
      occasions: [
        { at: '2026-09-20T12:00:00Z', channels: ['in-person'], behaviours: ['unwanted-gifts'], place: 'At the bank where she works' },
        { at: '2026-09-25T17:30:00Z', channels: ['in-person'], behaviours: ['following'], place: 'To the bus stop' },
      ],
    });
    const opened = await submit(vigil, 'call-handler', first, { suspect: stranger, victims: [worker], at: '2026-10-01T09:05:00Z' });
    expect(opened.joined).toBe(false);
    expect(opened.reason).toContain('no open case');

    const second = await report(db, {
      createdBy: handler,
      reportedAt: '2026-10-03T10:00:00Z',
      victims: [colleague],
      suspect: stranger,
      occasions: [{ at: '2026-10-02T12:00:00Z', channels: ['in-person'], behaviours: ['unwanted-gifts'], place: 'At the bank' }],
    });
    const joined = await submit(vigil, 'call-handler', second, { suspect: stranger, victims: [colleague], at: '2026-10-03T10:05:00Z' });
    expect(joined).toMatchObject({ caseId: opened.caseId, joined: true, match: 'shared-suspect' });
    expect(joined.reason).toContain('through the shared suspect');
    expect(await reportsIn(db, opened.caseId)).toEqual([first.id, second.id].sort());
    const victims = await db.selectFrom('case_victims').select('person_id').where('case_id', '=', opened.caseId).execute();
    expect(victims.map((v) => v.person_id).sort()).toEqual([worker, colleague].sort());
    const link = await db.selectFrom('case_reports').select('link_reason').where('report_id', '=', second.id).executeTakeFirstOrThrow();
    expect(link.link_reason).toBe(joined.reason);
    const history = await db.selectFrom('case_link_events').select(['kind', 'reason']).where('case_id', '=', opened.caseId).orderBy('at').execute();
    expect(history.map((h) => h.kind)).toEqual(['new-case', 'auto-join']);
    const audit = await db.selectFrom('audit_log').select(['action', 'actor_username']).where('record_type', '=', 'case').where('record_id', '=', opened.caseId).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'update']));
  });

  it('P11: three malicious communications reports from the same sender are linked, and the case prompts harassment or stalking', async () => {
    const db = vigil.deps.db;
    const victim = await person(db, 'Saffron', 'Greywater');
    const sender = await person(db, 'Quill', 'Rookwood');
    const results = [];
    for (const [i, day] of ['2026-06-01', '2026-06-09', '2026-06-20'].entries()) {
      const r = await report(db, {
        createdBy: handler,
        reportedAt: `${day}T12:00:00Z`,
        victims: [victim],
        suspect: sender,
        occasions: [{ at: `${day}T08:00:00Z`, channels: ['social-media'], behaviours: ['threats-of-violence'], description: `Message ${i + 1}` }],
      });
      const result = await submit(vigil, 'call-handler', r, { suspect: sender, victims: [victim], at: `${day}T12:05:00Z` });
      if (i === 0) await db.updateTable('cases').set({ offence: 'malicious-communications' }).where('id', '=', result.caseId).execute();
      results.push(result);
    }
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    expect(results.map((r) => r.joined)).toEqual([false, true, true]);
    expect(results[2]!.suggestions.map((s) => s.code)).toContain('reclassify-malicious-communications');
    expect(results[2]!.suggestions.find((s) => s.code === 'reclassify-malicious-communications')!.text).toContain('3 occasions');
  });

  it('P2: a second email from the same sender two weeks later joins the first and prompts reconsidering harassment', async () => {
    const db = vigil.deps.db;
    const staff = await person(db, 'Cerys', 'Juniper');
    const customer = await person(db, 'Bram', 'Kettleby');
    const one = await report(db, { createdBy: handler, reportedAt: '2026-05-01T10:00:00Z', victims: [staff], suspect: customer, occasions: [{ at: '2026-05-01T09:00:00Z', channels: ['email'], behaviours: ['threats-of-violence'] }] });
    const first = await submit(vigil, 'call-handler', one, { suspect: customer, victims: [staff], at: '2026-05-01T10:00:00Z' });
    expect(first.suggestions.map((s) => s.code)).not.toContain('consider-course-of-conduct');
    const two = await report(db, { createdBy: handler, reportedAt: '2026-05-15T10:00:00Z', victims: [staff], suspect: customer, occasions: [{ at: '2026-05-15T09:00:00Z', channels: ['email'], behaviours: ['threats-of-violence'] }] });
    const second = await submit(vigil, 'call-handler', two, { suspect: customer, victims: [staff], at: '2026-05-15T10:00:00Z' });
    expect(second).toMatchObject({ caseId: first.caseId, joined: true, match: 'same-parties' });
    expect(second.suggestions.map((s) => s.code)).toContain('consider-course-of-conduct');
  });

  it('an unknown suspect never joins automatically; each report opens its own case', async () => {
    const db = vigil.deps.db;
    const victim = await person(db, 'Ada', 'Foxglove');
    const a = await submit(vigil, 'call-handler', await report(db, { createdBy: handler, reportedAt: '2026-07-01T10:00:00Z', victims: [victim], suspect: null, occasions: [] }), { suspect: null, victims: [victim], at: '2026-07-01T10:00:00Z' });
    const b = await submit(vigil, 'call-handler', await report(db, { createdBy: handler, reportedAt: '2026-07-02T10:00:00Z', victims: [victim], suspect: null, occasions: [] }), { suspect: null, victims: [victim], at: '2026-07-02T10:00:00Z' });
    expect(a.caseId).not.toBe(b.caseId);
    expect(b).toMatchObject({ joined: false });
    expect(b.reason).toContain('not identified');
  });

  it('a case finalised more than 12 months before is not joined; within 12 months it is', async () => {
    const db = vigil.deps.db;
    const victim = await person(db, 'Lark', 'Hawthorne');
    const suspect = await person(db, 'Jasper', 'Ironwood');
    const old = await submit(vigil, 'call-handler', await report(db, { createdBy: handler, reportedAt: '2024-01-01T10:00:00Z', victims: [victim], suspect, occasions: [] }), { suspect, victims: [victim], at: '2024-01-01T10:00:00Z' });
    await db.updateTable('cases').set({ status: 'finalised', finalised_at: '2025-06-01T10:00:00Z' }).where('id', '=', old.caseId).execute();
    const late = await submit(vigil, 'call-handler', await report(db, { createdBy: handler, reportedAt: '2026-11-01T10:00:00Z', victims: [victim], suspect, occasions: [] }), { suspect, victims: [victim], at: '2026-11-01T10:00:00Z' });
    expect(late.joined).toBe(false);
    expect(late.reason).toContain('more than 12 months');
    await db.updateTable('cases').set({ status: 'finalised', finalised_at: '2026-10-01T10:00:00Z' }).where('id', '=', late.caseId).execute();
    const soon = await submit(vigil, 'call-handler', await report(db, { createdBy: handler, reportedAt: '2026-11-20T10:00:00Z', victims: [victim], suspect, occasions: [] }), { suspect, victims: [victim], at: '2026-11-20T10:00:00Z' });
    expect(soon).toMatchObject({ joined: true, caseId: late.caseId });
    expect(soon.reason).toContain('finalised on 1 October 2026');
  });

  it('is idempotent: a report already in a case stays there', async () => {
    const db = vigil.deps.db;
    const victim = await person(db, 'Rowan', 'Sorrelby');
    const suspect = await person(db, 'Hollis', 'Dunmore');
    const r = await report(db, { createdBy: handler, reportedAt: '2026-08-01T10:00:00Z', victims: [victim], suspect, occasions: [] });
    const first = await submit(vigil, 'call-handler', r, { suspect, victims: [victim], at: '2026-08-01T10:00:00Z' });
    const again = await submit(vigil, 'call-handler', r, { suspect, victims: [victim], at: '2026-08-01T10:00:00Z' });
    expect(again).toMatchObject({ caseId: first.caseId, joined: false });
    expect((await db.selectFrom('case_reports').select('case_id').where('report_id', '=', r.id).execute()).length).toBe(1);
  });

  it('a restricted new case names the user who opened it', async () => {
    const db = vigil.deps.db;
    const victim = await person(db, 'Isolde', 'Nettlefold');
    const suspect = await person(db, 'Marlowe', 'Pebblebrook');
    const r = await report(db, { createdBy: handler, reportedAt: '2026-08-01T10:00:00Z', victims: [victim], suspect, occasions: [] });
    const result = await submit(vigil, 'call-handler', r, { suspect, victims: [victim], at: '2026-08-01T10:00:00Z', restricted: true });
    const c = await db.selectFrom('cases').select(['restricted']).where('id', '=', result.caseId).executeTakeFirstOrThrow();
    expect(c.restricted).toBe(true);
    const named = await db.selectFrom('record_access').select('user_id').where('record_type', '=', 'case').where('record_id', '=', result.caseId).execute();
    expect(named.map((n) => n.user_id)).toEqual([handler]);
  });

  it('runs in the caller’s transaction: if the caller fails, nothing is kept', async () => {
    const db = vigil.deps.db;
    const victim = await person(db, 'Elowen', 'Cobblestone');
    const suspect = await person(db, 'Fenwick', 'Thistledown');
    const r = await report(db, { createdBy: handler, reportedAt: '2026-08-01T10:00:00Z', victims: [victim], suspect, occasions: [] });
    const ctx = await contextFor(db, 'call-handler');
    await expect(
      db.transaction().execute(async (tx) => {
        await joinOrCreateCase(tx, ctx, { reportId: r.id, suspectPersonId: suspect, victimPersonIds: [victim], at: new Date('2026-08-01T10:00:00Z') });
        throw new Error('intake failed later');
      }),
    ).rejects.toThrow('intake failed later');
    expect(await db.selectFrom('case_reports').select('case_id').where('report_id', '=', r.id).execute()).toEqual([]);
    expect(await db.selectFrom('cases').select('id').where('suspect_person_id', '=', suspect).execute()).toEqual([]);
  });
});
